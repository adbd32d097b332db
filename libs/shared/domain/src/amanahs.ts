/** The seventeen amanahs of the public contract. The `amanahs` table (migration 0002) holds the same rows. */
export interface Amanah {
  id: AmanahId;
  nameAr: string;
  nameEn: string;
  regionAr: string;
  regionEn: string;
}

export const AMANAH_IDS = [
  'riyadh', 'makkah', 'jeddah', 'madinah', 'eastern', 'ahsa', 'hafr_albatin', 'taif', 'qassim',
  'asir', 'tabuk', 'hail', 'northern_borders', 'jazan', 'najran', 'baha', 'jouf',
] as const;
export type AmanahId = (typeof AMANAH_IDS)[number];

export const AMANAHS: readonly Amanah[] = [
  { id: 'riyadh', nameAr: 'أمانة منطقة الرياض', nameEn: 'Riyadh Region Municipality', regionAr: 'منطقة الرياض', regionEn: 'Riyadh Region' },
  { id: 'makkah', nameAr: 'أمانة العاصمة المقدسة', nameEn: 'Holy Capital Municipality (Makkah)', regionAr: 'منطقة مكة المكرمة', regionEn: 'Makkah Region' },
  { id: 'jeddah', nameAr: 'أمانة محافظة جدة', nameEn: 'Jeddah Municipality', regionAr: 'منطقة مكة المكرمة', regionEn: 'Makkah Region' },
  { id: 'madinah', nameAr: 'أمانة منطقة المدينة المنورة', nameEn: 'Madinah Region Municipality', regionAr: 'منطقة المدينة المنورة', regionEn: 'Madinah Region' },
  { id: 'eastern', nameAr: 'أمانة المنطقة الشرقية', nameEn: 'Eastern Province Municipality', regionAr: 'المنطقة الشرقية', regionEn: 'Eastern Province' },
  { id: 'ahsa', nameAr: 'أمانة الأحساء', nameEn: 'Al-Ahsa Municipality', regionAr: 'المنطقة الشرقية', regionEn: 'Eastern Province' },
  { id: 'hafr_albatin', nameAr: 'أمانة محافظة حفر الباطن', nameEn: 'Hafr Al-Batin Municipality', regionAr: 'المنطقة الشرقية', regionEn: 'Eastern Province' },
  { id: 'taif', nameAr: 'أمانة محافظة الطائف', nameEn: 'Taif Municipality', regionAr: 'منطقة مكة المكرمة', regionEn: 'Makkah Region' },
  { id: 'qassim', nameAr: 'أمانة منطقة القصيم', nameEn: 'Qassim Region Municipality', regionAr: 'منطقة القصيم', regionEn: 'Qassim Region' },
  { id: 'asir', nameAr: 'أمانة منطقة عسير', nameEn: 'Asir Region Municipality', regionAr: 'منطقة عسير', regionEn: 'Asir Region' },
  { id: 'tabuk', nameAr: 'أمانة منطقة تبوك', nameEn: 'Tabuk Region Municipality', regionAr: 'منطقة تبوك', regionEn: 'Tabuk Region' },
  { id: 'hail', nameAr: 'أمانة منطقة حائل', nameEn: 'Hail Region Municipality', regionAr: 'منطقة حائل', regionEn: 'Hail Region' },
  { id: 'northern_borders', nameAr: 'أمانة منطقة الحدود الشمالية', nameEn: 'Northern Borders Region Municipality', regionAr: 'منطقة الحدود الشمالية', regionEn: 'Northern Borders Region' },
  { id: 'jazan', nameAr: 'أمانة منطقة جازان', nameEn: 'Jazan Region Municipality', regionAr: 'منطقة جازان', regionEn: 'Jazan Region' },
  { id: 'najran', nameAr: 'أمانة منطقة نجران', nameEn: 'Najran Region Municipality', regionAr: 'منطقة نجران', regionEn: 'Najran Region' },
  { id: 'baha', nameAr: 'أمانة منطقة الباحة', nameEn: 'Al-Baha Region Municipality', regionAr: 'منطقة الباحة', regionEn: 'Al-Baha Region' },
  { id: 'jouf', nameAr: 'أمانة منطقة الجوف', nameEn: 'Al-Jouf Region Municipality', regionAr: 'منطقة الجوف', regionEn: 'Al-Jouf Region' },
];

export function isAmanahId(value: string): value is AmanahId {
  return (AMANAH_IDS as readonly string[]).includes(value);
}
