import { describe, expect, it } from 'vitest';
import { pressRank } from './rank.js';

describe('pressRank', () => {
  it('writes "ranked 3rd of 17" as the press does', () => {
    expect(pressRank(3, 17, 'ar')).toBe('في المرتبة الثالثة من 17 أمانة');
    expect(pressRank(3, 17, 'en')).toBe('ranked 3rd of 17 amanahs');
    expect(pressRank(3, 17, 'ar', 'arab')).toBe('في المرتبة الثالثة من ١٧ أمانة');
  });
  it('agrees the ordinal and the counted noun', () => {
    expect(pressRank(1, 1, 'ar')).toBe('في المرتبة الأولى من أمانة واحدة');
    expect(pressRank(2, 2, 'ar')).toBe('في المرتبة الثانية من أمانتين');
    expect(pressRank(11, 12, 'ar')).toBe('في المرتبة الحادية عشرة من 12 أمانة');
    expect(pressRank(4, 5, 'ar')).toBe('في المرتبة الرابعة من 5 أمانات');
    expect(['1st', '2nd', '11th', '12th', '13th', '21st'].map((s, i) => pressRank([1, 2, 11, 12, 13, 21][i]!, 30, 'en'))).toEqual(
      ['1st', '2nd', '11th', '12th', '13th', '21st'].map((s) => `ranked ${s} of 30 amanahs`),
    );
  });
  it('says when only the amanahs with data are ranked', () => {
    expect(pressRank(3, 5, 'ar', 'latn', 'with-data')).toBe('في المرتبة الثالثة من 5 أمانات وردت بياناتها');
    expect(pressRank(2, 2, 'ar', 'latn', 'with-data')).toBe('في المرتبة الثانية من أمانتين وردت بياناتهما');
    expect(pressRank(3, 5, 'en', 'latn', 'with-data')).toBe('ranked 3rd of 5 amanahs with data');
    expect(pressRank(1, 1, 'en', 'latn', 'with-data')).toBe('ranked 1st of 1 amanah with data');
  });
  it('refuses a rank outside 1…of', () => {
    expect(() => pressRank(0, 17, 'ar')).toThrow(/1…of/);
    expect(() => pressRank(18, 17, 'ar')).toThrow(/1…of/);
  });
});
