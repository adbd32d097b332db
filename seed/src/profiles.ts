import type { AmanahId } from '@amanah/domain';

/**
 * What makes one amanah's demo data look like that amanah: its size relative to Riyadh (roughly by population),
 * whether pilgrims crowd it in the Hajj season, its cities (citizen reports) and its offices (in-person visits).
 */
export interface AmanahProfile {
  size: number;
  hajj: boolean;
  cities: readonly string[];
  offices: readonly string[];
}

const HQ = 'المقر الرئيسي';

export const AMANAH_PROFILES: Record<AmanahId, AmanahProfile> = {
  riyadh: { size: 1, hajj: false, cities: ['Riyadh', 'Diriyah', 'Al-Kharj'], offices: [HQ, 'بلدية العليا', 'بلدية الملز', 'بلدية النسيم', 'بلدية الشفا'] },
  jeddah: { size: 0.75, hajj: false, cities: ['Jeddah'], offices: [HQ, 'بلدية البلد', 'بلدية الصفا', 'بلدية أبحر', 'بلدية الجامعة'] },
  makkah: { size: 0.4, hajj: true, cities: ['Makkah', 'Al-Jumum'], offices: [HQ, 'بلدية العزيزية', 'بلدية الشرائع', 'بلدية المعابدة'] },
  madinah: { size: 0.35, hajj: true, cities: ['Madinah', 'Yanbu', 'Al-Ula'], offices: [HQ, 'بلدية قباء', 'بلدية العوالي', 'بلدية العيون'] },
  eastern: { size: 0.55, hajj: false, cities: ['Dammam', 'Al-Khobar', 'Dhahran', 'Qatif', 'Jubail'], offices: [HQ, 'بلدية الدمام', 'بلدية الخبر', 'بلدية القطيف', 'بلدية الظهران'] },
  ahsa: { size: 0.2, hajj: false, cities: ['Al-Hofuf', 'Al-Mubarraz'], offices: [HQ, 'بلدية المبرز', 'بلدية الهفوف'] },
  hafr_albatin: { size: 0.08, hajj: false, cities: ['Hafr Al-Batin'], offices: [HQ, 'بلدية الصداوي'] },
  taif: { size: 0.15, hajj: false, cities: ['Taif', 'Al-Hawiyah'], offices: [HQ, 'بلدية الحوية', 'بلدية الشفا'] },
  qassim: { size: 0.2, hajj: false, cities: ['Buraidah', 'Unaizah', 'Ar Rass'], offices: [HQ, 'بلدية عنيزة', 'بلدية الرس'] },
  asir: { size: 0.2, hajj: false, cities: ['Abha', 'Khamis Mushait'], offices: [HQ, 'بلدية خميس مشيط', 'بلدية أبها'] },
  tabuk: { size: 0.12, hajj: false, cities: ['Tabuk', 'Duba', 'Al-Wajh'], offices: [HQ, 'بلدية ضباء', 'بلدية الوجه', 'بلدية تيماء'] },
  hail: { size: 0.1, hajj: false, cities: ['Hail', 'Baqaa'], offices: [HQ, 'بلدية بقعاء'] },
  northern_borders: { size: 0.06, hajj: false, cities: ['Arar', 'Rafha', 'Turaif'], offices: [HQ, 'بلدية رفحاء'] },
  jazan: { size: 0.15, hajj: false, cities: ['Jazan', 'Sabya', 'Abu Arish'], offices: [HQ, 'بلدية صبيا', 'بلدية أبو عريش'] },
  najran: { size: 0.08, hajj: false, cities: ['Najran', 'Sharurah'], offices: [HQ, 'بلدية شرورة'] },
  baha: { size: 0.05, hajj: false, cities: ['Al-Baha', 'Baljurashi'], offices: [HQ, 'بلدية بلجرشي'] },
  jouf: { size: 0.08, hajj: false, cities: ['Sakaka', 'Dumat Al-Jandal', 'Qurayyat'], offices: [HQ, 'بلدية دومة الجندل'] },
};
