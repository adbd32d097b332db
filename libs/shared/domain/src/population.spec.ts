import { describe, expect, it } from 'vitest';
import { AMANAH_IDS } from './amanahs.js';
import { per100k, POPULATION } from './population.js';

describe('population per amanah (GASTAT census 2022)', () => {
  it('has one positive whole figure per amanah, with its area in both languages', () => {
    expect(Object.keys(POPULATION).sort()).toEqual([...AMANAH_IDS].sort());
    for (const id of AMANAH_IDS) {
      const { residents, area } = POPULATION[id];
      expect(Number.isInteger(residents) && residents > 100_000, id).toBe(true);
      expect(area.ar && area.en, id).toBeTruthy();
    }
  });

  it('the regional figures marked `sum` are part of a set that adds up to the census total', () => {
    // The nine region amanahs, the Eastern, Riyadh, Makkah and Madinah regions (5,125,254; 8,591,748; 8,021,463; 2,137,983).
    const regions = AMANAH_IDS.filter((id) => POPULATION[id].verified === 'sum').reduce((sum, id) => sum + POPULATION[id].residents, 0);
    expect(regions + 5_125_254 + 8_591_748 + 8_021_463 + 2_137_983).toBe(32_175_224);
  });

  it('divides per 100,000 residents', () => {
    expect(per100k(886_036, 'tabuk')).toBeCloseTo(100_000, 6);
    expect(per100k(1733, 'tabuk')).toBeCloseTo(195.59, 2);
  });
});
