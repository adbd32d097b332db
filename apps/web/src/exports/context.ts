import { AMANAHS } from '@amanah/domain';
import { formatDateTime, formatRange, type DisplayPrefs } from '@amanah/web-format';

/**
 * What an export of a page is: the page (dashboard id or amanah), its amanah (null: every amanah the key sees), its
 * period and the newest as-of among its answers. CSV file names, the PNG's header and footer and the printed page's
 * header all say it, so a figure never leaves without its scope.
 */
export interface ExportContext {
  page: string;
  title: string;
  amanah: string | null;
  range: { from: string; to: string } | null;
  asOf: string | null;
  prefs: DisplayPrefs;
}

const WORDS = {
  ar: { all: 'جميع الأمانات', asOf: 'البيانات حتى', noData: 'لا بيانات', generated: 'أُنشئ في', page: 'صفحة', of: 'من' },
  en: { all: 'All amanahs', asOf: 'Data as of', noData: 'no data', generated: 'Generated', page: 'Page', of: 'of' },
} as const;

export function amanahName(amanah: string | null, lang: DisplayPrefs['lang']): string {
  const found = amanah ? AMANAHS.find((a) => a.id === amanah) : undefined;
  if (!found) return WORDS[lang].all;
  return lang === 'ar' ? found.nameAr : found.nameEn;
}

/**
 * `executive_office-visits_tabuk_2024-01-01_2024-06-30_asof-2024-06-30`: page, widget, amanah, period and as-of day,
 * in Latin so that every file system and mail client keeps it.
 */
export function exportFileStem(context: ExportContext, part?: string): string {
  const range = context.range ? `_${context.range.from}_${context.range.to}` : '';
  const asOf = context.asOf ? `_asof-${context.asOf.slice(0, 10)}` : '';
  return `${context.page}${part ? `_${part}` : ''}_${context.amanah ?? 'all-amanahs'}${range}${asOf}`.replace(/[^A-Za-z0-9._+-]/g, '-');
}

/** The scope in one line: amanah · period · as of. */
export function scopeLine(context: ExportContext): string {
  const words = WORDS[context.prefs.lang];
  return [
    amanahName(context.amanah, context.prefs.lang),
    context.range ? formatRange(context.range, context.prefs) : null,
    `${words.asOf} ${context.asOf ? formatDateTime(context.asOf, context.prefs) : words.noData}`,
  ].filter(Boolean).join(' · ');
}

/** "Generated 6 Dec 2026, 10:04" on the reader's clock, in the reader's digits. */
export function generatedLine(context: ExportContext, now = new Date()): string {
  const riyadh = new Date(now.getTime() + 3 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  return `${WORDS[context.prefs.lang].generated} ${formatDateTime(riyadh, context.prefs)}`;
}

const cssString = (text: string) => `"${text.replace(/["\\]/g, '\\$&').replace(/[\n\r]/g, ' ')}"`;

/**
 * The printed page's running header and page numbers, as CSS page-margin boxes (Chromium 131+): the title and the
 * scope at the top of every page, "page n of m" in the reader's digits at the bottom.
 */
export function printCss(context: ExportContext): string {
  const words = WORDS[context.prefs.lang];
  const counter = context.prefs.digits === 'arab' ? 'arabic-indic' : 'decimal';
  const start = context.prefs.lang === 'ar' ? 'right' : 'left';
  const end = context.prefs.lang === 'ar' ? 'left' : 'right';
  return `@media print {
  @page {
    @top-${start} { content: ${cssString(context.title)}; font: 600 8pt system-ui, sans-serif; color: #333; }
    @top-${end} { content: ${cssString(scopeLine(context))}; font: 8pt system-ui, sans-serif; color: #333; }
    @bottom-${end} { content: ${cssString(`${words.page} `)} counter(page, ${counter}) ${cssString(` ${words.of} `)} counter(pages, ${counter}); font: 8pt system-ui, sans-serif; color: #555; }
    @bottom-${start} { content: ${cssString(generatedLine(context))}; font: 8pt system-ui, sans-serif; color: #555; }
  }
}`;
}

