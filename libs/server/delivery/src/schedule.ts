import { addDays, hijriMonthRange, lastDayOfMonth, parts, toHijri, todayInRiyadh, type DateRange, type IsoDate } from '@amanah/calendar';

/**
 * When a subscription is sent: every day, a weekday, a day of the month or the first day of each Hijri month
 * (Umm al-Qura, through @amanah/calendar), at a time of day in Asia/Riyadh. Pure: instants in, instants out.
 */
export const SCHEDULE_EVERY = ['DAY', 'WEEK', 'MONTH', 'HIJRI_MONTH'] as const;
export type ScheduleEvery = (typeof SCHEDULE_EVERY)[number];

export interface Schedule {
  every: ScheduleEvery;
  /** "HH:MM", 24-hour, Asia/Riyadh. */
  at: string;
  /** WEEK: 1 = Sunday … 7 = Saturday. */
  weekday?: number | null;
  /** MONTH: 1–31; in a shorter month, its last day. */
  dayOfMonth?: number | null;
}

/** Riyadh keeps UTC+3 all year (no daylight saving), so a local time is this many milliseconds ahead of UTC. */
const RIYADH_OFFSET_MS = 3 * 60 * 60 * 1000;
/** Far enough back to find the previous slot of every kind (a month or a Hijri month is at most 31 days). */
const LOOK_BACK_DAYS = 40;

/** The instant at which a Riyadh calendar day reaches the schedule's time. */
export function slotInstant(day: IsoDate, at: string): Date {
  const [hours, minutes] = at.split(':').map(Number) as [number, number];
  const { year, month, day: dayOfMonth } = parts(day);
  return new Date(Date.UTC(year, month - 1, dayOfMonth, hours, minutes) - RIYADH_OFFSET_MS);
}

/** Whether the schedule sends on this Riyadh calendar day. */
export function sendsOn(schedule: Schedule, day: IsoDate): boolean {
  switch (schedule.every) {
    case 'DAY':
      return true;
    case 'WEEK':
      return weekdayOf(day) === schedule.weekday;
    case 'MONTH': {
      const { year, month, day: dayOfMonth } = parts(day);
      const last = parts(lastDayOfMonth(year, month)).day;
      return dayOfMonth === Math.min(schedule.dayOfMonth ?? 1, last);
    }
    case 'HIJRI_MONTH':
      return toHijri(day).day === 1;
  }
}

/** 1 = Sunday … 7 = Saturday. */
export function weekdayOf(day: IsoDate): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() + 1;
}

/** The latest slot at or before `now`, or null when there is none in the last 40 days (never, for a valid schedule). */
export function latestSlot(schedule: Schedule, now: Date): Date | null {
  const today = todayInRiyadh(now);
  for (let back = 0; back <= LOOK_BACK_DAYS; back++) {
    const day = addDays(today, -back);
    if (!sendsOn(schedule, day)) continue;
    const instant = slotInstant(day, schedule.at);
    if (instant.getTime() <= now.getTime()) return instant;
  }
  return null;
}

/** The first slot after `now`. */
export function nextSlot(schedule: Schedule, now: Date): Date {
  const today = todayInRiyadh(now);
  for (let ahead = 0; ; ahead++) {
    const day = addDays(today, ahead);
    if (!sendsOn(schedule, day)) continue;
    const instant = slotInstant(day, schedule.at);
    if (instant.getTime() > now.getTime()) return instant;
  }
}

/** The Riyadh calendar day of an instant. */
export function riyadhDay(instant: Date): IsoDate {
  return todayInRiyadh(instant);
}

/**
 * The period a report covers when its subscription names none: the last whole period before the slot's day
 * (yesterday; the 7 days before; the previous month; the previous Hijri month).
 */
export function defaultPeriod(every: ScheduleEvery, slot: Date): DateRange {
  const day = riyadhDay(slot);
  const yesterday = addDays(day, -1);
  switch (every) {
    case 'DAY':
      return { from: yesterday, to: yesterday };
    case 'WEEK':
      return { from: addDays(day, -7), to: yesterday };
    case 'MONTH':
      return previousMonth(day);
    case 'HIJRI_MONTH': {
      const { year, month } = toHijri(yesterday);
      return hijriMonthRange(year, month);
    }
  }
}

function previousMonth(day: IsoDate): DateRange {
  const { year, month } = parts(day);
  const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  const to = lastDayOfMonth(previous.year, previous.month);
  return { from: `${previous.year}-${String(previous.month).padStart(2, '0')}-01`, to };
}
