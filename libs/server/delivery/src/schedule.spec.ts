import { describe, expect, it } from 'vitest';
import { defaultPeriod, latestSlot, nextSlot, weekdayOf } from './schedule.js';

// Riyadh is UTC+3: 07:30 in Riyadh is 04:30 UTC.
describe('schedule slots in Asia/Riyadh', () => {
  it('a weekly slot is the weekday at the Riyadh time; 1 = Sunday', () => {
    expect(weekdayOf('2024-02-04')).toBe(1); // a Sunday
    expect(weekdayOf('2024-02-10')).toBe(7); // a Saturday
    const weekly = { every: 'WEEK' as const, at: '07:30', weekday: 1 };
    expect(latestSlot(weekly, new Date('2024-02-04T04:29:59Z'))?.toISOString()).toBe('2024-01-28T04:30:00.000Z');
    expect(latestSlot(weekly, new Date('2024-02-04T04:30:00Z'))?.toISOString()).toBe('2024-02-04T04:30:00.000Z');
    expect(nextSlot(weekly, new Date('2024-02-04T04:30:00Z')).toISOString()).toBe('2024-02-11T04:30:00.000Z');
  });

  it('a slot late in the Riyadh evening falls on the previous UTC day, and a Riyadh day starts at 21:00 UTC', () => {
    const daily = { every: 'DAY' as const, at: '01:15' };
    // 2024-02-05 01:15 Riyadh = 2024-02-04 22:15 UTC.
    expect(latestSlot(daily, new Date('2024-02-04T22:20:00Z'))?.toISOString()).toBe('2024-02-04T22:15:00.000Z');
    expect(latestSlot(daily, new Date('2024-02-04T22:10:00Z'))?.toISOString()).toBe('2024-02-03T22:15:00.000Z');
  });

  it('a Hijri-month slot is the first day of each Umm al-Qura month (1 Shaʿbān 1445 = 2024-02-11, 1 Ramaḍān = 2024-03-11)', () => {
    const hijri = { every: 'HIJRI_MONTH' as const, at: '08:00' };
    expect(latestSlot(hijri, new Date('2024-03-01T00:00:00Z'))?.toISOString()).toBe('2024-02-11T05:00:00.000Z');
    expect(nextSlot(hijri, new Date('2024-03-01T00:00:00Z')).toISOString()).toBe('2024-03-11T05:00:00.000Z');
    expect(defaultPeriod('HIJRI_MONTH', new Date('2024-03-11T05:00:00Z'))).toEqual({ from: '2024-02-11', to: '2024-03-10' });
  });

  it('a monthly slot on the 31st falls on the last day of a shorter month', () => {
    const monthly = { every: 'MONTH' as const, at: '06:00', dayOfMonth: 31 };
    expect(latestSlot(monthly, new Date('2024-03-01T00:00:00Z'))?.toISOString()).toBe('2024-02-29T03:00:00.000Z');
    expect(defaultPeriod('MONTH', new Date('2024-02-29T03:00:00Z'))).toEqual({ from: '2024-01-01', to: '2024-01-31' });
    expect(defaultPeriod('WEEK', new Date('2024-02-04T04:30:00Z'))).toEqual({ from: '2024-01-28', to: '2024-02-03' });
  });
});
