import { describe, expect, it } from 'vitest';
import { findMetric } from '@amanah/metrics';
import { withPerCapita } from './fair-ranking.js';

const l = { ar: '', en: '' };
const item = (amanah: string, value: number, rank: number, previousValue: number, previousRank: number) => ({ amanah, label: l, value, rank, previousValue, previousRank });

describe('rankings per 100,000 residents', () => {
  it('Riyadh, last on in-person visits for being large, is first per resident', () => {
    // Fewer visits is better. Raw: Tabuk 200 (1st), Riyadh 1000 (2nd). Per 100,000: Riyadh 1000 / 7,009,100 = 14.27,
    // Tabuk 200 / 886,036 = 22.57. The period before: Riyadh 3000 (42.80), Tabuk 100 (11.29): Riyadh moved up one.
    const ranked = withPerCapita([item('tabuk', 200, 1, 100, 1), item('riyadh', 1000, 2, 3000, 2)], findMetric('office.visits')!);
    expect(ranked.map((r) => [r.amanah, r.residents, r.perCapitaRank, r.perCapitaPreviousRank, r.perCapitaRankChange])).toEqual([
      ['tabuk', 886_036, 2, 1, -1],
      ['riyadh', 7_009_100, 1, 2, 1],
    ]);
    expect(ranked[1]!.perCapita).toBeCloseTo((1000 / 7_009_100) * 100_000, 10);
    expect(ranked[0]!.perCapita).toBeCloseTo(22.572, 3);
  });

  it('a share has no per-capita form', () => {
    const ranked = withPerCapita([item('tabuk', 80, 1, 70, 1)], findMetric('office.appointment_share')!);
    expect(ranked[0]).toMatchObject({ residents: 886_036, perCapita: null, perCapitaRank: null, perCapitaRankChange: null });
  });
});
