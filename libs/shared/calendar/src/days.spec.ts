import { describe, expect, it } from 'vitest';
import { fromDayNumber, isoDate, parts, toDayNumber } from './days.js';

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

  it('toDayNumber and parts read every date as Date.parse and split do, from 1600 to 2400, at the ends and off the calendar', () => {
    const viaParse = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    const viaSplit = (date: string) => {
      const [year, month, day] = date.split('-').map(Number);
      return { year, month, day };
    };
    const dates: string[] = [];
    for (let day = viaParse('1600-01-01'); day <= viaParse('2400-12-31'); day++) dates.push(new Date(day * 86_400_000).toISOString().slice(0, 10));
    const odd = ['0000-01-01', '9999-12-31', '2024-02-30', '2023-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32',
      '2024-1-01', '2024/01/01', 'abcd-ef-gh', '2024-0a-01', '+010000-01-01', '', '2024-01-01T00:00'];
    for (const date of [...dates, ...odd]) {
      if (!Object.is(toDayNumber(date), viaParse(date))) expect(toDayNumber(date), date).toBe(viaParse(date));
      if (JSON.stringify(parts(date)) !== JSON.stringify(viaSplit(date))) expect(parts(date), date).toEqual(viaSplit(date));
    }
    expect(dates.length).toBe(292_560);
  });

  it('isoDate counts on past a month or a year as Date.UTC does, from 1600 to 2400', () => {
    const viaDate = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
    let compared = 0;
    for (let year = 1600; year <= 2400; year += 7) {
      for (let month = -13; month <= 26; month++) {
        for (const day of [-40, -1, 0, 1, 15, 28, 29, 30, 31, 32, 61, 400]) {
          if (isoDate(year, month, day) !== viaDate(year, month, day)) expect(isoDate(year, month, day), `${year} ${month} ${day}`).toBe(viaDate(year, month, day));
          compared++;
        }
      }
    }
    expect(compared).toBe(115 * 40 * 12);
  });
});
