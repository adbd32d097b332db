export { pressPhrase, type PressPhrase, type PressPhraseOptions, type PressPrecision } from './phrase.js';
export { pressChange, pressPercent, type PressChange, type PressPercentOptions } from './change.js';
export { metricNoun, type ArabicNoun, type PressNoun } from './nouns.js';
export { formatDecimal, formatInteger, type PressDigits, type PressLang } from './numerals.js';
export { pressRank } from './rank.js';
