import { AMANAHS, DATASETS, type DatasetName } from '@amanah/domain';
import type { DimensionId, Localized } from './types.js';

export interface DimensionDefinition {
  id: DimensionId;
  label: Localized;
  /** Column per dataset: the same dimension id may be stored under another name (notification_kind is `kind`). */
  columns: Partial<Record<DatasetName, string>>;
  /** Labels of known members, for display. Which values a filter accepts comes from the dataset's field kind. */
  members: Record<string, Localized>;
}

const m = (ar: string, en: string): Localized => ({ ar, en });

export const DIMENSIONS: Record<DimensionId, DimensionDefinition> = {
  amanah: {
    id: 'amanah', label: m('الأمانة', 'Amanah'),
    columns: { portal_visits: 'amanah', service_requests: 'amanah', licenses: 'amanah', citizen_reports: 'amanah',
      notifications: 'amanah', social_stats: 'amanah', office_visits: 'amanah', support_tickets: 'amanah',
      participations: 'amanah', archived_documents: 'amanah', indicator_snapshots: 'amanah' },
    members: Object.fromEntries(AMANAHS.map((a) => [a.id, m(a.nameAr, a.nameEn)])),
  },
  channel: {
    id: 'channel', label: m('القناة', 'Channel'),
    columns: { portal_visits: 'channel', service_requests: 'channel', licenses: 'channel', citizen_reports: 'channel',
      support_tickets: 'channel', participations: 'channel' },
    members: {
      web: m('الموقع الإلكتروني', 'Website'), mobile_app: m('تطبيق الجوال', 'Mobile app'), portal: m('البوابة الإلكترونية', 'Portal'),
      balady: m('منصة بلدي', 'Balady'), office: m('الحضور الشخصي', 'In person'), call_940: m('مركز 940', '940 centre'),
      app: m('تطبيق بلاغاتي', 'Balaghati app'), whatsapp: m('واتساب', 'WhatsApp'), twitter: m('تويتر (إكس)', 'Twitter / X'),
      email: m('البريد الإلكتروني', 'E-mail'),
    },
  },
  service: {
    id: 'service', label: m('الخدمة', 'Service'),
    columns: { service_requests: 'service', office_visits: 'service' },
    members: {
      registration: m('التسجيل', 'Registration'), account_update: m('تفعيل الحساب وتحديث البيانات', 'Account activation and update'),
      e_authorization: m('التفويض الإلكتروني', 'E-authorization'), commercial_register: m('إضافة السجل التجاري', 'Commercial register'),
      electricity_appointment: m('حجز مواعيد الكهرباء', 'Electricity appointments'), license_request: m('طلب رخصة', 'License request'),
      tender: m('المنافسات', 'Tenders'), investment: m('الاستثمار', 'Investment'), payment: m('المدفوعات', 'Payments'), other: m('أخرى', 'Other'),
    },
  },
  status: {
    id: 'status', label: m('الحالة', 'Status'),
    columns: { service_requests: 'status', citizen_reports: 'status' },
    members: {
      submitted: m('مقدَّم', 'Submitted'), in_progress: m('قيد المعالجة', 'In progress'), completed: m('مكتمل', 'Completed'),
      rejected: m('مرفوض', 'Rejected'), open: m('مفتوح', 'Open'), resolved: m('تمت المعالجة', 'Resolved'), closed: m('مغلق', 'Closed'),
    },
  },
  license_type: {
    id: 'license_type', label: m('نوع الرخصة', 'License type'), columns: { licenses: 'license_type' },
    members: {
      commercial: m('تجارية', 'Commercial'), professional: m('مهنية', 'Professional'), health: m('صحية', 'Health'),
      technical: m('فنية', 'Technical'), project: m('مشاريع', 'Projects'), excavation: m('حفريات', 'Excavation'), building: m('بناء', 'Building'),
    },
  },
  category: {
    id: 'category', label: m('التصنيف', 'Category'), columns: { citizen_reports: 'category', support_tickets: 'category' },
    members: {
      billboard: m('اللوحات الإعلانية', 'Billboards'), lighting: m('الإنارة', 'Lighting'), cleanliness: m('النظافة', 'Cleanliness'),
      roads: m('الطرق', 'Roads'), building_violation: m('مخالفات البناء', 'Building violations'), water_leak: m('تسربات المياه', 'Water leaks'),
      other: m('أخرى', 'Other'),
    },
  },
  priority: {
    id: 'priority', label: m('الأولوية', 'Priority'), columns: { citizen_reports: 'priority' },
    members: { normal: m('عادية', 'Normal'), urgent: m('عاجلة', 'Urgent') },
  },
  platform: {
    id: 'platform', label: m('المنصة', 'Platform'), columns: { social_stats: 'platform' },
    members: {
      twitter: m('تويتر (إكس)', 'Twitter / X'), facebook: m('فيسبوك', 'Facebook'), instagram: m('إنستغرام', 'Instagram'),
      youtube: m('يوتيوب', 'YouTube'), snapchat: m('سناب شات', 'Snapchat'), tiktok: m('تيك توك', 'TikTok'),
      linkedin: m('لينكد إن', 'LinkedIn'), whatsapp: m('واتساب', 'WhatsApp'),
    },
  },
  notification_kind: {
    id: 'notification_kind', label: m('نوع الإشعار', 'Notification kind'), columns: { notifications: 'kind' },
    members: { sms: m('رسائل نصية', 'SMS'), email: m('بريد إلكتروني', 'E-mail'), push: m('إشعارات التطبيق', 'Push') },
  },
  device: {
    id: 'device', label: m('الجهاز', 'Device'), columns: { portal_visits: 'device' },
    members: { desktop: m('حاسب مكتبي', 'Desktop'), mobile: m('جوال', 'Mobile'), tablet: m('جهاز لوحي', 'Tablet') },
  },
  source: {
    id: 'source', label: m('مصدر الزيارة', 'Traffic source'), columns: { portal_visits: 'source' },
    members: {
      direct: m('مباشر', 'Direct'), search: m('محركات البحث', 'Search'), social: m('التواصل الاجتماعي', 'Social media'),
      sms: m('رسائل نصية', 'SMS'), email: m('البريد الإلكتروني', 'E-mail'), referral: m('مواقع أخرى', 'Referral'),
    },
  },
  with_appointment: {
    id: 'with_appointment', label: m('بموعد مسبق', 'With appointment'), columns: { office_visits: 'with_appointment' },
    members: { true: m('بموعد', 'With appointment'), false: m('بدون موعد', 'Walk-in') },
  },
  kind: {
    id: 'kind', label: m('النوع', 'Kind'), columns: { participations: 'kind' },
    members: { suggestion: m('اقتراح', 'Suggestion'), survey: m('استبيان', 'Survey'), comment: m('تعليق', 'Comment'), vote: m('تصويت', 'Vote') },
  },
  indicator: {
    id: 'indicator', label: m('المؤشر', 'Indicator'), columns: { indicator_snapshots: 'indicator' },
    members: {
      // Also the labels of the indicator.* metrics (src/catalogue.ts).
      staff: m('عدد الموظفين', 'Staff'), staff_female: m('عدد الموظفات', 'Female staff'),
      registered_beneficiaries: m('المستفيدون المسجلون', 'Registered beneficiaries'), digital_services: m('الخدمات الرقمية', 'Digital services'),
      e_systems: m('الأنظمة الإلكترونية', 'Electronic systems'), sites: m('المباني المرتبطة بالشبكة', 'Sites on the network'),
      projects: m('المشاريع', 'Projects'), projects_value_sar: m('قيمة المشاريع', 'Projects value'),
    },
  },
};

/**
 * The values a filter on this dimension may take in this dataset: the enum of the field (or the amanah ids, or
 * true/false), or `undefined` where the field is free text (an office name, a support channel).
 */
export function allowedValues(dimension: DimensionId, dataset: DatasetName): readonly string[] | undefined {
  const column = DIMENSIONS[dimension].columns[dataset];
  const field = DATASETS[dataset].fields.find((f) => f.name === column);
  if (!field) return undefined;
  switch (field.kind.type) {
    case 'enum': return field.kind.values;
    case 'amanah': return AMANAHS.map((a) => a.id);
    case 'bool': return ['true', 'false'];
    default: return undefined;
  }
}

export function memberLabel(dimension: DimensionId, key: string): Localized {
  return DIMENSIONS[dimension].members[key] ?? { ar: key, en: key };
}
