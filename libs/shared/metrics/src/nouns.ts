/**
 * The counted-noun lexicon, owned here so that each catalogue entry can carry the noun its press sentences use
 * (@amanah/press re-exports it and does the grammar). A counted noun is the word that follows a figure
 * ("6 ملايين زائر", "1733 مراجعًا", "14,470 participations"). Arabic needs four forms because the number decides
 * which one follows it (see libs/shared/press/README.md, "Counted noun").
 */
export interface ArabicNoun {
  /** After 1, 100+, a scale word or a decimal: "زائر", "رخصة". */
  singular: string;
  /** The number 2 on its own, oblique case as the articles write duals: "زائرين", "رخصتين". */
  dual: string;
  /** After 3–10: "زوار", "رخص". */
  plural: string;
  /**
   * After an 11–99 ending: "زائرًا". Feminine nouns in ة keep the bare form ("14 ألفًا و470 مشاركة"), because
   * the press does not write tanween on ta marbuta.
   */
  accusative: string;
  /** Decides "واحد" / "واحدة" after a lone 1. */
  gender: 'm' | 'f';
}

export interface PressNoun {
  ar: ArabicNoun;
  en: { singular: string; plural: string };
}

export const TANWEEN_FATH = '\u064B';

/** A masculine noun whose accusative is the singular + fathatan + alif, as the Tabuk article writes "مراجعًا". */
function masculine(singular: string, dual: string, plural: string, en: string, enPlural: string): PressNoun {
  return {
    ar: { singular, dual, plural, accusative: `${singular}${TANWEEN_FATH}ا`, gender: 'm' },
    en: { singular: en, plural: enPlural },
  };
}

/** A feminine noun in ة: dual in تين, accusative written bare. */
function feminine(singular: string, plural: string, en: string, enPlural: string): PressNoun {
  return {
    ar: { singular, dual: `${singular.slice(0, -1)}تين`, plural, accusative: singular, gender: 'f' },
    en: { singular: en, plural: enPlural },
  };
}

/** The same noun with a qualifier after every form: "3400 زائر يوميًا" / "3,400 visitors a day". */
export function qualified(noun: PressNoun, ar: string, en: string): PressNoun {
  const { gender, ...forms } = noun.ar;
  const arabic = Object.fromEntries(Object.entries(forms).map(([form, word]) => [form, `${word} ${ar}`]));
  return {
    ar: { ...(arabic as Omit<ArabicNoun, 'gender'>), gender },
    en: { singular: `${noun.en.singular} ${en}`, plural: `${noun.en.plural} ${en}` },
  };
}

export const PRESS_NOUNS = {
  visitor: masculine('زائر', 'زائرين', 'زوار', 'visitor', 'visitors'),
  inPersonVisitor: masculine('مراجع', 'مراجعين', 'مراجعين', 'in-person visitor', 'in-person visitors'),
  request: masculine('طلب', 'طلبين', 'طلبات', 'request', 'requests'),
  license: feminine('رخصة', 'رخص', 'license', 'licenses'),
  report: masculine('بلاغ', 'بلاغين', 'بلاغات', 'report', 'reports'),
  message: feminine('رسالة', 'رسائل', 'message', 'messages'),
  follower: masculine('متابع', 'متابعين', 'متابعين', 'follower', 'followers'),
  subscriber: masculine('مشترك', 'مشتركين', 'مشتركين', 'subscriber', 'subscribers'),
  participation: feminine('مشاركة', 'مشاركات', 'participation', 'participations'),
  ticket: feminine('تذكرة', 'تذاكر', 'ticket', 'tickets'),
  transaction: feminine('معاملة', 'معاملات', 'transaction', 'transactions'),
  document: feminine('وثيقة', 'وثائق', 'document', 'documents'),
  attachment: masculine('مرفق', 'مرفقين', 'مرفقات', 'attachment', 'attachments'),
  view: feminine('مشاهدة', 'مشاهدات', 'view', 'views'),
  impression: masculine('انطباع', 'انطباعين', 'انطباعات', 'impression', 'impressions'),
  engagement: masculine('تفاعل', 'تفاعلين', 'تفاعلات', 'engagement', 'engagements'),
  operation: feminine('عملية', 'عمليات', 'operation', 'operations'),
  beneficiary: masculine('مستفيد', 'مستفيدين', 'مستفيدين', 'beneficiary', 'beneficiaries'),
  employee: masculine('موظف', 'موظفين', 'موظفين', 'employee', 'employees'),
  service: feminine('خدمة', 'خدمات', 'service', 'services'),
  system: masculine('نظام', 'نظامين', 'أنظمة', 'system', 'systems'),
  project: masculine('مشروع', 'مشروعين', 'مشاريع', 'project', 'projects'),
  riyal: masculine('ريال', 'ريالين', 'ريالات', 'riyal', 'riyals'),
  // مبنى ends in alif maqsura: its accusative is written without an added alif.
  building: {
    ar: { singular: 'مبنى', dual: 'مبنيين', plural: 'مبان', accusative: 'مبنى', gender: 'm' },
    en: { singular: 'building', plural: 'buildings' },
  },
} as const satisfies Record<string, PressNoun>;
