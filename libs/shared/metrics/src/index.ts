export * from './types.js';
export * from './dimensions.js';
export * from './catalogue.js';
export { describeMetric } from './describe.js';
export { PRESS_NOUNS, type ArabicNoun, type PressNoun } from './nouns.js';
export { splitFiltersFor, targetFiltersKey, type DimensionFilterValues } from './filters.js';
