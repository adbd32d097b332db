import type { DisplayPrefs } from '@amanah/web-format';
import type { MetricInfo } from '../types.js';

export const arArab: DisplayPrefs = { lang: 'ar', digits: 'arab', calendar: 'gregory' };
export const enLatn: DisplayPrefs = { lang: 'en', digits: 'latn', calendar: 'gregory' };

export const officeVisits: MetricInfo = {
  id: 'office.visits', label: { ar: 'زيارات المراجعين', en: 'In-person visits' }, unit: 'count', direction: 'down_is_good', decimals: 0,
};
export const portalVisits: MetricInfo = {
  id: 'portal.visits', label: { ar: 'زيارات البوابة', en: 'Portal visits' }, unit: 'count', direction: 'up_is_good', decimals: 0,
};
export const digitalShare: MetricInfo = {
  id: 'services.digital_share', label: { ar: 'نسبة الطلبات الرقمية', en: 'Digital share' }, unit: 'percent', direction: 'up_is_good', decimals: 1,
};

/** Drops the invisible bidi marks Intl puts around Arabic signs. */
export const visible = (text: string | null | undefined) => (text ?? '').replace(/[\u061C\u200E\u200F]/g, '').replace(/\s+/g, ' ').trim();
