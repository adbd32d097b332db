import type { AmanahId } from '@amanah/domain';

/**
 * Factories: one valid row of each dataset, with every field filled, and overrides for what a test cares about.
 * Rows are in the store's wire shape (timestamps 'YYYY-MM-DD hh:mm:ss' in Asia/Riyadh, optional fields null).
 * The vocabularies below are the values the seed draws from, so hand-made rows and seeded rows look alike.
 */
export const PORTAL_PAGES = ['/', '/services', '/services/licenses', '/services/building-permits', '/e-services/payment',
  '/news', '/reports/new', '/tenders', '/investment', '/contact', '/about', '/login'] as const;
export const SUPPORT_CHANNELS = ['portal', 'call_940', 'email', 'chat'] as const;
export const SUPPORT_CATEGORIES = ['login', 'payment', 'technical', 'inquiry', 'other'] as const;
export const PARTICIPATION_CHANNELS = ['portal', 'mobile_app', 'social'] as const;
export const OFFICE_SERVICES = ['license_request', 'registration', 'payment', 'other', 'commercial_register', 'account_update'] as const;

export interface PortalVisitRow { ts: string; amanah: AmanahId; channel: string; visitor_id: string; session_id: string; page: string; device: string; source: string }
export interface ServiceRequestRow { request_id: string; submitted_at: string; amanah: AmanahId; service: string; channel: string; status: string; completed_at: string | null }
export interface LicenseRow { license_id: string; issued_at: string; amanah: AmanahId; license_type: string; channel: string }
export interface CitizenReportRow { report_id: string; received_at: string; amanah: AmanahId; city: string; channel: string; category: string; priority: string; status: string; resolved_at: string | null }
export interface NotificationRow { sent_at: string; amanah: AmanahId; kind: string; count: number }
export interface SocialStatRow { day: string; amanah: AmanahId; platform: string; followers: number; impressions: number; views: number; engagements: number; posts: number }
export interface OfficeVisitRow { ts: string; amanah: AmanahId; office: string; with_appointment: boolean; service: string }
export interface SupportTicketRow { ticket_id: string; opened_at: string; amanah: AmanahId; channel: string; category: string; resolved_at: string | null }
export interface ParticipationRow { ts: string; amanah: AmanahId; kind: string; channel: string }
export interface ArchivedDocumentRow { archived_at: string; amanah: AmanahId; documents: number; attachments: number }
export interface IndicatorSnapshotRow { day: string; amanah: AmanahId; indicator: string; value: number }

export interface DatasetRows {
  portal_visits: PortalVisitRow;
  service_requests: ServiceRequestRow;
  licenses: LicenseRow;
  citizen_reports: CitizenReportRow;
  notifications: NotificationRow;
  social_stats: SocialStatRow;
  office_visits: OfficeVisitRow;
  support_tickets: SupportTicketRow;
  participations: ParticipationRow;
  archived_documents: ArchivedDocumentRow;
  indicator_snapshots: IndicatorSnapshotRow;
}

// A counter so that two rows made in one test get different ids without the test having to care.
let sequence = 0;
const nextId = (prefix: string): string => `${prefix}-${String(++sequence).padStart(6, '0')}`;

export const makePortalVisit = (o: Partial<PortalVisitRow> = {}): PortalVisitRow => ({
  ts: '2024-03-10 10:15:00', amanah: 'riyadh', channel: 'web', visitor_id: nextId('visitor'), session_id: nextId('session'),
  page: '/services', device: 'desktop', source: 'search', ...o,
});

export const makeServiceRequest = (o: Partial<ServiceRequestRow> = {}): ServiceRequestRow => ({
  request_id: nextId('SR'), submitted_at: '2024-03-10 09:00:00', amanah: 'riyadh', service: 'registration', channel: 'portal',
  status: 'completed', completed_at: '2024-03-11 12:30:00', ...o,
});

export const makeLicense = (o: Partial<LicenseRow> = {}): LicenseRow => ({
  license_id: nextId('LIC'), issued_at: '2024-03-10 11:00:00', amanah: 'riyadh', license_type: 'commercial', channel: 'portal', ...o,
});

export const makeCitizenReport = (o: Partial<CitizenReportRow> = {}): CitizenReportRow => ({
  report_id: nextId('RPT'), received_at: '2024-03-10 21:40:00', amanah: 'eastern', city: 'Al-Khobar', channel: 'call_940',
  category: 'billboard', priority: 'normal', status: 'resolved', resolved_at: '2024-03-11 01:10:00', ...o,
});

export const makeNotification = (o: Partial<NotificationRow> = {}): NotificationRow => ({
  sent_at: '2024-03-10 09:00:00', amanah: 'riyadh', kind: 'sms', count: 1, ...o,
});

export const makeSocialStat = (o: Partial<SocialStatRow> = {}): SocialStatRow => ({
  day: '2024-03-10', amanah: 'riyadh', platform: 'twitter', followers: 100_000, impressions: 50_000, views: 8_000,
  engagements: 1_200, posts: 5, ...o,
});

export const makeOfficeVisit = (o: Partial<OfficeVisitRow> = {}): OfficeVisitRow => ({
  ts: '2024-03-10 09:30:00', amanah: 'tabuk', office: 'المقر الرئيسي', with_appointment: true, service: 'license_request', ...o,
});

export const makeSupportTicket = (o: Partial<SupportTicketRow> = {}): SupportTicketRow => ({
  ticket_id: nextId('TKT'), opened_at: '2024-03-10 13:00:00', amanah: 'jeddah', channel: 'portal', category: 'login',
  resolved_at: '2024-03-10 16:00:00', ...o,
});

export const makeParticipation = (o: Partial<ParticipationRow> = {}): ParticipationRow => ({
  ts: '2024-03-10 20:00:00', amanah: 'jeddah', kind: 'suggestion', channel: 'portal', ...o,
});

export const makeArchivedDocument = (o: Partial<ArchivedDocumentRow> = {}): ArchivedDocumentRow => ({
  archived_at: '2024-03-10 14:00:00', amanah: 'jeddah', documents: 100, attachments: 330, ...o,
});

export const makeIndicatorSnapshot = (o: Partial<IndicatorSnapshotRow> = {}): IndicatorSnapshotRow => ({
  day: '2024-03-31', amanah: 'riyadh', indicator: 'staff', value: 9_300, ...o,
});

/** One factory per dataset, by dataset name. */
export const FACTORIES: { [K in keyof DatasetRows]: (overrides?: Partial<DatasetRows[K]>) => DatasetRows[K] } = {
  portal_visits: makePortalVisit,
  service_requests: makeServiceRequest,
  licenses: makeLicense,
  citizen_reports: makeCitizenReport,
  notifications: makeNotification,
  social_stats: makeSocialStat,
  office_visits: makeOfficeVisit,
  support_tickets: makeSupportTicket,
  participations: makeParticipation,
  archived_documents: makeArchivedDocument,
  indicator_snapshots: makeIndicatorSnapshot,
};
