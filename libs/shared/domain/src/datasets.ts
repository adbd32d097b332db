/**
 * The event-level datasets of the public contract, field by field. This is the one description of each table's
 * columns: migrations create the tables by hand-written SQL, and a store test checks every table against this list,
 * so ingestion validation (built from this) and the tables cannot drift apart.
 */
export type FieldKind =
  | { type: 'datetime' } // DateTime('Asia/Riyadh')
  | { type: 'date' }
  | { type: 'string' }
  | { type: 'enum'; values: readonly string[] } // LowCardinality(String), values checked on ingest
  | { type: 'amanah' }
  | { type: 'uint' }
  | { type: 'bool' }
  | { type: 'decimal' };

export interface FieldDefinition {
  name: string;
  kind: FieldKind;
  optional?: boolean; // Nullable in the table
}

/** How often each amanah is expected to send a dataset's data: a period without one row of it is missing data. */
export type Cadence = 'DAILY' | 'MONTHLY';

export interface DatasetDefinition {
  name: DatasetName;
  /** The column that places a row in time; every range filter uses it. */
  time: string;
  /**
   * The expected cadence, the period in which every amanah sends at least one row: DAILY for event data that every
   * amanah has every day; MONTHLY for levels reported once a month and for sparse event data, whose empty days are
   * real (offices closed at the weekend, a small amanah issuing no license that day: in the demo data office visits
   * and archived documents have rows on 1,528 of 2,192 days, licenses, tickets and participations in small amanahs on
   * a third to four fifths of them, and every one of them in every month). The completeness query, the missing data
   * of KPI and series answers and the dashboard's warnings follow it: change it here.
   */
  cadence: Cadence;
  fields: readonly FieldDefinition[];
}

const enumOf = (...values: string[]): FieldKind => ({ type: 'enum', values });
const f = (name: string, kind: FieldKind, optional = false): FieldDefinition => ({ name, kind, optional });
const datetime: FieldKind = { type: 'datetime' };
const date: FieldKind = { type: 'date' };
const text: FieldKind = { type: 'string' };
const uint: FieldKind = { type: 'uint' };
const amanah = f('amanah', { type: 'amanah' });

export const ENUMS = {
  portalChannel: ['web', 'mobile_app'],
  device: ['desktop', 'mobile', 'tablet'],
  source: ['direct', 'search', 'social', 'sms', 'email', 'referral'],
  service: ['registration', 'account_update', 'e_authorization', 'commercial_register', 'electricity_appointment',
    'license_request', 'tender', 'investment', 'payment', 'other'],
  requestChannel: ['portal', 'mobile_app', 'balady', 'office', 'call_940'],
  requestStatus: ['submitted', 'in_progress', 'completed', 'rejected'],
  licenseType: ['commercial', 'professional', 'health', 'technical', 'project', 'excavation', 'building'],
  licenseChannel: ['portal', 'balady', 'office'],
  reportChannel: ['call_940', 'app', 'whatsapp', 'twitter', 'portal', 'email'],
  reportCategory: ['billboard', 'lighting', 'cleanliness', 'roads', 'building_violation', 'water_leak', 'other'],
  priority: ['normal', 'urgent'],
  reportStatus: ['open', 'in_progress', 'resolved', 'closed'],
  notificationKind: ['sms', 'email', 'push'],
  platform: ['twitter', 'facebook', 'instagram', 'youtube', 'snapchat', 'tiktok', 'linkedin', 'whatsapp'],
  participationKind: ['suggestion', 'survey', 'comment', 'vote'],
  indicator: ['staff', 'staff_female', 'registered_beneficiaries', 'digital_services', 'e_systems', 'sites',
    'projects', 'projects_value_sar'],
} as const satisfies Record<string, readonly string[]>;

export const DATASETS = {
  portal_visits: {
    name: 'portal_visits', time: 'ts', cadence: 'DAILY',
    fields: [f('ts', datetime), amanah, f('channel', enumOf(...ENUMS.portalChannel)), f('visitor_id', text),
      f('session_id', text), f('page', text), f('device', enumOf(...ENUMS.device)), f('source', enumOf(...ENUMS.source))],
  },
  service_requests: {
    name: 'service_requests', time: 'submitted_at', cadence: 'DAILY',
    fields: [f('request_id', text), f('submitted_at', datetime), amanah, f('service', enumOf(...ENUMS.service)),
      f('channel', enumOf(...ENUMS.requestChannel)), f('status', enumOf(...ENUMS.requestStatus)),
      f('completed_at', datetime, true)],
  },
  licenses: {
    name: 'licenses', time: 'issued_at', cadence: 'MONTHLY',
    fields: [f('license_id', text), f('issued_at', datetime), amanah, f('license_type', enumOf(...ENUMS.licenseType)),
      f('channel', enumOf(...ENUMS.licenseChannel))],
  },
  citizen_reports: {
    name: 'citizen_reports', time: 'received_at', cadence: 'DAILY',
    fields: [f('report_id', text), f('received_at', datetime), amanah, f('city', text),
      f('channel', enumOf(...ENUMS.reportChannel)), f('category', enumOf(...ENUMS.reportCategory)),
      f('priority', enumOf(...ENUMS.priority)), f('status', enumOf(...ENUMS.reportStatus)), f('resolved_at', datetime, true)],
  },
  notifications: {
    name: 'notifications', time: 'sent_at', cadence: 'DAILY',
    fields: [f('sent_at', datetime), amanah, f('kind', enumOf(...ENUMS.notificationKind)), f('count', uint)],
  },
  social_stats: {
    name: 'social_stats', time: 'day', cadence: 'DAILY',
    fields: [f('day', date), amanah, f('platform', enumOf(...ENUMS.platform)), f('followers', uint),
      f('impressions', uint), f('views', uint), f('engagements', uint), f('posts', uint)],
  },
  office_visits: {
    name: 'office_visits', time: 'ts', cadence: 'MONTHLY',
    fields: [f('ts', datetime), amanah, f('office', text), f('with_appointment', { type: 'bool' }), f('service', text)],
  },
  support_tickets: {
    name: 'support_tickets', time: 'opened_at', cadence: 'MONTHLY',
    fields: [f('ticket_id', text), f('opened_at', datetime), amanah, f('channel', text), f('category', text),
      f('resolved_at', datetime, true)],
  },
  participations: {
    name: 'participations', time: 'ts', cadence: 'MONTHLY',
    fields: [f('ts', datetime), amanah, f('kind', enumOf(...ENUMS.participationKind)), f('channel', text)],
  },
  archived_documents: {
    name: 'archived_documents', time: 'archived_at', cadence: 'MONTHLY',
    fields: [f('archived_at', datetime), amanah, f('documents', uint), f('attachments', uint)],
  },
  indicator_snapshots: {
    name: 'indicator_snapshots', time: 'day', cadence: 'MONTHLY',
    fields: [f('day', date), amanah, f('indicator', enumOf(...ENUMS.indicator)), f('value', { type: 'decimal' })],
  },
} as const satisfies Record<string, DatasetDefinition>;

export type DatasetName =
  | 'portal_visits' | 'service_requests' | 'licenses' | 'citizen_reports' | 'notifications' | 'social_stats'
  | 'office_visits' | 'support_tickets' | 'participations' | 'archived_documents' | 'indicator_snapshots';

export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];
