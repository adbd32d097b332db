import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordDataChange } from '@amanah/store';
import { ARTICLE_RANGES } from '@amanah/seed';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
import { startApi, type ApiUnderTest } from '../analytics/testing.js';

// Certified fact sheets over real HTTP on the seeded store: locking, reading back, and a restatement after new data.
let store: SeededTestStore;
let api: ApiUnderTest;

beforeAll(async () => {
  store = await openSeededTestStore();
  api = await startApi(store, { today: () => '2024-12-31' });
});
afterAll(async () => {
  await api?.close();
  await store?.dispose();
});

const SHEET_FIELDS = `id title amanah amanahName { ar en } range { from to } compare precision digits lockedAt lockedBy dataVersion restatedCount
  figures { position metric title { en } filters { dimension values } lockedValue lockedPrevious lockedChangePct currentValue
            phrases { ar en } changePhrases { ar en } sentences { ar en }
            provenance { metric source range { from to } dataVersion } currentProvenance { dataVersion }
            restatement { old new sentences { ar en } why { ar en } ingestBatches ingestedRows } }`;

const LOCK = `mutation Lock($title: String!, $amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $figures: [PressFigureInput!], $compare: Comparison) {
  lockFactSheet(title: $title, amanah: $amanah, range: $range, metrics: $metrics, figures: $figures, compare: $compare) { ${SHEET_FIELDS} }
}`;
const SHEET = `query Sheet($id: ID!) { factSheet(id: $id) { ${SHEET_FIELDS} } }`;
const SHEETS = `query Sheets($amanah: ID) { factSheets(amanah: $amanah) { id amanah title restatedCount } }`;

const tabukH1 = ARTICLE_RANGES.tabukFirstHalf2024;

async function lockTabukSheet(title: string, key?: string) {
  const { data, errors } = await api.graphql(LOCK, {
    title, amanah: 'tabuk', range: tabukH1, compare: 'SAME_PERIOD_LAST_YEAR',
    figures: [{ metric: 'office.visits' }, { metric: 'support.tickets' }],
  }, key);
  expect(errors).toBeUndefined();
  return data!.lockFactSheet;
}

/** In-person visits at Tabuk in March 2024, as rows of the office_visits dataset. */
const marchVisits = (count: number, minute: number) =>
  Array.from({ length: count }, (_, i) => ({
    ts: `2024-03-${String(10 + i).padStart(2, '0')} 10:${String(minute).padStart(2, '0')}:00`,
    amanah: 'tabuk', office: 'HQ', with_appointment: true, service: 'other',
  }));

describe('certified fact sheets', () => {
  it('locks the figures with their values, phrases, sentences and provenance, and reads them back unchanged', async () => {
    const locked = await lockTabukSheet('Tabuk H1 2024 press release');
    expect(locked).toMatchObject({
      title: 'Tabuk H1 2024 press release', amanah: 'tabuk', amanahName: { en: 'Tabuk Region Municipality' }, range: tabukH1,
      compare: 'SAME_PERIOD_LAST_YEAR', precision: 'AUTO', digits: 'LATN', lockedBy: 'KPI_ADMIN_KEY (bootstrap)', restatedCount: 0,
    });
    const [visits] = locked.figures;
    expect(visits).toMatchObject({
      metric: 'office.visits', lockedValue: 1733, lockedPrevious: 5393, currentValue: 1733, restatement: null,
      phrases: { ar: '1733 مراجعًا' }, changePhrases: { ar: 'انخفاض بنسبة 67.87%', en: 'a decrease of 67.87%' },
      provenance: { metric: 'office.visits', source: 'rollup', range: tabukH1 },
    });
    expect(visits.sentences.ar).toContain('، بانخفاض بنسبة 67.87% مقارنة بالفترة ذاتها من عام 2023');

    const { data } = await api.graphql(SHEET, { id: locked.id });
    expect(data!.factSheet).toEqual(locked);
    const list = await api.graphql(SHEETS, { amanah: 'tabuk' });
    expect(list.data!.factSheets.map((s: { id: string }) => s.id)).toContain(locked.id);
  });

  it('shows a restatement, old and new, after rows are written straight into the store', async () => {
    const locked = await lockTabukSheet('Before a correction');
    // A correction written straight into the store, not through the ingest route (so no audit row), recorded as a
    // change of the data as every write is.
    await store.insert('office_visits', marchVisits(4, 1));
    await recordDataChange(store, 'manual', 'a correction by hand');

    const { data } = await api.graphql(SHEET, { id: locked.id });
    const sheet = data!.factSheet;
    expect(sheet.restatedCount).toBe(1);
    const [visits, tickets] = sheet.figures;
    expect(visits).toMatchObject({ lockedValue: 1733, currentValue: 1737, phrases: { ar: '1733 مراجعًا' } });
    expect(visits.sentences.ar).toContain('1733 مراجعًا'); // the certified sentence is not rewritten
    expect(visits.restatement).toMatchObject({ old: 1733, new: 1737, ingestBatches: 0 });
    expect(visits.restatement.sentences.ar).toContain('1737 مراجعًا');
    expect(visits.restatement.why.en).toBe('The recomputed value differs from the certified one; no ingest batch was recorded for office_visits after the lock');
    expect(visits.currentProvenance.dataVersion).toBeGreaterThan(visits.provenance.dataVersion);
    expect(tickets.restatement).toBeNull();
  });

  it('names the ingest batches committed after the lock as the reason (POST /api/ingest with an ingest key)', async () => {
    const locked = await lockTabukSheet('Before an ingest');
    const before = locked.figures[0].lockedValue as number;
    const writer = await api.key('ingest', ['tabuk']);
    const response = await fetch(`${api.url}/api/ingest/office_visits`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${writer}`, 'idempotency-key': 'tabuk-march-correction' },
      body: marchVisits(3, 2).map((row) => JSON.stringify(row)).join('\n'),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ dataset: 'office_visits', rowsInserted: 3 });
    // The controller writes its audit row just after answering: wait for it rather than race it.
    await vi.waitFor(async () => {
      const [row] = await store.select<{ n: string }>(`SELECT count() AS n FROM ingest_audit WHERE idempotency_key = 'tabuk-march-correction'`);
      expect(Number(row!.n)).toBe(1);
    });

    const { data } = await api.graphql(SHEET, { id: locked.id });
    const visits = data!.factSheet.figures[0];
    expect(visits.restatement).toMatchObject({ old: before, new: before + 3, ingestBatches: 1, ingestedRows: 3 });
    expect(visits.restatement.why.en).toMatch(/^1 ingest batch committed to office_visits after the lock \(3 rows, the last at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d Riyadh time\)$/);
    expect(visits.restatement.why.ar).toContain('عدد دفعات البيانات المضافة إلى office_visits بعد الاعتماد: 1');
  });

  it("counts only the sheet's amanah in a restatement: other amanahs' batches and rows are not its reason", async () => {
    const locked = await lockTabukSheet('Before batches of two amanahs');
    const before = locked.figures[0].lockedValue as number;
    const ingest = async (key: string, idempotencyKey: string, rows: object[]) => {
      const response = await fetch(`${api.url}/api/ingest/office_visits`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}`, 'idempotency-key': idempotencyKey },
        body: rows.map((row) => JSON.stringify(row)).join('\n'),
      });
      expect(response.status).toBe(200);
    };
    const jeddah = (rows: object[]) => rows.map((row) => ({ ...row, amanah: 'jeddah' }));
    // Jeddah's own batch (5 rows), then one batch of an unscoped key with 2 Tabuk rows and 4 Jeddah rows.
    await ingest(await api.key('ingest', ['jeddah']), 'two-amanahs-jeddah', jeddah(marchVisits(5, 3)));
    await ingest(await api.key('ingest', 'all'), 'two-amanahs-mixed', [...marchVisits(2, 4), ...jeddah(marchVisits(4, 4))]);
    await vi.waitFor(async () => {
      const [row] = await store.select<{ n: string }>(`SELECT count() AS n FROM ingest_audit WHERE startsWith(idempotency_key, 'two-amanahs-')`);
      expect(Number(row!.n)).toBe(2);
    });

    const { data } = await api.graphql(SHEET, { id: locked.id });
    const visits = data!.factSheet.figures[0];
    expect(visits.restatement).toMatchObject({ old: before, new: before + 2, ingestBatches: 1, ingestedRows: 2 });
    expect(visits.restatement.why.en).toMatch(/^1 ingest batch committed to office_visits after the lock \(2 rows, /);
  });

  it('keeps scoped keys to their amanahs: they lock and see only those sheets', async () => {
    const jeddahKey = await api.key('press', ['jeddah']);
    const tabukKey = await api.key('press', ['tabuk']);
    const tabukSheet = await lockTabukSheet('Locked by Tabuk’s own key', tabukKey);
    expect(tabukSheet.lockedBy).toBe('test press');

    const refused = await api.graphql(LOCK, { title: 'Not mine', amanah: 'tabuk', range: tabukH1, metrics: ['office.visits'] }, jeddahKey);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await api.graphql(SHEET, { id: tabukSheet.id }, jeddahKey)).data!.factSheet).toBeNull();
    const listed = await api.graphql(SHEETS, {}, jeddahKey);
    expect(listed.data!.factSheets).toEqual([]);
    expect((await api.graphql(SHEETS, { amanah: 'tabuk' }, jeddahKey)).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const own = await api.graphql(SHEETS, {}, tabukKey);
    expect(own.data!.factSheets.every((s: { amanah: string }) => s.amanah === 'tabuk')).toBe(true);
    expect(own.data!.factSheets.map((s: { id: string }) => s.id)).toContain(tabukSheet.id);
  });

  it('refuses a viewer key and an empty title', async () => {
    const viewer = await api.key('viewer', 'all');
    const refused = await api.graphql(LOCK, { title: 'x', amanah: 'tabuk', range: tabukH1, metrics: ['office.visits'] }, viewer);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const untitled = await api.graphql(LOCK, { title: '  ', amanah: 'tabuk', range: tabukH1, metrics: ['office.visits'] });
    expect(untitled.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'title' });
  });

  it('refuses titles with control or bidi-override characters, or longer than 200 characters, naming the argument; nothing is locked', async () => {
    const before = (await api.graphql(SHEETS, {})).data!.factSheets.length;
    for (const title of ['press\u0000release', 'press release\nfor Tabuk', 'release \u202Efdp.exe', 'a\u2067b', 'x'.repeat(201)]) {
      const refused = await api.graphql(LOCK, { title, amanah: 'tabuk', range: tabukH1, metrics: ['office.visits'] });
      expect(refused.errors?.[0]?.extensions, JSON.stringify(title)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'title' });
      expect(refused.errors![0]!.message).toMatch(/^title must /);
    }
    const figureTitle = await api.graphql(LOCK, {
      title: 'Tabuk', amanah: 'tabuk', range: tabukH1, figures: [{ metric: 'office.visits', title: 'visits\u202E' }],
    });
    expect(figureTitle.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'figures[0].title' });
    expect((await api.graphql(SHEETS, {})).data!.factSheets.length).toBe(before);
    // Arabic with Latin and the RLM/LRM marks is an ordinary title.
    expect((await lockTabukSheet('بيان تبوك \u200F(H1 2024)\u200E')).title).toBe('بيان تبوك \u200F(H1 2024)\u200E');
  });
});
