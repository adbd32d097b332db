import { describe, expect, it } from 'vitest';
import { PRESS_NOUNS as N, metricNoun, type PressNoun } from './nouns.js';
import { pressPhrase, type PressPrecision } from './phrase.js';

type Row = [value: number, precision: PressPrecision, noun: PressNoun | undefined, expected: string];

const ar = (value: number, precision: PressPrecision, noun?: PressNoun) => pressPhrase(value, { lang: 'ar', precision, noun }).text;
const en = (value: number, precision: PressPrecision, noun?: PressNoun) => pressPhrase(value, { lang: 'en', precision, noun }).text;

describe('every phrasing of figures.md and the seed articles (Arabic)', () => {
  // Where the article's own spelling differs from the canonical output, the comment quotes the article.
  it.each<Row>([
    // 000 Jeddah portal
    [6_123_456, 'scale_step', N.visitor, 'أكثر من 6 ملايين زائر'],
    [14_470, 'compound', N.participation, '14 ألفًا و470 مشاركة'], // article: "14 ألفا و 470 مشاركة"
    [2_200_000, 'thousand', N.follower, 'مليونين و200 ألف متابع'], // article: "مليونين و 200 ألف متابع"
    [11_300_500, 'thousand', N.impression, 'أكثر من 11 مليونًا و300 ألف انطباع'], // article: "11 مليونا و300"
    [166_480, 'scale_step', N.subscriber, 'أكثر من 166 ألف مشترك'],
    [55_000, 'thousand', N.subscriber, '55 ألف مشترك'], // construct before the noun: no tanween, as the article
    [2_000_000, 'thousand', N.view, 'مليوني مشاهدة'], // article: "حاجز الـ مليوني مشاهدة"
    [2_850_000, 'compound', N.message, 'مليونين و850 ألف رسالة'], // article: "2 مليون و 850 ألف رسالة"
    [2_850_321, 'thousand', N.message, 'أكثر من مليونين و850 ألف رسالة'],
    [5_839, 'exact', N.report, '5839 بلاغًا'], // article: "5.839 بلاغاً" (dot grouping, alif before tanween)
    [11_624, 'exact', N.request, '11624 طلبًا'], // article: "11.624 طلباً"
    [26_676, 'exact', N.request, '26676 طلبًا'], // article: "26.676 طلب" — the article drops the accusative here
    [20_404, 'exact', N.license, '20404 رخص'], // article: "20.404 رخصة" — see README, unsure rule 1
    [62_000, 'thousand', N.request, '62 ألف طلب'],
    // 001 Eastern portal
    [3_123_456, 'scale_step', N.visitor, 'أكثر من 3 ملايين زائر'],
    [3_400, 'exact', N.visitor, '3400 زائر'],
    [3_400, 'exact', metricNoun('portal.daily_avg_visits'), '3400 زائر يوميًا'], // article: "3400 زائر يومياً"
    [3_412, 'exact', metricNoun('portal.daily_avg_visits'), '3412 زائرًا يوميًا'],
    [60, 'exact', N.service, '60 خدمة'],
    [7_000_001, 'scale_step', N.message, 'أكثر من 7 ملايين رسالة'],
    [1_850_000, 'scale_decimal', N.operation, 'أكثر من 1.8 مليون عملية'],
    [4_000_001, 'scale_step', N.operation, 'أكثر من 4 ملايين عملية'],
    [220_300, 'scale_step', N.subscriber, 'أكثر من 220 ألف مشترك'],
    [280_000, 'thousand', N.license, '280 ألف رخصة'],
    [8_000_000, 'thousand', N.document, '8 ملايين وثيقة'],
    [3_600, 'exact', N.employee, '3600 موظف'],
    // 002 Jeddah IT
    [7_000_000, 'scale_step', N.transaction, '7 ملايين معاملة'], // headline spells out "سبعة ملايين" in the body
    [145, 'exact', N.employee, '145 موظفًا'], // article: "145 موظفا"
    [76, 'exact', N.project, '76 مشروعًا'], // article: "أكثر من 75 مشروعا"
    [255_000_000, 'thousand', N.riyal, '255 مليون ريال'],
    [46, 'exact', N.system, '46 نظامًا'], // article: "أكثر من 45 نظاما"
    [105, 'exact', N.service, '105 خدمات'],
    [24_000_000, 'thousand', N.attachment, '24 مليون مرفق'],
    [9_100_000, 'scale_step', N.visitor, 'أكثر من 9 ملايين زائر'], // article spells out "تسعة ملايين"
    [470_900, 'scale_step', N.follower, 'أكثر من 470 ألف متابع'],
    [44_000_100, 'scale_step', N.message, 'أكثر من 44 مليون رسالة'],
    // 003 Tabuk
    [1_733, 'exact', N.inPersonVisitor, '1733 مراجعًا'],
    [5_393, 'exact', N.inPersonVisitor, '5393 مراجعًا'], // article: "5,393 مراجعًا"
  ])('%d (%s) → %s', (value, precision, noun, expected) => {
    expect(ar(value, precision, noun)).toBe(expected);
  });

  it('writes the tanween as fathatan on the letter before the alif (U+064B U+0627), as "مراجعًا" in the Tabuk article', () => {
    expect(ar(1_733, 'exact', N.inPersonVisitor).endsWith('\u0639\u064B\u0627')).toBe(true);
    expect(ar(11_000, 'thousand')).toBe('11 \u0623\u0644\u0641\u064B\u0627');
  });
});

describe('agreement at the boundaries (Arabic)', () => {
  it.each<Row>([
    [1, 'exact', N.visitor, 'زائر واحد'],
    [1, 'exact', N.license, 'رخصة واحدة'],
    [1, 'exact', undefined, '1'],
    [2, 'exact', N.visitor, 'زائرين'],
    [2, 'exact', N.license, 'رخصتين'],
    [3, 'exact', N.visitor, '3 زوار'],
    [5, 'exact', N.license, '5 رخص'],
    [10, 'exact', N.visitor, '10 زوار'],
    [11, 'exact', N.visitor, '11 زائرًا'],
    [15, 'exact', N.license, '15 رخصة'],
    [99, 'exact', N.visitor, '99 زائرًا'],
    [100, 'exact', N.visitor, '100 زائر'],
    [101, 'exact', N.visitor, '101 زائر'],
    [103, 'exact', N.visitor, '103 زوار'],
    [111, 'exact', N.visitor, '111 زائرًا'],
    [999, 'exact', N.visitor, '999 زائرًا'],
    [999, 'thousand', N.visitor, '999 زائرًا'],
    [1_000, 'compound', N.visitor, 'ألف زائر'],
    [1_000, 'thousand', undefined, 'ألف'],
    [1_001, 'exact', N.visitor, '1001 زائر'],
    [1_001, 'compound', N.visitor, 'ألف وزائر واحد'],
    [1_001, 'thousand', N.visitor, 'أكثر من ألف زائر'],
    [2_000, 'thousand', N.visitor, 'ألفي زائر'],
    [2_000, 'thousand', undefined, 'ألفين'],
    [3_000, 'thousand', N.visitor, '3 آلاف زائر'],
    [10_000, 'thousand', N.visitor, '10 آلاف زائر'],
    [11_000, 'thousand', N.visitor, '11 ألف زائر'],
    [11_000, 'thousand', undefined, '11 ألفًا'],
    [12_345, 'thousand', undefined, 'أكثر من 12 ألفًا'],
    [14_005, 'compound', N.visitor, '14 ألفًا و5 زوار'],
    [100_000, 'thousand', N.visitor, '100 ألف زائر'],
    [166_000, 'thousand', undefined, '166 ألف'],
    [999_999, 'thousand', N.visitor, 'أكثر من 999 ألف زائر'],
    [999_999, 'scale_step', undefined, 'أكثر من 999 ألف'],
    [999_999, 'compound', N.visitor, '999 ألف و999 زائرًا'],
    [1_000_000, 'thousand', N.visitor, 'مليون زائر'],
    [1_000_000, 'thousand', undefined, 'مليون'],
    [1_050_000, 'thousand', N.visitor, 'مليون و50 ألف زائر'],
    [1_000_500, 'thousand', N.visitor, 'أكثر من مليون زائر'],
    [2_000_000, 'thousand', undefined, 'مليونين'],
    [2_000_500, 'compound', N.visitor, 'مليونين و500 زائر'],
    [2_200_000, 'thousand', undefined, 'مليونين و200 ألف'],
    [2_500_000, 'thousand', N.visitor, 'مليونين و500 ألف زائر'],
    [2_500_000, 'scale_step', N.visitor, 'أكثر من مليوني زائر'],
    [2_500_000, 'scale_decimal', N.visitor, '2.5 مليون زائر'],
    [3_000_000, 'thousand', N.visitor, '3 ملايين زائر'],
    [10_000_000, 'thousand', undefined, '10 ملايين'],
    [11_300_000, 'thousand', undefined, '11 مليونًا و300 ألف'],
    [11_300_000, 'thousand', N.impression, '11 مليونًا و300 ألف انطباع'],
    [11_000_000, 'thousand', N.visitor, '11 مليون زائر'],
    [100_000_000, 'thousand', undefined, '100 مليون'],
    [1_000_000, 'scale_decimal', undefined, 'مليون'],
    [1_050_000, 'scale_decimal', undefined, 'أكثر من مليون'],
    [10_540_000, 'scale_decimal', undefined, 'أكثر من 10.5 مليون'],
    [166_500, 'scale_decimal', undefined, 'أكثر من 166 ألف'],
    [1_000_000_000, 'thousand', N.riyal, 'مليار ريال'],
    [2_000_000_000, 'scale_step', undefined, 'مليارين'],
    [5_300_000_000, 'scale_step', undefined, 'أكثر من 5 مليارات'],
    [2_540_000_000, 'scale_decimal', N.riyal, 'أكثر من 2.5 مليار ريال'],
    [1_234_567_890, 'thousand', undefined, 'أكثر من مليار و234 مليون و567 ألف'], // 11–99 endings above 100: plain singular
  ])('%d (%s) → %s', (value, precision, noun, expected) => {
    expect(ar(value, precision, noun)).toBe(expected);
  });
});

describe('the precision table of the README', () => {
  it.each<Row>([
    [11_300_512, 'exact', undefined, '11300512'],
    [11_300_512, 'compound', undefined, '11 مليونًا و300 ألف و512'],
    [11_300_512, 'thousand', undefined, 'أكثر من 11 مليونًا و300 ألف'],
    [11_300_512, 'scale_step', undefined, 'أكثر من 11 مليونًا'],
    [11_300_512, 'scale_decimal', undefined, 'أكثر من 11.3 مليون'],
    [14_470, 'exact', N.participation, '14470 مشاركة'],
    [14_470, 'thousand', N.participation, 'أكثر من 14 ألف مشاركة'],
    [14_470, 'scale_step', N.participation, 'أكثر من 14 ألف مشاركة'],
    [14_470, 'scale_decimal', N.participation, 'أكثر من 14 ألف مشاركة'],
    [1_002, 'compound', N.visitor, 'ألف وزائرين'],
  ])('%d (%s) → %s', (value, precision, noun, expected) => {
    expect(ar(value, precision, noun)).toBe(expected);
  });
});

describe('zero, fractions and invalid values', () => {
  it('zero is the numeral 0 with the singular noun, never rounded down', () => {
    expect(pressPhrase(0, { lang: 'ar', noun: N.visitor })).toEqual({ text: '0 زائر', rounded: 0, roundedDown: false });
    expect(pressPhrase(0, { lang: 'en', precision: 'scale_step', noun: N.visitor }).text).toBe('0 visitors');
    expect(pressPhrase(0, { lang: 'ar', precision: 'thousand' }).text).toBe('0');
  });
  it('fractions are floored and said with "أكثر من"', () => {
    expect(pressPhrase(3_400.4, { lang: 'ar', noun: N.visitor })).toEqual({ text: 'أكثر من 3400 زائر', rounded: 3_400, roundedDown: true });
    expect(pressPhrase(1.5, { lang: 'en', noun: N.visitor }).text).toBe('more than 1 visitor');
  });
  it.each([-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2])('rejects %d', (value) => {
    expect(() => pressPhrase(value, { lang: 'ar' })).toThrow(RangeError);
  });
});

describe('rounded and roundedDown', () => {
  it.each<[number, PressPrecision, number, boolean]>([
    [6_123_456, 'scale_step', 6_000_000, true],
    [6_123_456, 'thousand', 6_123_000, true],
    [6_123_456, 'scale_decimal', 6_100_000, true],
    [6_123_456, 'compound', 6_123_456, false],
    [6_123_456, 'exact', 6_123_456, false],
    [6_000_000, 'scale_step', 6_000_000, false],
    [999, 'scale_step', 999, false],
    [2_999_999_999, 'scale_step', 2_000_000_000, true],
  ])('%d (%s) states %d', (value, precision, rounded, roundedDown) => {
    expect(pressPhrase(value, { lang: 'ar', precision })).toMatchObject({ rounded, roundedDown });
  });
  it('states the same rounded value in both languages', () => {
    const arabic = pressPhrase(2_851_999, { lang: 'ar', precision: 'thousand' });
    const english = pressPhrase(2_851_999, { lang: 'en', precision: 'thousand' });
    expect(english.rounded).toBe(arabic.rounded);
    expect(english.roundedDown).toBe(arabic.roundedDown);
  });
});

describe('Arabic-Indic digits (Intl numbering system arab)', () => {
  const arab = (value: number, precision: PressPrecision, noun?: PressNoun) =>
    pressPhrase(value, { lang: 'ar', precision, noun, digits: 'arab' }).text;
  it.each<Row>([
    [1_733, 'exact', N.inPersonVisitor, '١٧٣٣ مراجعًا'],
    [6_123_456, 'scale_step', N.visitor, 'أكثر من ٦ ملايين زائر'],
    [1_850_000, 'scale_decimal', N.operation, 'أكثر من ١٫٨ مليون عملية'],
    [11_300_000, 'thousand', N.impression, '١١ مليونًا و٣٠٠ ألف انطباع'],
    [14_470, 'compound', N.participation, '١٤ ألفًا و٤٧٠ مشاركة'],
    [20_404, 'exact', undefined, '٢٠٤٠٤'],
    [2_200_000, 'thousand', N.follower, 'مليونين و٢٠٠ ألف متابع'],
    [0, 'exact', undefined, '٠'],
  ])('%d (%s) → %s', (value, precision, noun, expected) => {
    expect(arab(value, precision, noun)).toBe(expected);
  });
  it('leaves no Latin digit behind at any magnitude', () => {
    for (const value of [7, 42, 512, 9_876, 54_321, 654_321, 7_654_321, 87_654_321, 987_654_321, 1_234_567_890]) {
      for (const precision of ['exact', 'compound', 'thousand', 'scale_step', 'scale_decimal'] as const) {
        expect(arab(value, precision, N.visitor)).not.toMatch(/[0-9]/);
      }
    }
  });
  it('English can take Arabic-Indic digits too', () => {
    expect(pressPhrase(14_470, { lang: 'en', digits: 'arab', noun: N.participation }).text).toBe('١٤٬٤٧٠ participations');
  });
});

describe('English alongside', () => {
  it.each<Row>([
    [6_123_456, 'scale_step', N.visitor, 'more than 6 million visitors'],
    [14_470, 'compound', N.participation, '14,470 participations'],
    [14_470, 'exact', N.participation, '14,470 participations'],
    [2_200_000, 'thousand', N.follower, '2.2 million followers'],
    [11_300_500, 'thousand', N.impression, 'more than 11.3 million impressions'],
    [2_850_000, 'thousand', N.message, '2.85 million messages'],
    [2_850_000, 'compound', N.message, '2,850,000 messages'],
    [166_480, 'scale_step', N.subscriber, 'more than 166,000 subscribers'],
    [1_850_000, 'scale_decimal', N.operation, 'more than 1.8 million operations'],
    [1_733, 'exact', N.inPersonVisitor, '1,733 in-person visitors'],
    [20_404, 'exact', N.license, '20,404 licenses'],
    [3_400, 'exact', metricNoun('portal.daily_avg_visits'), '3,400 visitors a day'],
    [1, 'exact', N.license, '1 license'],
    [2, 'exact', N.license, '2 licenses'],
    [1_000_000, 'thousand', N.visitor, '1 million visitors'],
    [1_001, 'thousand', undefined, 'more than 1,000'],
    [2_540_000_000, 'scale_decimal', N.riyal, 'more than 2.5 billion riyals'],
  ])('%d (%s) → %s', (value, precision, noun, expected) => {
    expect(en(value, precision, noun)).toBe(expected);
  });
});

describe('the scale word after a count of 100 or more agrees with its last two digits', () => {
  // Written out by hand rather than derived from the implementation: a 3–10 ending takes the plural
  // ("103 آلاف", "110 ملايين"); 00, 01, 02 and 11–99 take the plain singular the press writes ("100 ألف", "101 ألف",
  // "166 ألف"). The counted noun after the scale word stays singular either way.
  const PLURAL_ENDINGS = new Set([3, 4, 5, 6, 7, 8, 9, 10]);
  const word = (ending: number, singular: string, plural: string) => (PLURAL_ENDINGS.has(ending) ? plural : singular);
  const endings = Array.from({ length: 100 }, (_, ending) => ending);

  it.each(endings)('1%s thousand (100..199 ألف), alone and before a noun', (ending) => {
    const count = 100 + ending;
    expect(ar(count * 1_000, 'scale_step')).toBe(`${count} ${word(ending, 'ألف', 'آلاف')}`);
    expect(ar(count * 1_000, 'scale_step', N.visitor)).toBe(`${count} ${word(ending, 'ألف', 'آلاف')} زائر`);
  });

  it.each(endings)('2__ million with ending %s (200..299 مليون), inside a compound figure', (ending) => {
    const count = 200 + ending;
    expect(ar(count * 1_000_000 + 5_000, 'thousand')).toBe(`${count} ${word(ending, 'مليون', 'ملايين')} و5 آلاف`);
  });

  it.each(endings)('10__ billion with ending %s (1000..1099 مليار), rounded down', (ending) => {
    const count = 1000 + ending;
    expect(ar(count * 1e9 + 7, 'scale_step', N.riyal)).toBe(`أكثر من ${count} ${word(ending, 'مليار', 'مليارات')} ريال`);
  });

  it('spells the boundaries as the press does', () => {
    expect(ar(100_000, 'scale_step')).toBe('100 ألف');
    expect(ar(101_000, 'scale_step')).toBe('101 ألف');
    expect(ar(102_000, 'scale_step')).toBe('102 ألف');
    expect(ar(103_000, 'scale_step')).toBe('103 آلاف');
    expect(ar(110_000, 'scale_step')).toBe('110 آلاف');
    expect(ar(111_000, 'scale_step')).toBe('111 ألف');
    expect(ar(166_000, 'scale_step', N.subscriber)).toBe('166 ألف مشترك');
    expect(ar(205_400_000, 'thousand', N.visitor)).toBe('205 ملايين و400 ألف زائر');
    expect(pressPhrase(305_000, { lang: 'ar', precision: 'scale_step', digits: 'arab' }).text).toBe('٣٠٥ آلاف');
  });
});
