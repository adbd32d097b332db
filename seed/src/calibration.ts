import type { AmanahId } from '@amanah/domain';
import { ARTICLE_RANGES } from './figures.js';
import type { StreamName } from './model.js';

/**
 * What the generator aims at, at scale 1, so that every published figure holds (figures.ts says what must hold;
 * this says how the seed gets there). Flow targets fix the exact number of events of some strata in a range;
 * level targets fix a level on a day. For "more than X" figures the target is a value inside the allowed band.
 */
export interface FlowTarget {
  amanah: AmanahId;
  stream: StreamName;
  /** Restrict to these strata values (service, licence type, platform...); all strata of the stream when absent. */
  k1?: readonly string[];
  k2?: readonly string[];
  from: string;
  to: string;
  total: number;
}

export interface LevelTarget {
  amanah: AmanahId;
  asOf: string;
  value: number;
}
export interface FollowerTarget extends LevelTarget {
  platform: string;
}
export interface IndicatorTarget extends LevelTarget {
  indicator: string;
}

const jp = ARTICLE_RANGES.jeddahPortal;
const ji = ARTICLE_RANGES.jeddahIt;
const er = ARTICLE_RANGES.easternRaqmi;
const flow = (amanah: AmanahId, stream: StreamName, range: { from: string; to: string }, total: number, k1?: string[], k2?: string[]): FlowTarget =>
  ({ amanah, stream, from: range.from, to: range.to, total, ...(k1 ? { k1 } : {}), ...(k2 ? { k2 } : {}) });

export const FLOW_TARGETS: readonly FlowTarget[] = [
  // Jeddah: the five-year website total is the two-year portal total plus 2020–2022.
  flow('jeddah', 'portal_visits', { from: '2020-01-01', to: '2022-12-31' }, 3_095_400),
  flow('jeddah', 'portal_visits', jp, 6_418_200),
  flow('jeddah', 'participations', jp, 14_470),
  flow('jeddah', 'support_tickets', jp, 5_839),
  flow('jeddah', 'service_requests', jp, 26_676, ['registration']),
  flow('jeddah', 'service_requests', jp, 34_569, ['account_update']),
  flow('jeddah', 'service_requests', jp, 11_425, ['e_authorization']),
  flow('jeddah', 'service_requests', jp, 14_604, ['commercial_register']),
  flow('jeddah', 'service_requests', jp, 11_624, ['electricity_appointment']),
  flow('jeddah', 'service_requests', jp, 62_000, ['license_request']),
  flow('jeddah', 'licenses', jp, 20_404, ['commercial'], ['portal']),
  flow('jeddah', 'notifications', jp, 2_853_400, ['sms']),
  flow('jeddah', 'notifications', ji, 44_310_000, ['email']),
  flow('jeddah', 'archive_documents', ji, 7_240_000),
  flow('jeddah', 'archive_attachments', ji, 24_180_000),
  flow('jeddah', 'social_impressions', ARTICLE_RANGES.jeddahPortalFirstQuarter, 11_346_000),
  flow('jeddah', 'social_views', jp, 2_140_000, ['youtube']),
  // Eastern: 3,400 a day over the 912 days of the range.
  flow('eastern', 'portal_visits', er, 3_400 * 912),
  flow('eastern', 'notifications', er, 7_215_000, ['sms']),
  flow('eastern', 'service_requests', er, 1_834_000),
  flow('eastern', 'licenses', er, 280_000, ['professional', 'health', 'technical', 'project', 'excavation']),
  flow('eastern', 'archive_documents', er, 8_000_000),
  // Tabuk: in-person visits in the first halves of 2023 and 2024.
  flow('tabuk', 'office_visits', ARTICLE_RANGES.tabukFirstHalf2023, 5_393),
  flow('tabuk', 'office_visits', ARTICLE_RANGES.tabukFirstHalf2024, 1_733),
];

export const FOLLOWER_TARGETS: readonly FollowerTarget[] = [
  ...Object.entries({
    twitter: 2_200_000, facebook: 166_350, instagram: 55_000, youtube: 98_000, snapchat: 61_000, tiktok: 44_000,
    linkedin: 27_000, whatsapp: 19_150, // the platforms other than Twitter add up to 470,500
  }).map(([platform, value]) => ({ amanah: 'jeddah' as const, platform, asOf: jp.to, value })),
  { amanah: 'eastern', platform: 'twitter', asOf: er.to, value: 220_600 },
];

export const INDICATOR_TARGETS: readonly IndicatorTarget[] = [
  // Jeddah's staff indicators are those of the IT sector: the only staff figure Jeddah published.
  ...Object.entries({ staff: 145, staff_female: 54, projects: 77, projects_value_sar: 255_000_000, e_systems: 47, digital_services: 105, sites: 63 })
    .map(([indicator, value]) => ({ amanah: 'jeddah' as const, indicator, asOf: ji.to, value })),
  ...Object.entries({ staff: 3_600, registered_beneficiaries: 512_300, digital_services: 64 })
    .map(([indicator, value]) => ({ amanah: 'eastern' as const, indicator, asOf: er.to, value })),
];
