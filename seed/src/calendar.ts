/**
 * The demo's calendar: the fixed window, the Saudi week, and the Hijri seasons that shape daily volumes.
 * Days are Asia/Riyadh calendar days written 'YYYY-MM-DD'; arithmetic runs on UTC midnights, which is exact for
 * calendar days (no DST anywhere in the math).
 */
export const DEMO_WINDOW = { from: '2020-01-01', to: '2025-12-31' } as const;

export interface CalendarDay {
  index: number;
  date: string; // YYYY-MM-DD
  year: number;
  month: number; // 1..12
  weekday: number; // 0 = Sunday .. 6 = Saturday
  weekend: boolean; // Friday and Saturday
  ramadan: boolean;
  eidHoliday: boolean; // the official Eid al-Fitr and Eid al-Adha holidays
  hajjSeason: boolean; // pilgrims in Makkah and Madinah: about four weeks before Eid al-Adha to a week after
  summer: boolean; // July and August: school holidays, heat, travel
}

const DAY_MS = 86_400_000;

export function parseDay(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(ms)) throw new Error(`Not a calendar day: "${date}"`);
  return ms;
}

export function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Start of Ramadan, Eid al-Fitr and Eid al-Adha (Umm al-Qura calendar) for each year of the window. */
const HIJRI_SEASONS: Record<number, { ramadan: string; eidFitr: string; eidAdha: string }> = {
  2020: { ramadan: '2020-04-24', eidFitr: '2020-05-24', eidAdha: '2020-07-31' },
  2021: { ramadan: '2021-04-13', eidFitr: '2021-05-13', eidAdha: '2021-07-20' },
  2022: { ramadan: '2022-04-02', eidFitr: '2022-05-02', eidAdha: '2022-07-09' },
  2023: { ramadan: '2023-03-23', eidFitr: '2023-04-21', eidAdha: '2023-06-28' },
  2024: { ramadan: '2024-03-11', eidFitr: '2024-04-10', eidAdha: '2024-06-16' },
  2025: { ramadan: '2025-03-01', eidFitr: '2025-03-30', eidAdha: '2025-06-06' },
};

function within(ms: number, from: string, daysAfterFrom: number, daysLong: number): boolean {
  const start = parseDay(from) + daysAfterFrom * DAY_MS;
  return ms >= start && ms < start + daysLong * DAY_MS;
}

export function calendarDays(from: string = DEMO_WINDOW.from, to: string = DEMO_WINDOW.to): CalendarDay[] {
  const days: CalendarDay[] = [];
  const end = parseDay(to);
  for (let ms = parseDay(from), index = 0; ms <= end; ms += DAY_MS, index++) {
    const d = new Date(ms);
    const year = d.getUTCFullYear();
    const season = HIJRI_SEASONS[year];
    if (!season) throw new Error(`No Hijri season dates for ${year}: extend HIJRI_SEASONS`);
    const weekday = d.getUTCDay();
    const eidFitrDays = Math.round((parseDay(season.eidFitr) - parseDay(season.ramadan)) / DAY_MS);
    days.push({
      index,
      date: formatDay(ms),
      year,
      month: d.getUTCMonth() + 1,
      weekday,
      weekend: weekday === 5 || weekday === 6,
      ramadan: within(ms, season.ramadan, 0, eidFitrDays),
      eidHoliday: within(ms, season.eidFitr, 0, 4) || within(ms, season.eidAdha, -1, 5),
      hajjSeason: within(ms, season.eidAdha, -28, 36),
      summer: d.getUTCMonth() === 6 || d.getUTCMonth() === 7,
    });
  }
  return days;
}
