import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from './days.js';

describe('day numbers', () => {
  it('fromDayNumber is the UTC date of the day, for every day from 1600 to 2400 and at the ends of 0000–9999', () => {
    const viaDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
    const first = toDayNumber('1600-01-01');
    const last = toDayNumber('2400-12-31');
    for (let day = first; day <= last; day++) {
      if (fromDayNumber(day) !== viaDate(day)) expect(fromDayNumber(day), String(day)).toBe(viaDate(day));
    }
    for (const date of ['0000-01-01', '0000-03-01', '0001-01-01', '1969-12-31', '1970-01-01', '2024-02-29', '9999-12-31']) {
      expect(fromDayNumber(toDayNumber(date))).toBe(date);
    }
    expect(last - first + 1).toBe(292_560); // 801 years (two 400-year cycles and one more): every day was compared
  });
});
