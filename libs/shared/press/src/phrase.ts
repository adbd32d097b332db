import type { ArabicNoun, PressNoun } from './nouns.js';
import { formatDecimal, formatInteger, type PressDigits, type PressLang } from './numerals.js';

/**
 * How much of the figure a phrase keeps. Everything but `exact` and `compound` rounds DOWN, so that the
 * "أكثر من" / "more than" the phrase then carries is true.
 * - exact:         every digit as a numeral: "20404 رخصة", "1733 مراجعًا".
 * - compound:      every digit, spelled with scale words: "14 ألفًا و470 مشاركة", "مليونين و850 ألف رسالة".
 * - thousand:      down to the thousand: "أكثر من 11 مليونًا و300 ألف انطباع".
 * - scale_step:    the leading scale only: "أكثر من 6 ملايين زائر", "أكثر من 166 ألف مشترك".
 * - scale_decimal: the leading million/billion with one decimal: "أكثر من 1.8 مليون عملية".
 */
export type PressPrecision = 'exact' | 'compound' | 'thousand' | 'scale_step' | 'scale_decimal';

export interface PressPhraseOptions {
  lang: PressLang;
  /** Default `exact`: nothing is dropped unless the caller asks for it. */
  precision?: PressPrecision;
  /** Default `latn`. */
  digits?: PressDigits;
  /** The counted noun that follows the figure (see METRIC_NOUNS); without it the phrase is the figure alone. */
  noun?: PressNoun;
}

export interface PressPhrase {
  text: string;
  /** The value the text states: `value` floored to the precision. */
  rounded: number;
  /** True when `rounded < value`, i.e. when the text says "أكثر من" / "more than". */
  roundedDown: boolean;
}

interface Scale {
  value: number;
  en: string;
  ar: { singular: string; dual: string; construct: string; plural: string };
}

const SCALES: readonly Scale[] = [
  { value: 1e9, en: 'billion', ar: { singular: 'مليار', dual: 'مليارين', construct: 'ملياري', plural: 'مليارات' } },
  { value: 1e6, en: 'million', ar: { singular: 'مليون', dual: 'مليونين', construct: 'مليوني', plural: 'ملايين' } },
  { value: 1e3, en: 'thousand', ar: { singular: 'ألف', dual: 'ألفين', construct: 'ألفي', plural: 'آلاف' } },
];

const TANWEEN_FATH = '\u064B';
const MORE_THAN = { ar: 'أكثر من', en: 'more than' } as const;

/** One additive part of a figure: `count` × `scale` (no scale: a bare number below 1000). */
interface Part {
  count: number;
  scale?: Scale;
}

type Figure =
  | { kind: 'digits'; value: number }
  | { kind: 'parts'; parts: Part[] }
  | { kind: 'decimal'; tenths: number; scale: Scale };

function leadingScale(whole: number): Scale | undefined {
  return SCALES.find((scale) => whole >= scale.value);
}

function floorTo(whole: number, unit: number): number {
  // Integer arithmetic only: `whole / unit` can round up to the next integer for values near a boundary.
  return whole - (whole % unit);
}

function partsOf(whole: number): Part[] {
  const parts: Part[] = [];
  let rest = whole;
  for (const scale of SCALES) {
    const count = (rest - (rest % scale.value)) / scale.value;
    if (count > 0) parts.push({ count, scale });
    rest %= scale.value;
  }
  if (rest > 0 || parts.length === 0) parts.push({ count: rest });
  return parts;
}

function figureOf(whole: number, precision: PressPrecision): { rounded: number; figure: Figure } {
  switch (precision) {
    case 'exact':
      return { rounded: whole, figure: { kind: 'digits', value: whole } };
    case 'compound':
      return { rounded: whole, figure: { kind: 'parts', parts: partsOf(whole) } };
    case 'thousand': {
      const rounded = whole >= 1000 ? floorTo(whole, 1000) : whole;
      return { rounded, figure: { kind: 'parts', parts: partsOf(rounded) } };
    }
    case 'scale_step':
    case 'scale_decimal': {
      const scale = leadingScale(whole);
      if (!scale) return { rounded: whole, figure: { kind: 'parts', parts: partsOf(whole) } };
      // Tenths only for millions and billions: the press writes "1.8 مليون" but never "14.4 ألف".
      if (precision === 'scale_decimal' && scale.value >= 1e6) {
        const step = scale.value / 10;
        const rounded = floorTo(whole, step);
        const tenths = rounded / step;
        if (tenths % 10 !== 0) return { rounded, figure: { kind: 'decimal', tenths, scale } };
      }
      const rounded = floorTo(whole, scale.value);
      return { rounded, figure: { kind: 'parts', parts: partsOf(rounded) } };
    }
  }
}

/**
 * A count as press copy writes it, with its counted noun and "أكثر من" when the figure was rounded down.
 * `value` must be a finite, non-negative number; fractions are floored (and so marked as rounded down).
 */
export function pressPhrase(value: number, options: PressPhraseOptions): PressPhrase {
  if (!Number.isFinite(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`pressPhrase needs a finite count between 0 and ${Number.MAX_SAFE_INTEGER}, got ${value}`);
  }
  const { lang, precision = 'exact', digits = 'latn', noun } = options;
  const { rounded, figure } = figureOf(Math.floor(value), precision);
  const roundedDown = rounded < value;
  const body = lang === 'ar' ? arabicFigure(figure, digits, noun?.ar) : englishFigure(figure, rounded, precision, digits, noun?.en);
  return { text: roundedDown ? `${MORE_THAN[lang]} ${body}` : body, rounded, roundedDown };
}

// ── Arabic ────────────────────────────────────────────────────────────────────────────────────────────────────

/** A bare number and the noun it counts: 1 → "زائر واحد", 2 → "زائرين", 5 → "5 زوار", 33 → "33 زائرًا". */
function arabicCounted(n: number, digits: PressDigits, noun: ArabicNoun | undefined): string {
  const numeral = formatInteger(n, 'ar', digits);
  if (!noun) return numeral;
  if (n === 1) return `${noun.singular} ${noun.gender === 'f' ? 'واحدة' : 'واحد'}`;
  if (n === 2) return noun.dual;
  if (n >= 3 && n <= 10) return `${numeral} ${noun.plural}`;
  // The noun follows the number's last two digits read as one number: "1733 مراجعًا", but "20404 رخصة".
  // "105 خدمات" follows the same rule for a 3–10 ending (article 002); article 000 writes "20.404 رخصة" instead.
  const ending = n % 100;
  if (ending >= 11) return `${numeral} ${noun.accusative}`;
  if (ending >= 3) return `${numeral} ${noun.plural}`;
  return `${numeral} ${noun.singular}`;
}

/**
 * `count` × scale word. When the counted noun follows the scale word directly the two form a construct (إضافة),
 * so the dual drops its ن and 11–99 drop the tanween: "مليوني مشاهدة", "55 ألف مشترك"; otherwise "مليونين",
 * "11 مليونًا".
 */
function arabicScale(count: number, scale: Scale, digits: PressDigits, nounFollows: boolean): string {
  const words = scale.ar;
  if (count === 1) return words.singular;
  if (count === 2) return nounFollows ? words.construct : words.dual;
  const numeral = formatInteger(count, 'ar', digits);
  if (count <= 10) return `${numeral} ${words.plural}`;
  if (count <= 99 && !nounFollows) return `${numeral} ${words.singular}${TANWEEN_FATH}ا`;
  // From 100 up the scale word follows the count's last two digits, as the counted noun does: a 3–10 ending takes
  // the plural ("105 آلاف", "210 ملايين"); 00, 01, 02 and 11–99 take the plain singular the press writes
  // ("200 ألف", "101 ألف", "166 ألف").
  const ending = count % 100;
  if (count >= 100 && ending >= 3 && ending <= 10) return `${numeral} ${words.plural}`;
  return `${numeral} ${words.singular}`;
}

function arabicFigure(figure: Figure, digits: PressDigits, noun: ArabicNoun | undefined): string {
  const withNoun = (text: string): string => (noun ? `${text} ${noun.singular}` : text);
  switch (figure.kind) {
    case 'digits':
      return arabicCounted(figure.value, digits, noun);
    case 'decimal':
      return withNoun(`${formatDecimal(figure.tenths / 10, 'ar', digits, 1, 1)} ${figure.scale.ar.singular}`);
    case 'parts':
      return figure.parts
        .map((part, index) => {
          const last = index === figure.parts.length - 1;
          if (!part.scale) return arabicCounted(part.count, digits, last ? noun : undefined);
          const scaled = arabicScale(part.count, part.scale, digits, last && noun !== undefined);
          return last ? withNoun(scaled) : scaled;
        })
        // "و" is a prefix and is written joined to the word after it: "11 مليونًا و300 ألف".
        .join(' و');
  }
}

// ── English ───────────────────────────────────────────────────────────────────────────────────────────────────

function englishFigure(
  figure: Figure,
  rounded: number,
  precision: PressPrecision,
  digits: PressDigits,
  noun: PressNoun['en'] | undefined,
): string {
  let number: string;
  if (figure.kind === 'decimal') {
    number = `${formatDecimal(figure.tenths / 10, 'en', digits, 1, 1)} ${figure.scale.en}`;
  } else {
    // English copy groups digits ("14,470", "166,000") and says "million"/"billion" only for figures that were
    // rounded to a scale ("2.85 million"); exact and compound figures keep every digit.
    const scale = precision === 'exact' || precision === 'compound' ? undefined : leadingScale(rounded);
    number =
      scale && scale.value >= 1e6
        ? `${formatDecimal(rounded / scale.value, 'en', digits, 0, 6)} ${scale.en}`
        : formatInteger(rounded, 'en', digits);
  }
  if (!noun) return number;
  return `${number} ${rounded === 1 && figure.kind !== 'decimal' ? noun.singular : noun.plural}`;
}
