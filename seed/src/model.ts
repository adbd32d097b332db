import { createHash } from 'node:crypto';
import { AMANAH_IDS, ENUMS, type AmanahId } from '@amanah/domain';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { CalendarDay } from './calendar.js';
import { AMANAH_PROFILES } from './profiles.js';

/**
 * The volume model: how many events of each kind an amanah would see on a given day before calibration.
 * A stream is one daily count series per amanah and stratum (k1, k2): the strata are the dimensions that some
 * published figure filters on, so that calibration can make those counts exact. Every other attribute of an event
 * is derived inside ClickHouse from a hash (see expand.ts).
 */
export type StreamName =
  | 'portal_visits' | 'service_requests' | 'licenses' | 'citizen_reports' | 'notifications' | 'office_visits'
  | 'support_tickets' | 'participations' | 'archive_documents' | 'archive_attachments'
  | 'social_impressions' | 'social_views' | 'social_engagements' | 'social_posts';

export interface Stratum {
  k1: string;
  k2: string;
  share: number;
}

type DayShape = 'digital' | 'office' | 'reports' | 'social' | 'archive';

interface StreamModel {
  /** Events per day for an amanah of size 1 (Riyadh) in 2024, before the day's shape. */
  base: number;
  trend: 'digital' | 'office' | 'reports' | 'social' | 'archive';
  shape: DayShape;
  /** Whether `--scale` multiplies it: event volumes do, per-platform daily aggregates do not. */
  scaled: boolean;
  strata(year: number): Stratum[];
}

const YEARS = [2020, 2021, 2022, 2023, 2024, 2025] as const;
/** Year multipliers relative to 2024: digital channels grow, in-person visits fall. */
const TRENDS: Record<StreamModel['trend'], readonly number[]> = {
  digital: [0.55, 0.66, 0.8, 0.9, 1, 1.07],
  office: [2.1, 1.9, 1.6, 1.3, 1, 0.85],
  reports: [0.8, 0.85, 0.9, 0.95, 1, 1.03],
  social: [0.6, 0.7, 0.8, 0.9, 1, 1.1],
  archive: [0.7, 0.8, 0.9, 1, 1, 1],
};

export function trendFactor(trend: StreamModel['trend'], year: number): number {
  const i = YEARS.indexOf(year as (typeof YEARS)[number]);
  return TRENDS[trend][i < 0 ? YEARS.length - 1 : i]!;
}

const one = (k1 = '', share = 1): Stratum => ({ k1, k2: '', share });
const byShares = (shares: Record<string, number>): Stratum[] => Object.entries(shares).map(([k1, share]) => one(k1, share));
const yearIndex = (year: number): number => Math.max(0, Math.min(YEARS.length - 1, year - YEARS[0]));

const SERVICE_SHARES = {
  registration: 0.09, account_update: 0.11, e_authorization: 0.04, commercial_register: 0.05,
  electricity_appointment: 0.04, license_request: 0.18, tender: 0.03, investment: 0.03, payment: 0.28, other: 0.15,
} satisfies Record<(typeof ENUMS.service)[number], number>;

const LICENSE_TYPE_SHARES = {
  commercial: 0.34, building: 0.16, professional: 0.12, health: 0.12, technical: 0.08, project: 0.08, excavation: 0.1,
} satisfies Record<(typeof ENUMS.licenseType)[number], number>;
/** Licences move from the office counter to the portal and Balady over the years. */
const LICENSE_PORTAL_SHARE = [0.25, 0.3, 0.36, 0.42, 0.47, 0.5];
const LICENSE_OFFICE_SHARE = [0.4, 0.32, 0.24, 0.16, 0.1, 0.07];

const PLATFORM_IMPRESSIONS = { twitter: 60_000, facebook: 25_000, instagram: 30_000, youtube: 8_000, snapchat: 20_000, tiktok: 25_000, linkedin: 3_000, whatsapp: 2_000 };
const PLATFORM_VIEWS = { twitter: 10_000, facebook: 5_000, instagram: 8_000, youtube: 3_000, snapchat: 15_000, tiktok: 20_000, linkedin: 300, whatsapp: 500 };
const PLATFORM_ENGAGEMENTS = { twitter: 1_500, facebook: 700, instagram: 1_200, youtube: 150, snapchat: 400, tiktok: 900, linkedin: 60, whatsapp: 150 };
const PLATFORM_POSTS = { twitter: 6, facebook: 2, instagram: 2, youtube: 0.3, snapchat: 3, tiktok: 1, linkedin: 0.5, whatsapp: 1 };

const platformStrata = (perPlatform: Record<string, number>) => {
  const total = Object.values(perPlatform).reduce((a, b) => a + b, 0);
  return { base: total, strata: () => byShares(Object.fromEntries(Object.entries(perPlatform).map(([p, v]) => [p, v / total]))) };
};

export const STREAMS: Record<StreamName, StreamModel> = {
  portal_visits: { base: 1_800, trend: 'digital', shape: 'digital', scaled: true, strata: () => [one()] },
  service_requests: { base: 300, trend: 'digital', shape: 'digital', scaled: true, strata: () => byShares(SERVICE_SHARES) },
  licenses: {
    base: 110, trend: 'digital', shape: 'digital', scaled: true,
    strata: (year) => {
      const portal = LICENSE_PORTAL_SHARE[yearIndex(year)]!;
      const office = LICENSE_OFFICE_SHARE[yearIndex(year)]!;
      const channels = { portal, balady: 1 - portal - office, office };
      return Object.entries(LICENSE_TYPE_SHARES).flatMap(([type, typeShare]) =>
        Object.entries(channels).map(([channel, share]) => ({ k1: type, k2: channel, share: typeShare * share })));
    },
  },
  citizen_reports: { base: 180, trend: 'reports', shape: 'reports', scaled: true, strata: () => [one()] },
  notifications: { base: 40_000, trend: 'digital', shape: 'digital', scaled: true, strata: () => byShares({ sms: 0.225, email: 0.625, push: 0.15 }) },
  office_visits: { base: 150, trend: 'office', shape: 'office', scaled: true, strata: () => [one()] },
  support_tickets: { base: 9, trend: 'digital', shape: 'digital', scaled: true, strata: () => [one()] },
  participations: { base: 22, trend: 'digital', shape: 'digital', scaled: true, strata: () => [one()] },
  archive_documents: { base: 2_600, trend: 'archive', shape: 'archive', scaled: true, strata: () => [one()] },
  archive_attachments: { base: 8_500, trend: 'archive', shape: 'archive', scaled: true, strata: () => [one()] },
  social_impressions: { ...platformStrata(PLATFORM_IMPRESSIONS), trend: 'social', shape: 'social', scaled: false },
  social_views: { ...platformStrata(PLATFORM_VIEWS), trend: 'social', shape: 'social', scaled: false },
  social_engagements: { ...platformStrata(PLATFORM_ENGAGEMENTS), trend: 'social', shape: 'social', scaled: false },
  social_posts: { ...platformStrata(PLATFORM_POSTS), trend: 'social', shape: 'social', scaled: false },
};
export const STREAM_NAMES = Object.keys(STREAMS) as StreamName[];

/** The shape of a day relative to an ordinary weekday, for one kind of activity. */
export function dayShape(shape: DayShape, day: CalendarDay, amanah: AmanahId): number {
  const hajj = AMANAH_PROFILES[amanah].hajj && day.hajjSeason;
  switch (shape) {
    case 'digital': {
      // Sunday starts the Saudi week; Friday and Saturday are the weekend.
      const week = [1.08, 1.05, 1.02, 1, 0.92, 0.62, 0.78][day.weekday]!;
      return week * (day.ramadan ? 0.88 : 1) * (day.eidHoliday ? 0.55 : 1) * (day.summer ? 0.86 : 1) * (hajj ? 1.5 : 1);
    }
    case 'office':
    case 'archive': {
      // Offices are closed at the weekend and on the Eid holidays; Ramadan hours are shorter.
      if (day.weekend || day.eidHoliday) return 0;
      const week = [1.15, 1.08, 1.02, 1, 0.85, 0, 0][day.weekday]!;
      return week * (day.ramadan ? 0.7 : 1) * (day.summer ? 0.8 : 1) * (hajj ? 1.3 : 1);
    }
    case 'reports':
      return (day.weekend ? 0.85 : 1) * (day.eidHoliday ? 0.7 : 1) * (day.summer ? 1.1 : 1) * (hajj ? 1.6 : 1);
    case 'social':
      return (day.weekend ? 1.05 : 1) * (day.ramadan ? 1.25 : 1) * (day.eidHoliday ? 1.4 : 1) * (day.summer ? 0.95 : 1);
  }
}

/** A deterministic generator for one named series: the same name gives the same numbers on every machine. */
export function seriesRandom(name: string): () => number {
  const digest = createHash('sha256').update(name).digest();
  const rng = xoroshiro128plus(digest.readInt32LE(0) ^ digest.readInt32LE(4));
  return () => uniformFloat64(rng);
}

/** Expected (unrounded, unscaled, uncalibrated) events per day for one stream, amanah and stratum. */
export function expectedSeries(stream: StreamName, amanah: AmanahId, stratum: { k1: string; k2: string }, days: readonly CalendarDay[]): Float64Array {
  const model = STREAMS[stream];
  const size = AMANAH_PROFILES[amanah].size;
  const noise = seriesRandom(`${stream}|${amanah}|${stratum.k1}|${stratum.k2}`);
  const sharesByYear = new Map<number, number>();
  const out = new Float64Array(days.length);
  for (const day of days) {
    let share = sharesByYear.get(day.year);
    if (share === undefined) {
      share = model.strata(day.year).find((s) => s.k1 === stratum.k1 && s.k2 === stratum.k2)?.share ?? 0;
      sharesByYear.set(day.year, share);
    }
    const jitter = 0.88 + 0.24 * noise();
    out[day.index] = model.base * size * share * trendFactor(model.trend, day.year) * dayShape(model.shape, day, amanah) * jitter;
  }
  return out;
}

export const ALL_AMANAHS: readonly AmanahId[] = AMANAH_IDS;
