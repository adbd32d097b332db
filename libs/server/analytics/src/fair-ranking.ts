import { isAmanahId, POPULATION, POPULATION_SOURCE, POPULATION_YEAR, per100k, type Localized } from '@amanah/domain';
import type { Direction, MetricDefinition } from '@amanah/metrics';
import { isAdditive, type RankingItem } from '@amanah/query';

/**
 * Fair rankings: beside the raw totals, each amanah's value per 100,000 residents (libs/shared/domain population.ts,
 * GASTAT census 2022) and its rank by that, now and in the comparison period, so a large amanah is not "last" on
 * in-person visits for being large. Only for metrics whose value grows with the population (counts, sums, daily
 * averages, levels); a share or a median is already comparable and has no per-capita form (null).
 */
export interface PerCapitaFields {
  residents: number | null;
  /** False when the residents figure was not checked against GASTAT's table (population.ts says which): mark it, never quote it. */
  populationVerified: boolean | null;
  perCapita: number | null;
  perCapitaRank: number | null;
  perCapitaPreviousRank: number | null;
  /** Places gained per 100,000 residents since the comparison period (positive = moved up). */
  perCapitaRankChange: number | null;
}

/** Where the residents behind perCapita come from, as a ranking states it. */
export const POPULATION_REFERENCE: { source: Localized; year: number } = { source: POPULATION_SOURCE, year: POPULATION_YEAR };

export function withPerCapita<T extends RankingItem>(items: readonly T[], metric: MetricDefinition): Array<T & PerCapitaFields> {
  const scaled = (value: number | null, amanah: string) => (value !== null && isAmanahId(amanah) && isAdditive(metric) ? per100k(value, amanah) : null);
  const current = rankBy(items.map((item) => ({ key: item.amanah, value: scaled(item.value, item.amanah) })), metric.direction);
  const previous = rankBy(items.map((item) => ({ key: item.amanah, value: scaled(item.previousValue, item.amanah) })), metric.direction);
  return items.map((item) => {
    const perCapitaRank = current.get(item.amanah) ?? null;
    const perCapitaPreviousRank = previous.get(item.amanah) ?? null;
    return {
      ...item,
      residents: isAmanahId(item.amanah) ? POPULATION[item.amanah].residents : null,
      populationVerified: isAmanahId(item.amanah) ? POPULATION[item.amanah].verified !== 'unverified' : null,
      perCapita: scaled(item.value, item.amanah),
      perCapitaRank,
      perCapitaPreviousRank,
      perCapitaRankChange: perCapitaRank !== null && perCapitaPreviousRank !== null ? perCapitaPreviousRank - perCapitaRank : null,
    };
  });
}

/** 1 = best by the metric's direction; ties keep the order given (the raw ranking's). */
function rankBy(values: Array<{ key: string; value: number | null }>, direction: Direction): Map<string, number> {
  const sorted = values.filter((v): v is { key: string; value: number } => v.value !== null);
  sorted.sort((a, b) => (direction === 'down_is_good' ? a.value - b.value : b.value - a.value));
  return new Map(sorted.map((v, i) => [v.key, i + 1]));
}
