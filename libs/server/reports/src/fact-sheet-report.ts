import type { Caller } from '@amanah/access';
import { AnalyticsError, type PressService } from '@amanah/analytics';
import { comparisonRange } from '@amanah/calendar';
import { findMetric } from '@amanah/metrics';
import { kpiTable, metricsOf, newest } from './dashboard-report.js';
import { reportPrefsSchema, type Report, type ReportPrefs } from './report.js';
import { zodToAnalyticsError } from './validation.js';
import { wordsOf } from './words.js';

/**
 * A certified fact sheet as a report: the locked figures (what was published), each with its phrase and sentence,
 * and the current value beside it when the data has been restated since. A sheet outside the caller's scope is
 * NOT_FOUND, as the press API answers it.
 */
export async function buildFactSheetReport(press: PressService, caller: Caller, id: string, prefs: Partial<ReportPrefs> = {}): Promise<Report> {
  const parsed = reportPrefsSchema.safeParse(prefs);
  if (!parsed.success) throw zodToAnalyticsError(parsed.error);
  const readerPrefs: ReportPrefs = parsed.data;
  const sheet = await press.find(id, caller);
  if (!sheet) throw new AnalyticsError('NOT_FOUND', `There is no certified fact sheet "${id}" for this key.`, 'id');
  const w = wordsOf(readerPrefs.lang);
  const provenances = sheet.figures.map((f) => f.provenance);
  return {
    context: {
      kind: 'fact-sheet',
      id: sheet.id,
      title: { ar: sheet.title, en: sheet.title },
      amanah: { ids: [sheet.amanah], name: sheet.amanahName },
      range: sheet.range,
      compare: sheet.compare,
      // The sheet's range is explicit days: its comparison period is the calendar's, as the press service computed it.
      previousRange: comparisonRange(sheet.range, sheet.compare) ?? null,
      asOf: newest(provenances.map((p) => p.asOf)),
      lastUploadAt: newest(provenances.map((p) => p.lastUploadAt ?? null)),
      dataVersion: sheet.dataVersion,
      generatedAt: new Date().toISOString(),
      certified: { lockedAt: sheet.lockedAt, lockedBy: sheet.lockedBy, restatedCount: sheet.restatedCount },
      metrics: metricsOf(sheet.figures.map((f) => f.metric), provenances),
      prefs: readerPrefs,
    },
    sections: sheet.figures.map((figure) => {
      const metric = findMetric(figure.metric)!;
      const change = figure.lockedValue !== null && figure.lockedPrevious !== null ? figure.lockedValue - figure.lockedPrevious : null;
      const card = {
        value: figure.lockedValue, previous: figure.lockedPrevious, change, changePct: figure.lockedChangePct, target: null, attainmentPct: null,
        phrase: figure.phrases, sentence: figure.sentences,
      };
      const table = kpiTable(figure.title[readerPrefs.lang], figure.provenance.range, card, readerPrefs);
      table.columns = table.columns.filter((c) => c.key !== 'target' && c.key !== 'attainment');
      table.columns.push({ key: 'current', label: w.currentValue, kind: 'metric' }, { key: 'sentence', label: w.sentence, kind: 'text' });
      table.rows[0]!.current = figure.currentValue;
      table.rows[0]!.sentence = figure.sentences[readerPrefs.lang];
      return {
        id: `figure-${figure.position}`, type: 'kpi', title: figure.title, metric: metric.id, unit: metric.unit, decimals: metric.decimals, card, table,
      };
    }),
  };
}
