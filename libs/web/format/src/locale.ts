/**
 * The display preferences every formatted number and date follows. They are user choices kept in the URL, so the
 * same link shows the same digits and calendar to everyone.
 */
import type { Lang } from '@amanah/domain';

export type { Lang } from '@amanah/domain';
/** Arabic-Indic (٠١٢٣) or Latin (0123) digits: Intl numbering systems, never string replacement. */
export type Digits = 'arab' | 'latn';
export type CalendarSystem = 'gregory' | 'hijri';

export interface DisplayPrefs {
  lang: Lang;
  digits: Digits;
  calendar: CalendarSystem;
}

/**
 * A BCP 47 locale with the numbering system and calendar as Unicode extensions. The calendar is always explicit:
 * ICU's default calendar for ar-SA is already islamic-umalqura, so "Gregorian in Arabic" must be asked for.
 */
export function localeOf(prefs: DisplayPrefs): string {
  const calendar = prefs.calendar === 'hijri' ? 'islamic-umalqura' : 'gregory';
  return `${prefs.lang === 'ar' ? 'ar-SA' : 'en-GB'}-u-ca-${calendar}-nu-${prefs.digits}`;
}

export function directionOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}
