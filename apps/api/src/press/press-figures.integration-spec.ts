import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_RANGES, PUBLISHED_FIGURES } from '@amanah/seed';
import { openSeededTestStore, type SeededTestStore } from '@amanah/seed/testing';
import { startApi, type ApiUnderTest } from '../analytics/testing.js';

// pressFigures and pressPhrase over real HTTP on the seeded demo store, against what the articles publish.
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

const FIGURES = `query PressFigures($amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $figures: [PressFigureInput!],
  $compare: Comparison, $lang: PressLanguage, $precision: PressPrecision, $digits: PressDigits) {
  pressFigures(amanah: $amanah, range: $range, metrics: $metrics, figures: $figures, compare: $compare, lang: $lang,
               precision: $precision, digits: $digits) {
    position metric { id dataset } title { ar en } filters { dimension values } value previous changePct
    range { from to } previousRange { from to } rounded roundedDown phrase phrases { ar en } changePhrase sentence
    sentences { ar en }
    provenance { metric definition source table exact range { from to } filters { dimension values } asOf dataVersion }
  }
}`;

// GraphQL answers are checked field by field below; a loose type keeps the assertions readable.
type Figure = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function figures(variables: Record<string, unknown>, key?: string): Promise<Figure[]> {
  const { data, errors } = await api.graphql(FIGURES, variables, key);
  expect(errors).toBeUndefined();
  return data!.pressFigures as Figure[];
}

const jp = ARTICLE_RANGES.jeddahPortal;
const er = ARTICLE_RANGES.easternRaqmi;

describe('pressFigures: Jeddah e-portal report (article 000)', () => {
  it('without metrics, answers the press dashboard’s figures, the visits sentence as the article writes it', async () => {
    const answer = await figures({ amanah: 'jeddah', range: jp });
    expect(answer.map((f) => f.metric.id)).toEqual([
      'portal.visits', 'portal.daily_avg_visits', 'participations.count', 'social.followers', 'social.impressions',
      'notifications.sent', 'notifications.sent', 'support.tickets', 'services.requests', 'licenses.issued',
      'archive.documents', 'office.visits',
    ]);
    const visits = answer[0]!;
    expect(visits.phrase).toBe('أكثر من 6 ملايين زائر');
    expect(visits.sentence).toBe(
      'استقبلت البوابة الإلكترونية لأمانة محافظة جدة أكثر من 6 ملايين زائر خلال الفترة من 1 يناير 2023 إلى 31 ديسمبر 2024',
    );
    expect(visits.sentences.en).toBe(
      'The Jeddah Municipality e-portal received more than 6 million visitors between 1 January 2023 and 31 December 2024',
    );
    expect(visits).toMatchObject({ rounded: 6_000_000, roundedDown: true, changePhrase: null, previous: null });
    expect(visits.value).toBeGreaterThanOrEqual(6_000_000);
    // Provenance: the metric's definition, the range, the amanah filter, the table and the data version.
    expect(visits.provenance).toMatchObject({
      metric: 'portal.visits', range: jp, source: 'rollup', table: 'portal_visits_monthly', exact: true,
      filters: [{ dimension: 'amanah', values: ['jeddah'] }],
    });
    expect(visits.provenance.definition.length).toBeGreaterThan(0);
    expect(visits.provenance.dataVersion).toBeGreaterThanOrEqual(1);
    // The widget's filters and title come along: Twitter followers are a level, "as of" the last day.
    const twitter = answer[3]!;
    expect(twitter).toMatchObject({ title: { en: 'Twitter followers' }, filters: [{ dimension: 'platform', values: ['twitter'] }], value: 2_200_000 });
    expect(twitter.sentence).toBe('وصلت حسابات أمانة محافظة جدة على تويتر (إكس) إلى أكثر من مليوني متابع بنهاية 31 ديسمبر 2024');
  });

  it('writes participations "14 ألفًا و470" with the compound precision', async () => {
    const [participations] = await figures({ amanah: 'jeddah', range: jp, metrics: ['participations.count'], precision: 'COMPOUND' });
    expect(participations!.value).toBe(14_470);
    expect(participations!.phrase).toBe('14 ألفًا و470 مشاركة');
    expect(participations!.sentence).toContain('14 ألفًا و470 مشاركة من الزوار');
    expect(participations!.roundedDown).toBe(false);
  });

  it('answers in English, with Arabic-Indic digits when asked', async () => {
    const [facebook, sms] = await figures({
      amanah: 'jeddah', range: jp, lang: 'EN', digits: 'ARAB',
      figures: [
        { metric: 'social.followers', filters: [{ dimension: 'platform', values: ['facebook'] }] },
        { metric: 'notifications.sent', filters: [{ dimension: 'notification_kind', values: ['sms'] }], precision: 'THOUSAND' },
      ],
    });
    expect(facebook!.sentence).toBe('The accounts of Jeddah Municipality on Facebook reached more than ١٦٦٬٠٠٠ followers as of ٣١ December ٢٠٢٤');
    expect(facebook!.sentences.ar).toBe('وصلت حسابات أمانة محافظة جدة على فيسبوك إلى أكثر من ١٦٦ ألف متابع بنهاية ٣١ ديسمبر ٢٠٢٤');
    // The article's "more than 2,850,000": the seed is between 2,850,000 and 2,860,000.
    expect(sms!.phrases.ar).toMatch(/^أكثر من مليونين و٨٥[٠-٩] ألف رسالة$/);
  });
});

describe('pressFigures: Eastern Province "Raqmi" (article 001)', () => {
  it('writes visits, the daily average, SMS and the licence types as the article does', async () => {
    const [visits, daily, sms, licenses, share] = await figures({
      amanah: 'eastern', range: er,
      figures: [
        { metric: 'portal.visits' },
        { metric: 'portal.daily_avg_visits' },
        { metric: 'notifications.sent', filters: [{ dimension: 'notification_kind', values: ['sms'] }] },
        { metric: 'licenses.issued', filters: [{ dimension: 'license_type', values: ['professional', 'health', 'technical', 'project', 'excavation'] }] },
        { metric: 'services.digital_share' },
      ],
    });
    expect(visits!.sentence).toContain('لأمانة المنطقة الشرقية أكثر من 3 ملايين زائر');
    expect(daily!.sentence).toBe('استقبلت البوابة الإلكترونية لأمانة المنطقة الشرقية بمعدل 3400 زائر يوميًا خلال الفترة من 1 يناير 2023 إلى 30 يونيو 2025');
    expect(sms!.phrase).toBe('أكثر من 7 ملايين رسالة');
    expect(licenses!.phrase).toBe('280 ألف رخصة');
    expect(licenses!.roundedDown).toBe(false);
    expect(share!.phrase).toMatch(/^9\d\.\d\d%$/);
  });
});

describe('pressFigures: Tabuk in-person visits (article 003)', () => {
  it('compares H1 2024 with H1 2023: "1733 مراجعًا", "انخفاض بنسبة 67.87%"', async () => {
    const [visits] = await figures({
      amanah: 'tabuk', range: ARTICLE_RANGES.tabukFirstHalf2024, metrics: ['office.visits'], compare: 'SAME_PERIOD_LAST_YEAR',
    });
    expect(visits).toMatchObject({
      value: 1733, previous: 5393, previousRange: ARTICLE_RANGES.tabukFirstHalf2023,
      phrase: '1733 مراجعًا', changePhrase: 'انخفاض بنسبة 67.87%',
    });
    expect(visits!.sentence).toBe(
      'استقبلت أمانة منطقة تبوك في مقرها الرئيس وبلدياتها 1733 مراجعًا خلال الفترة من 1 يناير 2024 إلى 30 يونيو 2024' +
        '، بانخفاض بنسبة 67.87% مقارنة بالفترة ذاتها من عام 2023',
    );
    expect(visits!.sentences.en).toBe(
      'Tabuk Region Municipality received 1,733 in-person visitors at its head office and municipalities between 1 January 2024 and 30 June 2024' +
        ', a decrease of 67.87% compared with 1 January – 30 June 2023',
    );
  });
});

describe('pressFigures: every published figure of Jeddah, Eastern and Tabuk', () => {
  const published = PUBLISHED_FIGURES.filter((f) => ['jeddah', 'eastern', 'tabuk'].includes(f.amanah));
  it.each(published.map((f) => [f.id, f] as const))('%s', async (_id, figure) => {
    const [answer] = await figures({ amanah: figure.amanah, range: figure.range, figures: [{ metric: figure.metric, filters: figure.filters }] });
    const value = answer!.value as number;
    if (figure.expected.kind === 'exact') expect(value).toBeCloseTo(figure.expected.value, 6);
    else {
      expect(value).toBeGreaterThanOrEqual(figure.expected.atLeast);
      expect(value).toBeLessThan(figure.expected.below);
    }
    // The phrase never states more than the value, and says "more than" exactly when it states less.
    expect(answer!.rounded).toBeLessThanOrEqual(value + 1e-9);
    expect(answer!.phrase.startsWith('أكثر من')).toBe(answer!.roundedDown);
    expect(answer!.sentence).toContain(answer!.phrase);
  });
});

describe('pressPhrase', () => {
  const PHRASE = `query Phrase($value: Float!, $lang: PressLanguage, $precision: PressPrecision, $digits: PressDigits, $metric: ID) {
    pressPhrase(value: $value, lang: $lang, precision: $precision, digits: $digits, metric: $metric) { text rounded roundedDown }
  }`;

  it('phrases a number with the metric’s noun, AUTO by default', async () => {
    const { data } = await api.graphql(PHRASE, { value: 6_123_456, metric: 'portal.visits' });
    expect(data!.pressPhrase).toEqual({ text: 'أكثر من 6 ملايين زائر', rounded: 6_000_000, roundedDown: true });
    const english = await api.graphql(PHRASE, { value: 1733, metric: 'office.visits', lang: 'EN' });
    expect(english.data!.pressPhrase.text).toBe('1,733 in-person visitors');
    const compound = await api.graphql(PHRASE, { value: 14_470, precision: 'COMPOUND', digits: 'ARAB' });
    expect(compound.data!.pressPhrase.text).toBe('١٤ ألفًا و٤٧٠');
  });

  it('refuses a negative value and an unknown metric, naming the argument', async () => {
    const negative = await api.graphql(PHRASE, { value: -5 });
    expect(negative.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'value' });
    const unknown = await api.graphql(PHRASE, { value: 5, metric: 'portal.nope' });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'metric' });
  });
});

describe('bad arguments and access', () => {
  const errorOf = async (variables: Record<string, unknown>, key?: string) => {
    const { data, errors } = await api.graphql(FIGURES, variables, key);
    expect(data?.pressFigures ?? null).toBeNull();
    return errors![0]!;
  };

  it('names the argument: unknown amanah, unknown metric, an amanah filter, a bad range', async () => {
    expect((await errorOf({ amanah: 'atlantis', range: jp })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'amanah' });
    expect((await errorOf({ amanah: 'jeddah', range: jp, metrics: ['portal.visits', 'portal.nope'] })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT', argument: 'metrics[1]',
    });
    const amanahFilter = await errorOf({ amanah: 'jeddah', range: jp, figures: [{ metric: 'portal.visits', filters: [{ dimension: 'amanah', values: ['tabuk'] }] }] });
    expect(amanahFilter.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'figures[0].filters' });
    const badDimension = await errorOf({ amanah: 'jeddah', range: jp, figures: [{ metric: 'portal.visits', filters: [{ dimension: 'platform', values: ['x'] }] }] });
    expect(badDimension.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'figures[0].filters[0].dimension' });
    const reversed = await errorOf({ amanah: 'jeddah', range: { from: '2024-12-31', to: '2024-01-01' }, metrics: ['portal.visits'] });
    expect(reversed.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(reversed.message).toMatch(/range/);
  });

  it('lets a press key limited to Jeddah read Jeddah, and refuses it Tabuk with FORBIDDEN', async () => {
    const key = await api.key('press', ['jeddah']);
    const [visits] = await figures({ amanah: 'jeddah', range: jp, metrics: ['portal.visits'] }, key);
    expect(visits!.phrase).toBe('أكثر من 6 ملايين زائر');
    const refused = await errorOf({ amanah: 'tabuk', range: jp, metrics: ['office.visits'] }, key);
    expect(refused.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a viewer key: press figures are the press operation', async () => {
    const key = await api.key('viewer', 'all');
    expect((await errorOf({ amanah: 'jeddah', range: jp }, key)).extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
