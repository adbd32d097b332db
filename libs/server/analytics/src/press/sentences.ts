import { toHijri } from '@amanah/calendar';
import type { Amanah, Comparison } from '@amanah/domain';
import { findMetric, memberLabel, type DimensionId, type Localized, type MetricDefinition } from '@amanah/metrics';
import {
  formatDecimal, formatInteger, metricNoun, pressChange, pressPercent, pressPhrase, type PressDigits, type PressLang, type PressPrecision,
} from '@amanah/press';

/**
 * Press sentences: a figure, its amanah and its period, written the way a press release writes them, in Arabic and
 * English. Pure (no I/O); the press service fills them with the analytics service's values. Templates are data: each
 * metric's catalogue entry carries its own (`press.sentence`), with a generic fallback for a metric that has none.
 */

/**
 * `auto` is the precision a press team would pick without thinking about it: figures of 100,000 and more keep only
 * their leading scale ("أكثر من 6 ملايين", "أكثر من 166 ألف"), smaller ones are written exactly ("1733 مراجعًا",
 * "14470 مشاركة"). The line is where the articles switch: every figure below it is quoted to the unit.
 */
export type SentencePrecision = PressPrecision | 'auto';
const AUTO_SCALE_STEP_FROM = 100_000;

export function precisionFor(value: number, precision: SentencePrecision): PressPrecision {
  if (precision !== 'auto') return precision;
  return value >= AUTO_SCALE_STEP_FROM ? 'scale_step' : 'exact';
}

export type SentenceComparison = Exclude<Comparison, 'NONE'>;

export interface SentenceFilter {
  dimension: string;
  values: readonly string[];
}

export interface SentenceInput {
  metric: MetricDefinition;
  amanah: Amanah;
  /** Filters other than the amanah, as applied. */
  filters: readonly SentenceFilter[];
  range: { from: string; to: string };
  /** null: a ratio without rows in the range. */
  value: number | null;
  comparison?: { compare: SentenceComparison; previousRange: { from: string; to: string }; changePct: number | null } | null;
  precision?: SentencePrecision;
  digits?: PressDigits;
  /** The calendar of the sentence's dates (default Gregorian). */
  calendar?: PressCalendar;
}

/** Dates in press sentences: Gregorian, or Hijri (Umm al-Qura) when the reader chose it. */
export type PressCalendar = 'gregory' | 'hijri';

export interface PressSentences {
  /** The figure with its noun: "أكثر من 6 ملايين زائر" / "more than 6 million visitors". */
  phrase: Localized;
  /** "انخفاض بنسبة 67.87%" / "a decrease of 67.87%"; null without a comparison or when the previous value is 0. */
  changePhrase: Localized | null;
  sentence: Localized;
  /** The value the phrase states (floored to the precision); null when there is no value. */
  rounded: number | null;
  roundedDown: boolean;
}

/** `{amanah}`, `{figure}`, `{filters}` are filled in; without `{filters}` the filter clause follows the figure. */
type Template = Localized;

const t = (ar: string, en: string): Template => ({ ar, en });

/** Each metric's template is its catalogue entry's `press.sentence` (libs/shared/metrics/src/catalogue.ts). */
function sentenceTemplate(metricId: string): Template | undefined {
  return findMetric(metricId)?.press?.sentence;
}

/** The fallback: the metric's own label ("بلغ عدد زيارات البوابة في … 1733"). */
function genericTemplate(metric: MetricDefinition): Template {
  return t(`بلغ ${metric.label.ar} في {amanah}{filters} {figure}`, `${metric.label.en} at {amanah}{filters}: {figure}`);
}

export function hasSentenceTemplate(metricId: string): boolean {
  return sentenceTemplate(metricId) !== undefined;
}

function isLevel(metric: MetricDefinition): boolean {
  return metric.aggregate.fn === 'last_level';
}

const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * A Riyadh calendar day, month in words: "1 يناير 2023" / "1 January 2023"; in the Hijri calendar
 * "1 رمضان 1446 هـ" / "1 Ramadan 1446 AH".
 */
function dateFormat(lang: PressLang, digits: PressDigits, calendar: PressCalendar): Intl.DateTimeFormat {
  const key = `${lang}|${digits}|${calendar}`;
  let format = DATE_FORMATS.get(key);
  if (!format) {
    // en-GB writes day before month, as the Arabic does; UTC because the string is a calendar day, not an instant.
    format = new Intl.DateTimeFormat(lang === 'ar' ? 'ar' : 'en-GB', {
      day: 'numeric', month: 'long', year: 'numeric', calendar: calendar === 'hijri' ? 'islamic-umalqura' : 'gregory', numberingSystem: digits, timeZone: 'UTC',
    });
    DATE_FORMATS.set(key, format);
  }
  return format;
}

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

export function pressDate(day: string, lang: PressLang, digits: PressDigits = 'latn', calendar: PressCalendar = 'gregory'): string {
  return dateFormat(lang, digits, calendar).format(asDate(day));
}

/** "1 January – 30 June 2023": Intl drops what both ends share. */
export function pressDateRange(range: { from: string; to: string }, lang: PressLang, digits: PressDigits = 'latn', calendar: PressCalendar = 'gregory'): string {
  // ICU puts thin spaces around the dash; copied into a document they become odd glyphs, so plain spaces.
  return dateFormat(lang, digits, calendar).formatRange(asDate(range.from), asDate(range.to)).replace(/[\u2009\u202F]/g, ' ');
}

function listOf(items: readonly string[], lang: PressLang): string {
  return new Intl.ListFormat(lang === 'ar' ? 'ar' : 'en-GB', { type: 'conjunction' }).format(items);
}

/** Platforms read "على تويتر" / "on Twitter"; any other filter is named in brackets after the figure. */
function filterClause(filters: readonly SentenceFilter[], lang: PressLang): string {
  const clauses = filters.map((filter) => {
    const labels = filter.values.map((value) => memberLabel(filter.dimension as DimensionId, value)[lang]);
    if (filter.dimension === 'platform') return lang === 'ar' ? ` على ${listOf(labels, 'ar')}` : ` on ${listOf(labels, 'en')}`;
    return ` (${listOf(labels, lang)})`;
  });
  return clauses.join('');
}

interface Figure {
  text: Localized;
  rounded: number | null;
  roundedDown: boolean;
}

function figureOf(input: SentenceInput): Figure {
  const { metric, value } = input;
  const digits = input.digits ?? 'latn';
  if (value === null) return { text: { ar: 'لا تتوفر بيانات', en: 'no data' }, rounded: null, roundedDown: false };
  if (metric.unit === 'percent') {
    return { text: { ar: pressPercent(value, 'ar', { digits }), en: pressPercent(value, 'en', { digits }) }, rounded: Math.round(value * 100) / 100, roundedDown: false };
  }
  if (metric.unit === 'hours') {
    // A duration, not a count: one decimal, "ساعة" whatever the number (as the brief's style sheet asks).
    const hours = Math.round(value * 10) / 10;
    return { text: { ar: `${formatDecimal(hours, 'ar', digits, 0, 1)} ساعة`, en: `${formatDecimal(hours, 'en', digits, 0, 1)} hours` }, rounded: hours, roundedDown: false };
  }
  const precision = precisionFor(value, input.precision ?? 'auto');
  const noun = metricNoun(metric.id);
  const ar = pressPhrase(value, { lang: 'ar', precision, digits, noun });
  const en = pressPhrase(value, { lang: 'en', precision, digits, noun });
  return { text: { ar: ar.text, en: en.text }, rounded: ar.rounded, roundedDown: ar.roundedDown };
}

function periodClause(input: SentenceInput, lang: PressLang): string {
  const digits = input.digits ?? 'latn';
  const calendar = input.calendar ?? 'gregory';
  const { from, to } = input.range;
  if (isLevel(input.metric)) return lang === 'ar' ? ` بنهاية ${pressDate(to, 'ar', digits, calendar)}` : ` as of ${pressDate(to, 'en', digits, calendar)}`;
  return lang === 'ar'
    ? ` خلال الفترة من ${pressDate(from, 'ar', digits, calendar)} إلى ${pressDate(to, 'ar', digits, calendar)}`
    : ` between ${pressDate(from, 'en', digits, calendar)} and ${pressDate(to, 'en', digits, calendar)}`;
}

function comparisonClause(input: SentenceInput, change: Localized | null, lang: PressLang): string {
  const comparison = input.comparison;
  if (!comparison || !change) return '';
  const digits = input.digits ?? 'latn';
  const calendar = input.calendar ?? 'gregory';
  const previous = comparison.previousRange;
  if (lang === 'en') return `, ${change.en} compared with ${pressDateRange(previous, 'en', digits, calendar)}`;
  const sameYear = previous.from.slice(0, 4) === previous.to.slice(0, 4);
  const hijriYear = toHijri(previous.from).year;
  const against =
    comparison.compare === 'SAME_PERIOD_LAST_YEAR' && sameYear && calendar === 'gregory'
      ? `الفترة ذاتها من عام ${formatInteger(Number(previous.from.slice(0, 4)), 'ar', digits)}`
      : comparison.compare === 'SAME_PERIOD_LAST_HIJRI_YEAR' && toHijri(previous.to).year === hijriYear
        ? `الفترة ذاتها من عام ${formatInteger(hijriYear, 'ar', digits)} هـ`
        : `الفترة من ${pressDate(previous.from, 'ar', digits, calendar)} إلى ${pressDate(previous.to, 'ar', digits, calendar)}`;
  // "بانخفاض بنسبة …", "بارتفاع بنسبة …", "بدون تغيير".
  return `، ب${change.ar} مقارنة ب${against}`;
}

function fill(template: string, parts: { amanah: string; figure: string; filters: string }): string {
  const withFilters = template.includes('{filters}') ? template : template.replace('{figure}', '{figure}{filters}');
  return withFilters.replace('{amanah}', parts.amanah).replace('{figure}', parts.figure).replace('{filters}', parts.filters);
}

/** The figure's phrase, its change and the whole sentence, in both languages. */
export function pressSentences(input: SentenceInput): PressSentences {
  const digits = input.digits ?? 'latn';
  const figure = figureOf(input);
  const changePct = input.comparison?.changePct;
  const changePhrase =
    input.comparison && changePct !== null && changePct !== undefined && Number.isFinite(changePct)
      ? { ar: pressChange(changePct, 'ar', { digits }).text, en: pressChange(changePct, 'en', { digits }).text }
      : null;
  const template = sentenceTemplate(input.metric.id) ?? genericTemplate(input.metric);
  const sentence = (lang: PressLang) =>
    fill(template[lang], {
      amanah: lang === 'ar' ? input.amanah.nameAr : input.amanah.nameEn,
      figure: figure.text[lang],
      filters: filterClause(input.filters, lang),
    }) +
    periodClause(input, lang) +
    comparisonClause(input, changePhrase, lang);
  return {
    phrase: figure.text,
    changePhrase,
    sentence: { ar: sentence('ar'), en: sentence('en') },
    rounded: figure.rounded,
    roundedDown: figure.roundedDown,
  };
}
