import { contextLines, scopeLine } from './context-lines.js';
import { formatBucket, formatInstant, formatMetricValue, formatNumber, formatPercent } from './format.js';
import type { Report, ReportCell, ReportColumn, ReportPrefs, ReportSection } from './report.js';
import { wordsOf } from './words.js';

/**
 * The printable report: the page's HTML (with the page numbers as a page-margin box) and the header and footer
 * chromium repeats on every page.
 */
export interface ReportHtml {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
}

/** Arabic-capable faces first (Debian's fonts-noto-core, then DejaVu, which also covers Arabic). */
const FONTS = `'Noto Naskh Arabic', 'Noto Sans Arabic', 'Noto Sans', 'DejaVu Sans', sans-serif`;

/** A CSS string literal (for `content:`), quotes and backslashes escaped, no line breaks. */
const cssString = (text: string) => `"${text.replace(/["\\]/g, '\\$&').replace(/[\n\r]/g, ' ')}"`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The report as one self-contained HTML page (no scripts, no external resources), right-to-left in Arabic: the
 * context block, the KPI cards, each section's table (with a bar chart where the section has one member per row),
 * and the metrics' definitions. Every number and date in the reader's digits and calendar.
 */
export function reportHtml(report: Report): ReportHtml {
  const { context } = report;
  const { prefs } = context;
  const { lang } = prefs;
  const w = wordsOf(lang);
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const cards = report.sections.filter((s) => s.card);
  const tables = report.sections.filter((s) => !s.card || context.kind === 'fact-sheet');
  const heading = `${context.kind === 'fact-sheet' ? w.factSheet : w.report}: ${context.title[lang]}`;
  // Page numbers are a page-margin box rather than the footer template's pageNumber, which chromium writes in Latin
  // digits only: counters follow the reader's digits.
  const counter = prefs.digits === 'arab' ? 'arabic-indic' : 'decimal';
  const end = lang === 'ar' ? 'left' : 'right';

  const html = `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(heading)}</title>
<style>
  @page {
    size: A4;
    @bottom-${end} { content: ${cssString(`${w.page} `)} counter(page, ${counter}) ${cssString(` ${w.of} `)} counter(pages, ${counter}); font-family: ${FONTS}; font-size: 7.5pt; color: #444; }
  }
  * { box-sizing: border-box; }
  body { font-family: ${FONTS}; font-size: 10pt; color: #1b1f24; margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h1 { font-size: 17pt; margin: 0 0 2mm; color: #0b5d3b; }
  h2 { font-size: 12pt; margin: 6mm 0 2mm; color: #0b5d3b; break-after: avoid; }
  .context { border-collapse: collapse; margin-bottom: 4mm; width: 100%; }
  .context th { text-align: start; font-weight: 600; color: #555; padding: 1mm 0; width: 38%; }
  .context td { padding: 1mm 0; }
  .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; }
  .card { border: 1px solid #cfd8d3; border-radius: 2mm; padding: 3mm; break-inside: avoid; }
  .card .title { font-size: 9pt; color: #444; min-height: 2.4em; }
  .card .value { font-size: 16pt; font-weight: 700; margin: 1mm 0; unicode-bidi: isolate; }
  .card .meta { font-size: 8pt; color: #555; }
  .card .sentence { font-size: 8.5pt; margin-top: 1mm; }
  .up { color: #0b7a3e; } .down { color: #b3261e; }
  table.data { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin-bottom: 2mm; }
  table.data th, table.data td { border-bottom: 1px solid #e1e6e3; padding: 1mm 1.5mm; text-align: start; }
  table.data th { background: #eef4f1; font-weight: 600; }
  table.data .n { text-align: end; unicode-bidi: isolate; white-space: nowrap; }
  table.data thead { display: table-header-group; }
  table.data tr { break-inside: avoid; }
  table.wide { font-size: 6.5pt; }
  table.wide th, table.wide td { padding: 0.6mm 0.5mm; }
  section { break-inside: auto; }
  .bars { margin: 1mm 0 3mm; }
  .definitions dt { font-weight: 600; margin-top: 2mm; }
  .definitions dd { margin: 0; font-size: 8.5pt; color: #333; }
  .source { color: #666; font-size: 8pt; unicode-bidi: isolate; }
</style>
</head>
<body>
<h1>${escapeHtml(heading)}</h1>
<table class="context" data-testid="context">
${contextLines(context).map((line) => `<tr><th>${escapeHtml(line.label)}</th><td>${escapeHtml(line.value)}</td></tr>`).join('\n')}
</table>
${cards.length > 0 ? `<div class="cards">${cards.map((s) => cardHtml(s, prefs)).join('\n')}</div>` : ''}
${tables.map((s) => sectionHtml(s, prefs)).join('\n')}
<h2>${escapeHtml(w.metrics)}</h2>
<dl class="definitions">
${context.metrics
  .map((m) => `<dt>${escapeHtml(m.label[lang])}</dt><dd>${escapeHtml(m.description[lang])}<br><span class="source">${escapeHtml(w.computation)}: <bdi>${escapeHtml(m.definition)}</bdi>${m.exact ? '' : ` (${escapeHtml(w.approximate)})`} · ${escapeHtml(w.source)}: <bdi>${escapeHtml(m.dataset)}${m.table ? ` (${escapeHtml(m.table)})` : ''}</bdi></span></dd>`)
  .join('\n')}
</dl>
</body>
</html>`;

  // Chromium draws these in their own box on every page: inline styles only, and a font size (the default is 0).
  const band = (content: string) =>
    `<div dir="${dir}" lang="${lang}" style="font-family: ${FONTS}; font-size: 7.5pt; color: #444; width: 100%; margin: 0 12mm; display: flex; justify-content: space-between; gap: 4mm;">${content}</div>`;
  const headerTemplate = band(`<span style="font-weight: 600;">${escapeHtml(context.title[lang])}</span><span>${escapeHtml(scopeLine(context))}</span>`);
  const footerTemplate = band(
    `<span>${escapeHtml(`${w.generatedAt} ${formatInstant(context.generatedAt, prefs)}`)}${context.kind === 'fact-sheet' ? ` · ${escapeHtml(`${w.factSheetId}: ${context.id}`)}` : ''}</span>`,
  );
  return { html, headerTemplate, footerTemplate };
}

function cardHtml(section: ReportSection, prefs: ReportPrefs): string {
  const card = section.card!;
  const w = wordsOf(prefs.lang);
  const value = formatMetricValue(card.value, section.unit, section.decimals, prefs);
  const change = card.changePct === null ? '' : `<span class="${card.changePct >= 0 ? 'up' : 'down'}">${escapeHtml(formatPercent(card.changePct, prefs, true))}</span> `;
  const previous = card.previous === null ? '' : `${escapeHtml(w.previous)}: ${escapeHtml(formatMetricValue(card.previous, section.unit, section.decimals, prefs))}`;
  const target = card.target === null ? '' : `<div class="meta">${escapeHtml(w.target)}: ${escapeHtml(formatMetricValue(card.target, section.unit, section.decimals, prefs))} · ${escapeHtml(formatPercent(card.attainmentPct, prefs))}</div>`;
  const sentence = card.sentence ? `<div class="sentence">${escapeHtml(card.sentence[prefs.lang])}</div>` : '';
  return `<div class="card" data-metric="${escapeHtml(section.metric)}"><div class="title">${escapeHtml(section.title[prefs.lang])}</div><div class="value">${escapeHtml(value)}</div><div class="meta">${change}${previous}</div>${target}${sentence}</div>`;
}

function sectionHtml(section: ReportSection, prefs: ReportPrefs): string {
  const columns = section.table.columns.filter((c) => c.kind !== 'hijri');
  const wide = columns.length > 10;
  const head = columns.map((c) => `<th${c.kind === 'text' || c.kind === 'date' ? '' : ' class="n"'}>${escapeHtml(c.label)}</th>`).join('');
  const body = section.table.rows
    .map((row) => `<tr>${columns.map((c) => `<td${c.kind === 'text' || c.kind === 'date' ? '' : ' class="n"'}>${escapeHtml(cellText(row[c.key] ?? null, c, section, prefs))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<section data-section="${escapeHtml(section.id)}"><h2>${escapeHtml(section.title[prefs.lang])}</h2>${barsSvg(section, prefs)}<table class="data${wide ? ' wide' : ''}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
}

function cellText(value: ReportCell, column: ReportColumn, section: ReportSection, prefs: ReportPrefs): string {
  if (value === null) return '—';
  if (typeof value === 'string') return column.kind === 'date' ? formatBucket(value, section.granularity, prefs) : value;
  switch (column.kind) {
    case 'metric': return formatMetricValue(value, section.unit, section.decimals, prefs);
    case 'percent': return formatPercent(value, prefs, column.key.toLowerCase().includes('change'));
    default: return formatNumber(value, prefs, 2);
  }
}

/** A horizontal bar per row for breakdowns and rankings: drawn in SVG, so it prints sharp. */
function barsSvg(section: ReportSection, prefs: ReportPrefs): string {
  if (section.type !== 'bar' && section.type !== 'donut' && section.type !== 'ranking') return '';
  const labelKey = section.table.columns.find((c) => c.kind === 'text')?.key;
  const rows = section.table.rows.filter((r) => typeof r.value === 'number');
  const max = Math.max(0, ...rows.map((r) => r.value as number));
  if (!labelKey || rows.length === 0 || max <= 0) return '';
  const rtl = prefs.lang === 'ar';
  const width = 480;
  const labelWidth = 150;
  const barSpace = width - labelWidth - 70;
  const rowHeight = 14;
  const bars = rows
    .map((row, i) => {
      const length = ((row.value as number) / max) * barSpace;
      const y = i * rowHeight;
      const barX = rtl ? width - labelWidth - length : labelWidth;
      const labelX = rtl ? width - 3 : 3;
      const valueX = rtl ? barX - 4 : labelWidth + length + 4;
      return `<text x="${labelX}" y="${y + 10}" text-anchor="start" font-size="8">${escapeHtml(String(row[labelKey] ?? ''))}</text>` +
        `<rect x="${barX.toFixed(1)}" y="${y + 2}" width="${length.toFixed(1)}" height="${rowHeight - 4}" fill="#1f7a55"/>` +
        `<text x="${valueX.toFixed(1)}" y="${y + 10}" text-anchor="start" font-size="8">${escapeHtml(formatMetricValue(row.value as number, section.unit, section.decimals, prefs))}</text>`;
    })
    .join('');
  return `<svg class="bars" width="${width}" height="${rows.length * rowHeight}" viewBox="0 0 ${width} ${rows.length * rowHeight}" font-family="inherit" direction="${rtl ? 'rtl' : 'ltr'}" role="img">${bars}</svg>`;
}
