import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMANAH_IDS } from '@amanah/domain';
import { openTestStore } from '@amanah/store/testing';
import { startApi, type ApiUnderTest } from './testing.js';

// Rankings per 100,000 residents and the press's "ranked 3rd of 17", over real HTTP on a small store.
type TestStore = Awaited<ReturnType<typeof openTestStore>>;
let store: TestStore;
let api: ApiUnderTest;

// In-person visits in H1 2024 (fewer is better) and in H1 2023: Riyadh is largest, so last on the raw totals.
const VISITS_2024: Record<string, number> = { riyadh: 70, jeddah: 30, tabuk: 12 };
const VISITS_2023: Record<string, number> = { riyadh: 80, jeddah: 20, tabuk: 5 };
// Residents (libs/shared/domain population.ts): riyadh 7,009,100; jeddah 3,751,722; tabuk 886,036. Per 100,000:
// 2024 riyadh 0.999, jeddah 0.800, tabuk 1.354 → jeddah 1st, riyadh 2nd, tabuk 3rd.
// 2023 riyadh 1.141, jeddah 0.533, tabuk 0.564 → jeddah 1st, tabuk 2nd, riyadh 3rd.

beforeAll(async () => {
  store = await openTestStore();
  const rows = (visits: Record<string, number>, day: string) =>
    Object.entries(visits).flatMap(([amanah, n]) => Array.from({ length: n }, (_, i) => ({ ts: `${day} ${String(8 + (i % 10)).padStart(2, '0')}:00:00`, amanah, office: 'hq', with_appointment: i % 2 === 0, service: 'licenses' })));
  await store.insert('office_visits', [...rows(VISITS_2024, '2024-03-10'), ...rows(VISITS_2023, '2023-03-10')]);
  api = await startApi(store, { today: () => '2024-12-31' });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const H1 = { from: '2024-01-01', to: '2024-06-30' };

describe('fair rankings', () => {
  it('rank per 100,000 residents beside raw totals, with the rank change kept for both', async () => {
    const { data, errors } = await api.graphql(`query($range: DateRangeInput!) {
      ranking(metric: "office.visits", range: $range, compare: SAME_PERIOD_LAST_YEAR) {
        items { amanah value rank previousRank rankChange residents populationVerified perCapita perCapitaRank perCapitaPreviousRank perCapitaRankChange }
        population { source { ar en } year }
      }
    }`, { range: H1 });
    expect(errors).toBeUndefined();
    expect(data!.ranking.population).toEqual({ source: { ar: 'الهيئة العامة للإحصاء، تعداد السعودية 2022', en: 'General Authority for Statistics (GASTAT), Saudi Census 2022' }, year: 2022 });
    const items = data!.ranking.items as Array<Record<string, number>>;
    expect(items.map((i) => [i.amanah, i.value, i.rank, i.previousRank, i.rankChange])).toEqual([
      ['tabuk', 12, 1, 1, 0], ['jeddah', 30, 2, 2, 0], ['riyadh', 70, 3, 3, 0],
    ]);
    const byAmanah = Object.fromEntries(items.map((i) => [i.amanah, i]));
    expect(byAmanah.riyadh).toMatchObject({ residents: 7_009_100, populationVerified: false, perCapitaRank: 2, perCapitaPreviousRank: 3, perCapitaRankChange: 1 });
    expect(byAmanah.jeddah).toMatchObject({ residents: 3_751_722, populationVerified: true, perCapitaRank: 1, perCapitaPreviousRank: 1, perCapitaRankChange: 0 });
    expect(byAmanah.tabuk).toMatchObject({ residents: 886_036, perCapitaRank: 3, perCapitaPreviousRank: 2, perCapitaRankChange: -1 });
    expect(byAmanah.riyadh!.perCapita).toBeCloseTo((70 / 7_009_100) * 100_000, 10);
    // A share is comparable as it is: no per-capita rank.
    const share = await api.graphql(`query($range: DateRangeInput!) { ranking(metric: "office.appointment_share", range: $range) { items { amanah perCapita perCapitaRank } } }`, { range: H1 });
    expect(share.data!.ranking.items.every((i: Record<string, unknown>) => i.perCapita === null && i.perCapitaRank === null)).toBe(true);
  });

  it('press figures say "ranked 3rd of N" in Arabic and English; no per-capita rank while a residents figure behind it is unchecked', async () => {
    const { data, errors } = await api.graphql(`query($range: DateRangeInput!) {
      pressFigures(amanah: "riyadh", range: $range, metrics: ["office.visits"]) { rank rankOf perCapitaRank rankSentence rankSentences { ar en } }
    }`, { range: H1 });
    expect(errors).toBeUndefined();
    const [figure] = data!.pressFigures;
    // Riyadh city's residents are not yet checked against GASTAT's table (population.ts): its per-capita rank is not quoted.
    expect(figure).toMatchObject({ rank: 3, rankOf: 3, perCapitaRank: null });
    // Three of the 17 amanahs have data: the sentence says so, and does not read as a national rank.
    expect(figure.rankSentence).toBe('حلّت أمانة منطقة الرياض في المرتبة الثالثة من 3 أمانات وردت بياناتها في زيارات المراجعين');
    expect(figure.rankSentences.en).toBe('Riyadh Region Municipality ranked 3rd of 3 amanahs with data on In-person visits');
  });

  it('quotes the rank per 100,000 residents when every residents figure behind it is checked', async () => {
    // H1 2021: Jeddah (3,751,722) 30 visits, Tabuk (886,036) 12, Qassim (1,336,179) 20: per 100,000 Jeddah 0.80,
    // Qassim 1.50, Tabuk 1.35; fewer is better → Jeddah 1st, Tabuk 2nd, Qassim 3rd.
    const visits: Record<string, number> = { jeddah: 30, tabuk: 12, qassim: 20 };
    await store.insert('office_visits', Object.entries(visits).flatMap(([amanah, n]) => Array.from({ length: n }, () => ({ ts: '2021-03-10 09:00:00', amanah, office: 'hq', with_appointment: true, service: 'licenses' }))));
    const { data, errors } = await api.graphql(`query($range: DateRangeInput!) {
      pressFigures(amanah: "tabuk", range: $range, metrics: ["office.visits"], compare: NONE) { rank rankOf perCapitaRank rankSentences { ar en } }
    }`, { range: { from: '2021-01-01', to: '2021-06-30' } });
    expect(errors).toBeUndefined();
    const [figure] = data!.pressFigures;
    expect(figure).toMatchObject({ rank: 1, rankOf: 3, perCapitaRank: 2 });
    expect(figure.rankSentences.en).toContain('and ranked 2nd of 3 amanahs with data per 100,000 residents');
    expect(figure.rankSentences.ar).toContain('وفي المرتبة الثانية من 3 أمانات وردت بياناتها لكل 100 ألف نسمة');
  });

  it('every amanah with a value: "ranked 3rd of 17 amanahs"', async () => {
    // H1 2022: amanah i of AMANAH_IDS has i + 1 visits, so fewer-is-better ranks it (i + 1)th.
    const rows = AMANAH_IDS.flatMap((amanah, i) => Array.from({ length: i + 1 }, () => ({ ts: '2022-02-10 09:00:00', amanah, office: 'hq', with_appointment: true, service: 'licenses' })));
    await store.insert('office_visits', rows);
    const third = AMANAH_IDS[2]!;
    const { data, errors } = await api.graphql(`query($range: DateRangeInput!) {
      pressFigures(amanah: "${third}", range: $range, metrics: ["office.visits"], compare: NONE) { rank rankOf rankSentences { ar en } }
    }`, { range: { from: '2022-01-01', to: '2022-06-30' } });
    expect(errors).toBeUndefined();
    const [figure] = data!.pressFigures;
    expect(figure).toMatchObject({ rank: 3, rankOf: AMANAH_IDS.length });
    expect(figure.rankSentences.en).toContain(`ranked 3rd of ${AMANAH_IDS.length} amanahs on In-person visits`);
    expect(figure.rankSentences.ar).toContain(`في المرتبة الثالثة من ${AMANAH_IDS.length} أمانة في زيارات المراجعين`);
    expect(figure.rankSentences.en).not.toContain('with data');
  });

  it('a key limited to one amanah gets no rank: "1st of 1" among what it may see is no standing', async () => {
    const key = await api.key('press', ['tabuk']);
    const { data, errors } = await api.graphql(`query($range: DateRangeInput!) { pressFigures(amanah: "tabuk", range: $range, metrics: ["office.visits"]) { value rank rankOf perCapitaRank rankSentence rankSentences { ar } } }`, { range: H1 }, key);
    expect(errors).toBeUndefined();
    expect(data!.pressFigures[0]).toEqual({ value: 12, rank: null, rankOf: null, perCapitaRank: null, rankSentence: null, rankSentences: null });
  });
});
