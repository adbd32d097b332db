import { describe, expect, it } from 'vitest';
import { AMANAHS, type Amanah } from '@amanah/domain';
import { METRIC_IDS, METRICS, type MetricDefinition } from '@amanah/metrics';
import { hasSentenceTemplate, precisionFor, pressDate, pressDateRange, pressSentences, type SentenceInput } from './sentences.js';

const amanah = (id: string): Amanah => AMANAHS.find((a) => a.id === id)!;
const metric = (id: string): MetricDefinition => METRICS.get(id)!;
const jeddahPortal = { from: '2023-01-01', to: '2024-12-31' };
const tabukH1 = { from: '2024-01-01', to: '2024-06-30' };

const sentences = (input: Partial<SentenceInput> & { metric: MetricDefinition; value: number | null }) =>
  pressSentences({ amanah: amanah('jeddah'), filters: [], range: jeddahPortal, ...input });

describe('press sentences', () => {
  it('writes the Jeddah e-portal sentence as the article does, in both languages', () => {
    const result = sentences({ metric: metric('portal.visits'), value: 6_123_456 });
    expect(result.sentence.ar).toBe(
      'استقبلت البوابة الإلكترونية لأمانة محافظة جدة أكثر من 6 ملايين زائر خلال الفترة من 1 يناير 2023 إلى 31 ديسمبر 2024',
    );
    expect(result.sentence.en).toBe(
      'The Jeddah Municipality e-portal received more than 6 million visitors between 1 January 2023 and 31 December 2024',
    );
    expect(result).toMatchObject({ phrase: { ar: 'أكثر من 6 ملايين زائر', en: 'more than 6 million visitors' }, rounded: 6_000_000, roundedDown: true });
    expect(result.changePhrase).toBeNull();
  });

  it('adds the year-on-year change for Tabuk: 1733 in-person visitors, a decrease of 67.87%', () => {
    const result = pressSentences({
      metric: metric('office.visits'), amanah: amanah('tabuk'), filters: [], range: tabukH1, value: 1733,
      comparison: { compare: 'SAME_PERIOD_LAST_YEAR', previousRange: { from: '2023-01-01', to: '2023-06-30' }, changePct: (1733 - 5393) / 5393 * 100 },
    });
    expect(result.sentence.ar).toBe(
      'استقبلت أمانة منطقة تبوك في مقرها الرئيس وبلدياتها 1733 مراجعًا خلال الفترة من 1 يناير 2024 إلى 30 يونيو 2024' +
        '، بانخفاض بنسبة 67.87% مقارنة بالفترة ذاتها من عام 2023',
    );
    expect(result.sentence.en).toBe(
      'Tabuk Region Municipality received 1,733 in-person visitors at its head office and municipalities between 1 January 2024 and 30 June 2024' +
        ', a decrease of 67.87% compared with 1 January – 30 June 2023',
    );
    expect(result.changePhrase).toEqual({ ar: 'انخفاض بنسبة 67.87%', en: 'a decrease of 67.87%' });
  });

  it('names the comparison period by its days when it is the previous period', () => {
    const result = sentences({
      metric: metric('licenses.issued'), value: 120,
      comparison: { compare: 'PREVIOUS_PERIOD', previousRange: { from: '2021-01-01', to: '2022-12-31' }, changePct: 12.5 },
    });
    expect(result.sentence.ar).toContain('، بارتفاع بنسبة 12.50% مقارنة بالفترة من 1 يناير 2021 إلى 31 ديسمبر 2022');
    expect(result.sentence.en).toContain(', an increase of 12.50% compared with 1 January 2021 – 31 December 2022');
  });

  it('leaves the change out when there is no previous value to compare with', () => {
    const result = sentences({
      metric: metric('licenses.issued'), value: 120,
      comparison: { compare: 'PREVIOUS_PERIOD', previousRange: { from: '2021-01-01', to: '2022-12-31' }, changePct: null },
    });
    expect(result.changePhrase).toBeNull();
    expect(result.sentence.en).not.toContain('compared');
  });

  it('says levels "as of" the last day: followers on a platform', () => {
    const result = sentences({ metric: metric('social.followers'), filters: [{ dimension: 'platform', values: ['facebook'] }], value: 166_512 });
    expect(result.sentence.ar).toBe('وصلت حسابات أمانة محافظة جدة على فيسبوك إلى أكثر من 166 ألف متابع بنهاية 31 ديسمبر 2024');
    expect(result.sentence.en).toBe('The accounts of Jeddah Municipality on Facebook reached more than 166,000 followers as of 31 December 2024');
  });

  it('says indicators "as of" the last day too', () => {
    const result = pressSentences({ metric: metric('indicator.registered_beneficiaries'), amanah: amanah('eastern'), filters: [], range: { from: '2023-01-01', to: '2025-06-30' }, value: 512_345 });
    expect(result.sentence.ar).toBe('سجّل لدى أمانة المنطقة الشرقية أكثر من 512 ألف مستفيد بنهاية 30 يونيو 2025');
    expect(result.sentence.en).toBe('Eastern Province Municipality had more than 512,000 beneficiaries registered as of 30 June 2025');
  });

  it('writes percentages with two decimals', () => {
    const result = pressSentences({ metric: metric('services.digital_share'), amanah: amanah('eastern'), filters: [], range: { from: '2023-01-01', to: '2025-06-30' }, value: 91.234 });
    expect(result.phrase).toEqual({ ar: '91.23%', en: '91.23%' });
    expect(result.sentence.ar).toBe('بلغت نسبة الطلبات المقدمة رقميًا دون زيارة في أمانة المنطقة الشرقية 91.23% خلال الفترة من 1 يناير 2023 إلى 30 يونيو 2025');
    expect(result.sentence.en).toBe('91.23% of the requests to Eastern Province Municipality were made without an in-person visit between 1 January 2023 and 30 June 2025');
  });

  it('writes hours as ساعة with one decimal', () => {
    const result = sentences({ metric: metric('reports.median_resolution_hours'), value: 36.26 });
    expect(result.phrase).toEqual({ ar: '36.3 ساعة', en: '36.3 hours' });
    expect(result.sentence.ar).toBe('بلغ الوسيط لزمن معالجة البلاغات في أمانة محافظة جدة 36.3 ساعة خلال الفترة من 1 يناير 2023 إلى 31 ديسمبر 2024');
  });

  it('names other filters in brackets after the figure', () => {
    const result = sentences({ metric: metric('notifications.sent'), filters: [{ dimension: 'notification_kind', values: ['sms'] }], value: 2_855_123, precision: 'thousand' });
    expect(result.sentence.ar).toBe('أرسلت أمانة محافظة جدة أكثر من مليونين و855 ألف رسالة (رسائل نصية) إلى المستفيدين خلال الفترة من 1 يناير 2023 إلى 31 ديسمبر 2024');
    expect(result.sentence.en).toBe('Jeddah Municipality sent more than 2.855 million messages (SMS) to beneficiaries between 1 January 2023 and 31 December 2024');
  });

  it('joins several values of a filter as a list', () => {
    const result = sentences({ metric: metric('social.followers'), filters: [{ dimension: 'platform', values: ['facebook', 'instagram'] }], value: 55_000 });
    expect(result.sentence.ar).toContain('على فيسبوك وإنستغرام');
    expect(result.sentence.en).toContain('on Facebook and Instagram');
  });

  it('writes Arabic-Indic digits in the figure, the dates and the change', () => {
    const result = pressSentences({
      metric: metric('office.visits'), amanah: amanah('tabuk'), filters: [], range: tabukH1, value: 1733, digits: 'arab',
      comparison: { compare: 'SAME_PERIOD_LAST_YEAR', previousRange: { from: '2023-01-01', to: '2023-06-30' }, changePct: -67.866 },
    });
    expect(result.sentence.ar).toBe(
      'استقبلت أمانة منطقة تبوك في مقرها الرئيس وبلدياتها ١٧٣٣ مراجعًا خلال الفترة من ١ يناير ٢٠٢٤ إلى ٣٠ يونيو ٢٠٢٤' +
        '، بانخفاض بنسبة ٦٧٫٨٧٪ مقارنة بالفترة ذاتها من عام ٢٠٢٣',
    );
    expect(result.sentence.ar).not.toMatch(/[0-9]/);
  });

  it('keeps every digit with the compound precision: "14 ألفًا و470 مشاركة"', () => {
    const result = sentences({ metric: metric('participations.count'), value: 14_470, precision: 'compound' });
    expect(result.sentence.ar).toBe('تلقت البوابة الإلكترونية لأمانة محافظة جدة 14 ألفًا و470 مشاركة من الزوار خلال الفترة من 1 يناير 2023 إلى 31 ديسمبر 2024');
    expect(result.sentence.en).toBe('The Jeddah Municipality e-portal received 14,470 participations from visitors between 1 January 2023 and 31 December 2024');
  });

  it('says so when a ratio has no rows', () => {
    const result = sentences({ metric: metric('services.completion_rate'), value: null });
    expect(result.phrase).toEqual({ ar: 'لا تتوفر بيانات', en: 'no data' });
    expect(result.rounded).toBeNull();
  });

  it('has a template for every metric of the catalogue', () => {
    expect(METRIC_IDS.filter((id) => !hasSentenceTemplate(id))).toEqual([]);
  });
});

describe('auto precision', () => {
  it.each([
    [99_999, 'exact'],
    [100_000, 'scale_step'],
    [1733, 'exact'],
    [6_123_456, 'scale_step'],
  ] as const)('%d → %s', (value, expected) => {
    expect(precisionFor(value, 'auto')).toBe(expected);
  });

  it('keeps a precision that was asked for', () => {
    expect(precisionFor(6_123_456, 'compound')).toBe('compound');
  });

  it('writes 99,999 exactly and 166,512 to its leading scale', () => {
    expect(sentences({ metric: metric('portal.visits'), value: 99_999 }).phrase.ar).toBe('99999 زائرًا');
    expect(sentences({ metric: metric('portal.visits'), value: 166_512 }).phrase.ar).toBe('أكثر من 166 ألف زائر');
  });
});

describe('press dates', () => {
  it('are Gregorian with Arabic month names, whatever the locale would default to', () => {
    expect(pressDate('2024-12-31', 'ar')).toBe('31 ديسمبر 2024');
    expect(pressDate('2024-12-31', 'ar', 'arab')).toBe('٣١ ديسمبر ٢٠٢٤');
    expect(pressDate('2024-12-31', 'en')).toBe('31 December 2024');
  });

  it('share the year of a range once', () => {
    expect(pressDateRange({ from: '2023-01-01', to: '2023-06-30' }, 'en')).toBe('1 January – 30 June 2023');
  });
});

describe('press sentences in the Hijri calendar', () => {
  it('write the period and the Hijri comparison in Umm al-Qura dates, the comparison as "the same period of 1445 AH"', () => {
    const result = pressSentences({
      metric: metric('office.visits'), amanah: amanah('tabuk'), filters: [], value: 1733, calendar: 'hijri',
      range: { from: '2025-03-01', to: '2025-03-29' }, // Ramadan 1446
      comparison: { compare: 'SAME_PERIOD_LAST_HIJRI_YEAR', previousRange: { from: '2024-03-11', to: '2024-04-09' }, changePct: -50 },
    });
    expect(result.sentence.ar).toBe(
      'استقبلت أمانة منطقة تبوك في مقرها الرئيس وبلدياتها 1733 مراجعًا خلال الفترة من 1 رمضان 1446 هـ إلى 29 رمضان 1446 هـ' +
        '، بانخفاض بنسبة 50.00% مقارنة بالفترة ذاتها من عام 1445 هـ',
    );
    expect(result.sentence.en).toMatch(/between 1 Ramadan 1446 AH and 29 Ramadan 1446 AH, a decrease of 50.00% compared with 1–30 Ramadan 1445 AH$/);
  });

  it('keep Gregorian dates unless asked', () => {
    expect(pressDate('2025-03-01', 'ar', 'arab', 'hijri')).toBe('١ رمضان ١٤٤٦ هـ');
    expect(pressDate('2025-03-01', 'ar')).toBe('1 مارس 2025');
  });
});
