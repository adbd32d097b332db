import { describe, expect, it } from 'vitest';
import { ValueError, parseDate, parseTimestamp } from './values.js';

const LATEST_SECONDS = Date.UTC(2030, 0, 1) / 1000;

describe('calendar checks of dates and timestamps', () => {
  it('accepts 29 February in leap years only (every 4th year, not centuries, but every 400th)', () => {
    expect(parseDate('2024-02-29', '2030-01-01')).toBe('2024-02-29');
    expect(parseDate('2000-02-29', '2030-01-01')).toBe('2000-02-29');
    expect(parseDate('2023-02-29', '2030-01-01')).toBeInstanceOf(ValueError);
    expect(parseTimestamp('2024-02-29T10:00:00Z', LATEST_SECONDS)).toBe(Date.UTC(2024, 1, 29, 10) / 1000);
    expect(parseTimestamp('2023-02-29T10:00:00Z', LATEST_SECONDS)).toBeInstanceOf(ValueError);
  });

  it('knows the length of every month', () => {
    const lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    lengths.forEach((days, index) => {
      const month = String(index + 1).padStart(2, '0');
      expect(parseDate(`2023-${month}-${days}`, '2030-01-01')).toBe(`2023-${month}-${days}`);
      expect(parseDate(`2023-${month}-${days + 1}`, '2030-01-01')).toBeInstanceOf(ValueError);
    });
    expect(parseDate('2023-00-10', '2030-01-01')).toBeInstanceOf(ValueError);
    expect(parseDate('2023-13-10', '2030-01-01')).toBeInstanceOf(ValueError);
  });

  it('reads the same offset the same way every time, and refuses impossible ones', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(parseTimestamp('2024-05-01T10:30:00+05:30', LATEST_SECONDS)).toBe(Date.UTC(2024, 4, 1, 5, 0) / 1000);
      expect(parseTimestamp('2024-05-01T10:30:00-0200', LATEST_SECONDS)).toBe(Date.UTC(2024, 4, 1, 12, 30) / 1000);
      expect(parseTimestamp('2024-05-01T10:30:00+15:00', LATEST_SECONDS)).toBeInstanceOf(ValueError);
    }
  });

  it('reads every shape the pattern allows as the instant Date.UTC gives, across years, months and leap days', () => {
    const shapes = [
      { text: '2000-03-01T00:00', utc: Date.UTC(2000, 2, 1) / 1000 - 3 * 3600 },
      { text: '2000-02-29 23:59:59', utc: Date.UTC(2000, 1, 29, 23, 59, 59) / 1000 - 3 * 3600 },
      { text: '2024-12-31T23:59:59.123456789Z', utc: Date.UTC(2024, 11, 31, 23, 59, 59) / 1000 },
      { text: '2024-01-01T00:00Z', utc: Date.UTC(2024, 0, 1) / 1000 },
      { text: '2024-07-15T12:00:00.5+03', utc: Date.UTC(2024, 6, 15, 9) / 1000 },
      { text: '2029-02-28T05:06:07-0930', utc: Date.UTC(2029, 1, 28, 14, 36, 7) / 1000 },
    ];
    for (const { text, utc } of shapes) expect(parseTimestamp(text, LATEST_SECONDS), text).toBe(utc);
    for (let year = 2000; year < 2030; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        const text = `${year}-${String(month).padStart(2, '0')}-${month === 2 ? '28' : '30'}T13:45:10+03:00`;
        expect(parseTimestamp(text, LATEST_SECONDS), text).toBe(Date.UTC(year, month - 1, month === 2 ? 28 : 30, 10, 45, 10) / 1000);
      }
    }
    for (const bad of ['2024-05-01T10:30:00.+03:00', '2024-05-01T10:3', '2024-05-01T24:00:00', '2024-05-01T10:60', '٢٠٢٤-05-01T10:00']) {
      expect(parseTimestamp(bad, LATEST_SECONDS), bad).toBeInstanceOf(ValueError);
    }
  });
});
