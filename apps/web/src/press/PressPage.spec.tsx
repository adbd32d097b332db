import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App, createQueryClient } from '../app/App.js';
import { createI18n } from '../i18n/i18n.js';
import { dashboardList } from '../testing/fixtures.js';
import { RawAnswer, respondToGraphql, VIEWER_SESSION } from '../testing/graphql-responder.js';
import { pressDocx, pressText } from './press-text.js';

const l = (ar: string, en: string) => ({ ar, en });
const tabukSentences = l(
  'استقبلت أمانة منطقة تبوك في مقرها الرئيس وبلدياتها 1733 مراجعًا خلال الفترة من 1 يناير 2024 إلى 30 يونيو 2024، بانخفاض بنسبة 67.87% مقارنة بالفترة ذاتها من عام 2023',
  'Tabuk Region Municipality received 1,733 in-person visitors at its head office and municipalities between 1 January 2024 and 30 June 2024, a decrease of 67.87% compared with 1 January – 30 June 2023',
);
const range = { from: '2024-01-01', to: '2024-06-30' };
const officeVisits = {
  position: 0,
  metric: { id: 'office.visits', label: l('زيارات المراجعين', 'In-person visits') },
  title: l('زيارات المراجعين', 'In-person visits'),
  filters: [],
  value: 1733,
  previous: 5393,
  changePct: -67.866,
  range,
  previousRange: { from: '2023-01-01', to: '2023-06-30' },
  sentences: tabukSentences,
  provenance: {
    metric: 'office.visits', definition: 'count of rows', source: 'rollup', table: 'office_visits_daily', exact: true, range,
    filters: [{ dimension: 'amanah', values: ['tabuk'] }], asOf: '2024-06-30 15:10:00', dataVersion: 3,
  },
};

const restatedSheet = {
  id: 'fs-1', title: 'Tabuk H1', amanah: 'tabuk', amanahName: l('أمانة منطقة تبوك', 'Tabuk Region Municipality'), range,
  compare: 'NONE', lockedAt: '2024-07-01T09:00:00Z', lockedBy: 'press desk', restatedCount: 1,
  figures: [{
    position: 0, metric: 'office.visits', title: officeVisits.title, lockedValue: 1733, currentValue: 1812.5, sentences: tabukSentences,
    restatement: { old: 1733, new: 1812.5, sentences: tabukSentences, why: l('وصلت بيانات متأخرة', 'Late data arrived') },
  }],
};

function renderPressPage(url: string, factSheets: unknown[] = []) {
  const writeText = vi.fn<(text: string) => Promise<void>>(async () => undefined);
  vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { clipboard: { writeText } }));
  const api = respondToGraphql(
    {
      DashboardList: () => dashboardList,
      PressFigures: () => ({ pressFigures: [officeVisits] }),
      FactSheets: () => ({ factSheets }),
    },
    { current: { ...VIEWER_SESSION, role: 'press', amanahs: ['tabuk'], operations: ['read', 'press'] }, keys: {} },
  );
  render(
    <MemoryRouter initialEntries={[url]}>
      <App i18n={createI18n(url.includes('lang=en') ? 'en' : 'ar')} queryClient={createQueryClient()} />
    </MemoryRouter>,
  );
  return { api, writeText };
}

afterEach(() => vi.unstubAllGlobals());

describe('the press page', () => {
  it('shows each sentence in Arabic and English, and the copy button puts that sentence on the clipboard', async () => {
    const { api, writeText } = renderPressPage('/press?lang=en&from=2024-01-01&to=2024-06-30&compare=SAME_PERIOD_LAST_YEAR');
    const arabic = await screen.findByTestId('press-sentence-ar-0');
    expect(arabic.textContent).toBe(tabukSentences.ar);
    expect(arabic.getAttribute('dir')).toBe('rtl');
    expect(screen.getByTestId('press-sentence-en-0').textContent).toBe(tabukSentences.en);

    fireEvent.click(screen.getByTestId('press-copy-ar-0'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(tabukSentences.ar));
    expect(await screen.findByText('Copied')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy the English sentence of “In-person visits”' }));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith(tabukSentences.en));

    // A key limited to Tabuk starts on Tabuk; the period and comparison come from the URL.
    expect(api.requests.find((r) => r.operation === 'PressFigures')!.variables).toMatchObject({
      amanah: 'tabuk', range, compare: 'SAME_PERIOD_LAST_YEAR', precision: 'AUTO', digits: 'LATN', metrics: null,
    });
  });

  it('copies every sentence, Arabic first, with “Copy all”', async () => {
    const { writeText } = renderPressPage('/press?lang=en&amanah=tabuk&from=2024-01-01&to=2024-06-30');
    await screen.findByTestId('press-sentence-ar-0');
    fireEvent.click(screen.getByTestId('press-copy-all'));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const copied = writeText.mock.calls[0]![0];
    expect(copied.indexOf(tabukSentences.ar)).toBeGreaterThan(-1);
    expect(copied.indexOf(tabukSentences.en)).toBeGreaterThan(copied.indexOf(tabukSentences.ar));
  });

  it('writes as-of, data version and restated values in the reader’s digits and calendar', async () => {
    renderPressPage('/press?amanah=tabuk&from=2024-01-01&to=2024-06-30&calendar=hijri', [restatedSheet]);
    const asOf = (await screen.findByTestId('press-asof-0')).textContent!;
    // Arabic reads Arabic-Indic digits by default; 30 June 2024 was 24 Dhu al-Hijjah 1445.
    expect(asOf).toMatch(/٢٤ ذو الحجة ١٤٤٥/);
    expect(asOf).not.toMatch(/[0-9]/);
    expect(screen.getByTestId('press-version-0').textContent).toBe('٣');
    // The list's own numbers too.
    expect(screen.getByRole('list', { name: 'جمل النشر' }).style.listStyleType).toBe('arabic-indic');
    // The first line is the page's own; the sentences after it are the API's, phrased in the digits it was asked for.
    const restatement = screen.getByTestId('press-restatement-fs-1-0').querySelector('p')!.textContent!;
    expect(restatement).toContain('١٬٧٣٣');
    expect(restatement).toContain('١٬٨١٢٫٥');
    expect(restatement).not.toMatch(/[0-9]/);
    // The certified sheet's period: Hijri first for this reader, then Gregorian.
    const period = screen.getByTestId('press-sheet-period-fs-1').textContent!.replace(/\s/g, ' ');
    // 1 January 2024 was 19 Jumada al-Akhirah 1445.
    expect(period).toBe(' · الفترة: ١٩ جمادى الآخرة – ٢٤ ذو الحجة ١٤٤٥ هـ (١ يناير – ٣٠ يونيو ٢٠٢٤)');
  });

  it('writes them with Latin digits in the Gregorian calendar when the reader asks', async () => {
    renderPressPage('/press?lang=en&amanah=tabuk&from=2024-01-01&to=2024-06-30', [restatedSheet]);
    expect((await screen.findByTestId('press-asof-0')).textContent).toMatch(/30 Jun 2024/);
    expect(screen.getByTestId('press-restatement-fs-1-0').textContent).toContain('1,812.5');
  });

  it('asks for the chosen metrics and precision from the URL', async () => {
    const { api } = renderPressPage('/press?amanah=tabuk&metrics=office.visits,not.a.metric&precision=COMPOUND');
    await screen.findByTestId('press-sentence-ar-0');
    expect(api.requests.find((r) => r.operation === 'PressFigures')!.variables).toMatchObject({
      amanah: 'tabuk', metrics: ['office.visits'], precision: 'COMPOUND',
    });
  });

  it('tells a viewer key that press sentences need another role, instead of offering a retry', async () => {
    // What the API answers a viewer (the demo sign-in): the field refused with FORBIDDEN, no data.
    const forbidden = new RawAnswer({
      errors: [{ message: 'A viewer key may not perform this operation (press).', path: ['pressFigures'], extensions: { code: 'FORBIDDEN' } }],
      data: null,
    });
    const api = respondToGraphql({ DashboardList: () => dashboardList, PressFigures: () => forbidden, FactSheets: () => forbidden });
    render(
      <MemoryRouter initialEntries={['/press?lang=en']}>
        <App i18n={createI18n('en')} queryClient={createQueryClient()} />
      </MemoryRouter>,
    );
    const message = await screen.findByText(/need a press, analyst or admin key/);
    expect(message.closest('[role="alert"]')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.queryByTestId('press-lock')).toBeNull();
    // The session says what the key may do: nothing is asked that the API would refuse.
    expect(api.requests.map((r) => r.operation)).not.toContain('PressFigures');
  });
});

describe('pressText', () => {
  it('puts the Arabic heading and sentences first, then the English', () => {
    const text = pressText({ heading: l('أمانة منطقة تبوك', 'Tabuk Region Municipality'), figures: [{ title: officeVisits.title, sentences: tabukSentences }] });
    expect(text).toBe(`أمانة منطقة تبوك\n${tabukSentences.ar}\n\nTabuk Region Municipality\n${tabukSentences.en}\n`);
  });
});

describe('pressDocx', () => {
  it('writes a Word document (a zip) holding both sentences', async () => {
    const blob = await pressDocx({ heading: l('أمانة منطقة تبوك', 'Tabuk Region Municipality'), figures: [{ title: officeVisits.title, sentences: tabukSentences }] });
    // jsdom's Blob has no arrayBuffer(); FileReader reads it as a browser would.
    const bytes = new Uint8Array(await new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(blob);
    }));
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    // jszip is what docx itself writes with (a dependency of docx 9.7.1).
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain(tabukSentences.ar);
    expect(xml).toContain('<w:bidi/>');
  });
});
