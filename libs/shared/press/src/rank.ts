import { formatInteger, type PressDigits, type PressLang } from './numerals.js';

/**
 * A rank among amanahs as the press writes it: "في المرتبة الثالثة من 17 أمانة" / "ranked 3rd of 17 amanahs".
 * Arabic ordinals agree with المرتبة (feminine), spelled out up to the twentieth and numerals beyond; the counted
 * noun follows the number's rules (أمانتين، 3–10 أمانات، 11 and above أمانة).
 */
const ARABIC_ORDINALS = [
  'الأولى', 'الثانية', 'الثالثة', 'الرابعة', 'الخامسة', 'السادسة', 'السابعة', 'الثامنة', 'التاسعة', 'العاشرة',
  'الحادية عشرة', 'الثانية عشرة', 'الثالثة عشرة', 'الرابعة عشرة', 'الخامسة عشرة', 'السادسة عشرة', 'السابعة عشرة',
  'الثامنة عشرة', 'التاسعة عشرة', 'العشرين',
];

/** `among`: 'all' when every amanah is ranked; 'with-data' when only those with a value are ("of 3 amanahs with data"). */
export function pressRank(rank: number, of: number, lang: PressLang, digits: PressDigits = 'latn', among: 'all' | 'with-data' = 'all'): string {
  if (!Number.isInteger(rank) || !Number.isInteger(of) || rank < 1 || of < rank) throw new RangeError(`A rank is 1…of, got ${rank} of ${of}`);
  const n = (value: number) => formatInteger(value, lang, digits);
  if (lang === 'en') return `ranked ${n(rank)}${englishSuffix(rank)} of ${n(of)} ${of === 1 ? 'amanah' : 'amanahs'}${among === 'with-data' ? ' with data' : ''}`;
  const ordinal = ARABIC_ORDINALS[rank - 1] ?? n(rank);
  const counted = of === 1 ? 'أمانة واحدة' : of === 2 ? 'أمانتين' : of <= 10 ? `${n(of)} أمانات` : `${n(of)} أمانة`;
  const withData = among === 'with-data' ? (of === 2 ? ' وردت بياناتهما' : ' وردت بياناتها') : '';
  return `في المرتبة ${ordinal} من ${counted}${withData}`;
}

function englishSuffix(rank: number): string {
  if (rank % 100 >= 11 && rank % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][rank % 10] ?? 'th';
}
