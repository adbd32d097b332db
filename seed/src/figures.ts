import type { AmanahId } from '@amanah/domain';

/**
 * Every figure the five source articles publish that a contract metric can answer, with the range that stands for
 * the article's words (seed/README.md says why each range was chosen). The demo seed is calibrated so that each of
 * these holds at scale 1; the seed's integration tests and the API tests check them with plain queries.
 */
export type FigureExpectation =
  /** The article gives the number as is ("1,733 visitors", "about 14,470"): the metric equals it. */
  | { kind: 'exact'; value: number }
  /** "More than X": at least X and below the next step the article would have rounded to. */
  | { kind: 'at_least_below'; atLeast: number; below: number };

export interface FigureFilter {
  dimension: string; // a contract dimension id
  values: string[];
}

export interface PublishedFigure {
  id: string;
  /** The source article's file name in the product's source documents. */
  article: ArticleId;
  amanah: AmanahId;
  /** A contract metric id (portal.visits, indicator.staff...). */
  metric: string;
  filters: FigureFilter[];
  range: { from: string; to: string };
  expected: FigureExpectation;
  /** What the article says, in English. */
  says: string;
}

export const ARTICLES = {
  jeddahPortal: '000_f3d3adc386ac4b27',
  easternRaqmi: '001_0e0ba6634c232d45',
  jeddahIt: '002_adde9bc0271cdf4f',
  tabukVisits: '003_50b4206563a9bd90',
  eastern940: '004_55b57d79e5247408',
} as const;
export type ArticleId = (typeof ARTICLES)[keyof typeof ARTICLES];

/** The ranges that stand for each article's words. */
export const ARTICLE_RANGES = {
  /** Jeddah e-portal report: "the last two years to date", published at the end of 2024. */
  jeddahPortal: { from: '2023-01-01', to: '2024-12-31' },
  /** Same article: "the first quarter of this year". */
  jeddahPortalFirstQuarter: { from: '2024-01-01', to: '2024-03-31' },
  /** Jeddah IT sector: "the last five years" of website visitors; levels as of the same day as the portal report. */
  jeddahIt: { from: '2020-01-01', to: '2024-12-31' },
  /** Eastern "Raqmi": "during the past period" — two and a half years, so that visits ÷ days = 3,400 exactly. */
  easternRaqmi: { from: '2023-01-01', to: '2025-06-30' },
  tabukFirstHalf2023: { from: '2023-01-01', to: '2023-06-30' },
  tabukFirstHalf2024: { from: '2024-01-01', to: '2024-06-30' },
} as const;

const exact = (value: number): FigureExpectation => ({ kind: 'exact', value });
const moreThan = (atLeast: number, below: number): FigureExpectation => ({ kind: 'at_least_below', atLeast, below });
const only = (dimension: string, ...values: string[]): FigureFilter[] => [{ dimension, values }];

const jp = ARTICLE_RANGES.jeddahPortal;
const ji = ARTICLE_RANGES.jeddahIt;
const er = ARTICLE_RANGES.easternRaqmi;
/** The platforms other than Twitter: the IT article's "social-media followers" (its Twitter figure is the portal article's). */
export const NON_TWITTER_PLATFORMS = ['facebook', 'instagram', 'youtube', 'snapchat', 'tiktok', 'linkedin', 'whatsapp'];
/** The licence types the Raqmi article lists: professional, health, technical, projects, excavations. */
export const RAQMI_LICENSE_TYPES = ['professional', 'health', 'technical', 'project', 'excavation'];

export const PUBLISHED_FIGURES: readonly PublishedFigure[] = [
  // Jeddah — e-portal report (000)
  { id: 'jeddah-portal.visits', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'portal.visits', filters: [], range: jp, expected: moreThan(6_000_000, 7_000_000), says: 'more than 6 million portal visitors' },
  { id: 'jeddah-portal.participations', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'participations.count', filters: [], range: jp, expected: exact(14_470), says: 'about 14,470 participations from visitors' },
  { id: 'jeddah-portal.twitter-followers', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'social.followers', filters: only('platform', 'twitter'), range: jp, expected: exact(2_200_000), says: '2,200,000 Twitter followers' },
  { id: 'jeddah-portal.q1-impressions', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'social.impressions', filters: [], range: ARTICLE_RANGES.jeddahPortalFirstQuarter, expected: moreThan(11_300_000, 11_400_000), says: 'more than 11,300,000 content impressions in the first quarter' },
  { id: 'jeddah-portal.facebook-followers', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'social.followers', filters: only('platform', 'facebook'), range: jp, expected: moreThan(166_000, 167_000), says: 'more than 166,000 Facebook subscribers' },
  { id: 'jeddah-portal.instagram-followers', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'social.followers', filters: only('platform', 'instagram'), range: jp, expected: exact(55_000), says: '55,000 Instagram subscribers' },
  { id: 'jeddah-portal.youtube-views', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'social.views', filters: only('platform', 'youtube'), range: jp, expected: moreThan(2_000_000, 3_000_000), says: 'YouTube views passed 2 million' },
  { id: 'jeddah-portal.sms', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'notifications.sent', filters: only('notification_kind', 'sms'), range: jp, expected: moreThan(2_850_000, 2_860_000), says: 'more than 2,850,000 SMS sent to beneficiaries' },
  { id: 'jeddah-portal.support-tickets', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'support.tickets', filters: [], range: jp, expected: exact(5_839), says: '5,839 technical-support tickets' },
  { id: 'jeddah-portal.registration-requests', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'services.requests', filters: only('service', 'registration'), range: jp, expected: exact(26_676), says: '26,676 registration requests' },
  { id: 'jeddah-portal.account-update-requests', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'services.requests', filters: only('service', 'account_update'), range: jp, expected: exact(34_569), says: '34,569 account activation and data update requests' },
  { id: 'jeddah-portal.e-authorization-requests', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'services.requests', filters: only('service', 'e_authorization'), range: jp, expected: exact(11_425), says: '11,425 e-authorization requests' },
  { id: 'jeddah-portal.commercial-register-requests', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'services.requests', filters: only('service', 'commercial_register'), range: jp, expected: exact(14_604), says: '14,604 commercial-register addition requests' },
  { id: 'jeddah-portal.electricity-appointments', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'services.requests', filters: only('service', 'electricity_appointment'), range: jp, expected: exact(11_624), says: '11,624 electricity appointment bookings' },
  { id: 'jeddah-portal.commercial-licenses-via-portal', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'licenses.issued', filters: [...only('license_type', 'commercial'), ...only('channel', 'portal')], range: jp, expected: exact(20_404), says: '20,404 commercial licenses issued through the portal' },
  { id: 'jeddah-portal.license-requests', article: ARTICLES.jeddahPortal, amanah: 'jeddah', metric: 'services.requests', filters: only('service', 'license_request'), range: jp, expected: exact(62_000), says: '62,000 electronic license requests in total' },

  // Eastern Province — "Raqmi" digital portal (001)
  { id: 'eastern-raqmi.visits', article: ARTICLES.easternRaqmi, amanah: 'eastern', metric: 'portal.visits', filters: [], range: er, expected: moreThan(3_000_000, 4_000_000), says: 'more than 3 million portal visitors' },
  { id: 'eastern-raqmi.daily-average-visits', article: ARTICLES.easternRaqmi, amanah: 'eastern', metric: 'portal.daily_avg_visits', filters: [], range: er, expected: exact(3_400), says: 'averaging 3,400 visitors a day' },
  { id: 'eastern-raqmi.registered-beneficiaries', article: ARTICLES.easternRaqmi, amanah: 'eastern', metric: 'indicator.registered_beneficiaries', filters: [], range: er, expected: moreThan(500_000, 600_000), says: 'more than half a million registered beneficiaries' },
  { id: 'eastern-raqmi.digital-services', article: ARTICLES.easternRaqmi, amanah: 'eastern', metric: 'indicator.digital_services', filters: [], range: er, expected: moreThan(60, 70), says: 'more than 60 digital services' },
  { id: 'eastern-raqmi.sms', article: ARTICLES.easternRaqmi, amanah: 'eastern', metric: 'notifications.sent', filters: only('notification_kind', 'sms'), range: er, expected: moreThan(7_000_000, 8_000_000), says: 'more than 7 million SMS' },
  { id: 'eastern-raqmi.digital-requests', article: ARTICLES.easternRaqmi, amanah: 'eastern', metric: 'services.requests', filters: [], range: er, expected: moreThan(1_800_000, 1_900_000), says: 'more than 1.8 million digital requests' },
  { id: 'eastern-raqmi.twitter-followers', article: ARTICLES.easternRaqmi, amanah: 'eastern', metric: 'social.followers', filters: only('platform', 'twitter'), range: er, expected: moreThan(220_000, 221_000), says: 'more than 220,000 Twitter subscribers' },
  { id: 'eastern-raqmi.licenses', article: ARTICLES.easternRaqmi, amanah: 'eastern', metric: 'licenses.issued', filters: only('license_type', ...RAQMI_LICENSE_TYPES), range: er, expected: exact(280_000), says: '280,000 licenses: professional, health, technical, projects, excavations' },
  { id: 'eastern-raqmi.archived-documents', article: ARTICLES.easternRaqmi, amanah: 'eastern', metric: 'archive.documents', filters: [], range: er, expected: exact(8_000_000), says: '8 million documents archived electronically' },
  { id: 'eastern-raqmi.digital-share', article: ARTICLES.easternRaqmi, amanah: 'eastern', metric: 'services.digital_share', filters: [], range: er, expected: moreThan(90, 100), says: 'more than 90% of beneficiaries served without visiting' },
  { id: 'eastern-raqmi.staff', article: ARTICLES.easternRaqmi, amanah: 'eastern', metric: 'indicator.staff', filters: [], range: er, expected: exact(3_600), says: 'about 3,600 employees' },

  // Jeddah — IT sector (002)
  { id: 'jeddah-it.staff', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'indicator.staff', filters: [], range: ji, expected: exact(145), says: '145 IT staff' },
  { id: 'jeddah-it.staff-female', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'indicator.staff_female', filters: [], range: ji, expected: exact(54), says: '37% of them women (54 of 145 = 37.2%)' },
  { id: 'jeddah-it.projects', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'indicator.projects', filters: [], range: ji, expected: moreThan(75, 80), says: 'more than 75 projects in six years' },
  { id: 'jeddah-it.projects-value', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'indicator.projects_value_sar', filters: [], range: ji, expected: exact(255_000_000), says: 'worth 255 million SAR' },
  { id: 'jeddah-it.e-systems', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'indicator.e_systems', filters: [], range: ji, expected: moreThan(45, 50), says: 'more than 45 electronic systems' },
  { id: 'jeddah-it.external-services', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'indicator.digital_services', filters: [], range: ji, expected: exact(105), says: '105 external e-services' },
  { id: 'jeddah-it.archived-transactions', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'archive.documents', filters: [], range: ji, expected: moreThan(7_000_000, 8_000_000), says: 'more than seven million transactions archived' },
  { id: 'jeddah-it.archived-attachments', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'archive.attachments', filters: [], range: ji, expected: moreThan(24_000_000, 25_000_000), says: 'with 24 million attachments' },
  { id: 'jeddah-it.website-visits', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'portal.visits', filters: [], range: ji, expected: moreThan(9_000_000, 10_000_000), says: 'more than nine million website visitors in five years' },
  { id: 'jeddah-it.social-followers', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'social.followers', filters: only('platform', ...NON_TWITTER_PLATFORMS), range: ji, expected: moreThan(470_000, 480_000), says: 'more than 470,000 social-media followers' },
  { id: 'jeddah-it.emails', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'notifications.sent', filters: only('notification_kind', 'email'), range: ji, expected: moreThan(44_000_000, 45_000_000), says: 'more than 44 million e-mails sent' },
  { id: 'jeddah-it.sites', article: ARTICLES.jeddahIt, amanah: 'jeddah', metric: 'indicator.sites', filters: [], range: ji, expected: exact(63), says: '63 buildings on the network' },

  // Tabuk — in-person visits (003)
  { id: 'tabuk-visits.first-half-2023', article: ARTICLES.tabukVisits, amanah: 'tabuk', metric: 'office.visits', filters: [], range: ARTICLE_RANGES.tabukFirstHalf2023, expected: exact(5_393), says: '5,393 visitors in the first half of 2023' },
  { id: 'tabuk-visits.first-half-2024', article: ARTICLES.tabukVisits, amanah: 'tabuk', metric: 'office.visits', filters: [], range: ARTICLE_RANGES.tabukFirstHalf2024, expected: exact(1_733), says: '1,733 visitors in the first half of 2024 (−67.87%)' },
];

export function figureById(id: string): PublishedFigure {
  const figure = PUBLISHED_FIGURES.find((f) => f.id === id);
  if (!figure) throw new Error(`No published figure "${id}"`);
  return figure;
}
