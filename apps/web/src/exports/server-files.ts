import { rangeInput, type ViewState } from '../filters/view-state.js';
import { downloadBlob } from './download.js';

/** The view as the export endpoint's query: the same amanah, range, comparison, granularity and reader's choices. */
export function exportQuery(view: ViewState, amanah = view.amanah): URLSearchParams {
  const query = new URLSearchParams();
  if (amanah) query.set('amanah', amanah);
  for (const filter of view.filters) query.set(`f.${filter.dimension}`, filter.values.join(','));
  if (view.from && view.to) {
    query.set('from', view.from);
    query.set('to', view.to);
  } else {
    query.set('preset', view.preset);
    const { hijriYear } = rangeInput(view);
    if (hijriYear != null) query.set('hijriYear', String(hijriYear));
  }
  query.set('compare', view.compare);
  query.set('granularity', view.granularity);
  query.set('lang', view.lang);
  query.set('digits', view.digits);
  query.set('calendar', view.calendar);
  return query;
}

/**
 * Downloads a file the API makes (GET /api/export/…: the XLSX workbook, the printed PDF) with the page's session,
 * under the name the API gives it (amanah and period in it).
 */
export async function downloadServerFile(path: string, query: URLSearchParams, fallbackName: string): Promise<void> {
  const response = await fetch(`/api/export/${path}?${query}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The export failed (${response.status})`);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  downloadBlob(await response.blob(), name);
}
