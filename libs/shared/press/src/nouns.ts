import { METRICS, type PressNoun } from '@amanah/metrics';

/**
 * Counted nouns. The lexicon (`PRESS_NOUNS`, with the four Arabic forms of each word) lives in @amanah/metrics
 * (src/nouns.ts) and each metric's noun in its catalogue entry (`press.noun`); this module gives them to the grammar.
 */
export { PRESS_NOUNS, type ArabicNoun, type PressNoun } from '@amanah/metrics';

/**
 * The counted noun of each countable metric of the contract, read from the catalogue. Percent and hours metrics
 * have none: they are phrased with pressPercent / pressChange, or not at all.
 */
export const METRIC_NOUNS: Readonly<Record<string, PressNoun>> = Object.fromEntries(
  [...METRICS.values()].flatMap((metric) => (metric.press?.noun ? [[metric.id, metric.press.noun]] : [])),
);

/** The counted noun of a metric, or undefined for metrics that are not counts (percentages, hours). */
export function metricNoun(metricId: string): PressNoun | undefined {
  return Object.hasOwn(METRIC_NOUNS, metricId) ? METRIC_NOUNS[metricId] : undefined;
}
