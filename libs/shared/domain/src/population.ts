import type { AmanahId } from './amanahs.js';
import type { Localized } from './vocabulary.js';

/**
 * Residents per amanah, for rankings per 100,000 residents: reference data, one figure per amanah, from the Saudi
 * Census 2022 of the General Authority for Statistics (GASTAT, census day 10 May 2022; first results published
 * 31 May 2023; national total 32,175,224).
 *
 * Which area each figure covers: an amanah of a region (Qassim, Asir, Tabuk, Hail, Northern Borders, Jazan, Najran,
 * Al-Baha, Al-Jouf) takes its administrative region; an amanah of a city takes its governorate (Riyadh, Makkah,
 * Jeddah, Madinah, Taif, Al-Ahsa, Hafr Al-Batin); the Eastern Province Amanah takes the Eastern Province less the
 * Al-Ahsa and Hafr Al-Batin governorates, which have amanahs of their own. A municipality's own service area can
 * differ from the governorate's; these are the census's areas, stated so a reader knows what was divided by what.
 *
 * `verified` says how each figure was checked offline while this file was written (through the project's
 * documentation search, without GASTAT's portal):
 * - `seen`: the figure itself was found in a copy of GASTAT's census table or a source quoting it (named in `note`);
 * - `sum`: the thirteen regional figures, taken from GASTAT's census 2022 regional table as remembered, add up exactly
 *   to the verified national total 32,175,224, and no single figure was seen;
 * - `unverified`: not checked offline: **verify against GASTAT (portal.saudicensus.sa) before publishing a
 *   per-capita ranking**.
 */
export interface AmanahPopulation {
  residents: number;
  area: Localized;
  verified: 'seen' | 'sum' | 'unverified';
  note?: string;
}

export const POPULATION_SOURCE: Localized = {
  ar: 'الهيئة العامة للإحصاء، تعداد السعودية 2022',
  en: 'General Authority for Statistics (GASTAT), Saudi Census 2022',
};
export const POPULATION_YEAR = 2022;

const region = (ar: string, en: string) => ({ ar: `منطقة ${ar}`, en: `${en} Region` });
const governorate = (ar: string, en: string) => ({ ar: `محافظة ${ar}`, en: `${en} Governorate` });

// Regional totals (census 2022) the Eastern Province figure is derived from.
const EASTERN_PROVINCE = 5_125_254;
const AHSA = 1_193_425;
const HAFR_ALBATIN = 600_470;

export const POPULATION: Readonly<Record<AmanahId, AmanahPopulation>> = {
  riyadh: { residents: 7_009_100, area: { ar: 'مدينة الرياض', en: 'Riyadh city' }, verified: 'unverified', note: 'GASTAT census 2022 figure for Riyadh city as remembered; the Riyadh Region total 8,591,748 was seen (Wikipedia, Riyadh Province, citing the census)' },
  makkah: { residents: 2_427_924, area: governorate('مكة المكرمة', 'Makkah'), verified: 'unverified', note: 'as remembered from GASTAT census 2022 tables' },
  jeddah: { residents: 3_751_722, area: governorate('جدة', 'Jeddah'), verified: 'seen', note: 'Jeddah, 2022: 3,751,722 (Wikipedia, Jeddah, citing the census)' },
  madinah: { residents: 1_477_047, area: governorate('المدينة المنورة', 'Madinah'), verified: 'seen', note: 'citypopulation.de, Al-Madinah al-Munawwarah region, census 2022-05-10, source GASTAT' },
  eastern: {
    residents: EASTERN_PROVINCE - AHSA - HAFR_ALBATIN,
    area: { ar: 'المنطقة الشرقية عدا محافظتي الأحساء وحفر الباطن', en: 'Eastern Province less Al-Ahsa and Hafr Al-Batin governorates' },
    verified: 'unverified',
    note: 'Eastern Province 5,125,254 (sum-checked) less the two governorates below (unverified)',
  },
  ahsa: { residents: AHSA, area: governorate('الأحساء', 'Al-Ahsa'), verified: 'unverified', note: 'as remembered from GASTAT census 2022 tables' },
  hafr_albatin: { residents: HAFR_ALBATIN, area: governorate('حفر الباطن', 'Hafr Al-Batin'), verified: 'unverified', note: 'approximate: the least certain figure here' },
  taif: { residents: 913_374, area: governorate('الطائف', 'Taif'), verified: 'unverified', note: 'as remembered from GASTAT census 2022 tables' },
  qassim: { residents: 1_336_179, area: region('القصيم', 'Al-Qassim'), verified: 'sum' },
  asir: { residents: 2_024_285, area: region('عسير', 'Asir'), verified: 'sum' },
  tabuk: { residents: 886_036, area: region('تبوك', 'Tabuk'), verified: 'sum' },
  hail: { residents: 746_406, area: region('حائل', 'Hail'), verified: 'sum' },
  northern_borders: { residents: 373_577, area: region('الحدود الشمالية', 'Northern Borders'), verified: 'sum' },
  jazan: { residents: 1_404_997, area: region('جازان', 'Jazan'), verified: 'sum' },
  najran: { residents: 592_300, area: region('نجران', 'Najran'), verified: 'sum' },
  baha: { residents: 339_174, area: region('الباحة', 'Al-Baha'), verified: 'sum' },
  jouf: { residents: 595_822, area: region('الجوف', 'Al-Jouf'), verified: 'sum' },
};

/** A value per 100,000 residents of the amanah's area. */
export function per100k(value: number, amanah: AmanahId): number {
  return (value / POPULATION[amanah].residents) * 100_000;
}
