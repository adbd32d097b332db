import { describe, expect, it } from 'vitest';
import { pressChange, pressPercent } from './change.js';

describe('pressChange', () => {
  it('words the Tabuk fall in in-person visits as the article does: "انخفاض بنسبة 67.87%"', () => {
    const pct = ((1_733 - 5_393) / 5_393) * 100;
    expect(pressChange(pct, 'ar')).toEqual({ text: 'انخفاض بنسبة 67.87%', rounded: -67.87, direction: 'decrease' });
    expect(pressChange(pct, 'en').text).toBe('a decrease of 67.87%');
  });
  it.each<[number, 'ar' | 'en', string]>([
    [12.5, 'ar', 'ارتفاع بنسبة 12.50%'],
    [12.5, 'en', 'an increase of 12.50%'],
    [0.004, 'ar', 'دون تغيير'],
    [-0.004, 'en', 'no change'],
    [0, 'ar', 'دون تغيير'],
    [0.005, 'ar', 'ارتفاع بنسبة 0.01%'],
    [-100, 'ar', 'انخفاض بنسبة 100.00%'],
    [250, 'en', 'an increase of 250.00%'],
  ])('%d (%s) → %s', (pct, lang, expected) => {
    expect(pressChange(pct, lang).text).toBe(expected);
  });
  it('rounds the magnitude, so a fall and a rise of the same size read the same', () => {
    expect(pressChange(-0.125, 'en').rounded).toBe(-0.13);
    expect(pressChange(0.125, 'en').rounded).toBe(0.13);
    expect(pressChange(0.001, 'en')).toMatchObject({ rounded: 0, direction: 'none' });
    expect(Object.is(pressChange(-0.001, 'en').rounded, -0)).toBe(false);
  });
  it('takes Arabic-Indic digits and the Arabic percent sign', () => {
    expect(pressChange(-67.866, 'ar', { digits: 'arab' }).text).toBe('انخفاض بنسبة ٦٧٫٨٧٪');
  });
  it.each([Number.NaN, Number.NEGATIVE_INFINITY])('rejects %d', (pct) => {
    expect(() => pressChange(pct, 'ar')).toThrow(RangeError);
  });
});

describe('pressPercent', () => {
  it.each<[number, 'ar' | 'en', 'latn' | 'arab', string]>([
    [67.87, 'ar', 'latn', '67.87%'],
    [90, 'ar', 'latn', '90.00%'], // article 001: "ال90 في المئة"; percentages keep two decimals
    [37, 'en', 'latn', '37.00%'],
    [67, 'ar', 'arab', '٦٧٫٠٠٪'], // Tabuk headline writes "٦٧٪" without decimals
    [99.999, 'en', 'latn', '100.00%'],
    [-3.14159, 'en', 'latn', '-3.14%'],
  ])('%d (%s, %s) → %s', (value, lang, digits, expected) => {
    expect(pressPercent(value, lang, { digits })).toBe(expected);
  });
  it('carries no bidi control marks into copied text', () => {
    expect(pressPercent(67.87, 'ar', { digits: 'arab' })).not.toMatch(/[\u200E\u200F\u061C]/);
    expect(pressPercent(-5, 'ar')).not.toMatch(/[\u200E\u200F\u061C]/);
  });
});
