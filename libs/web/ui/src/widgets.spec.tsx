import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DataTable } from './DataTable.js';
import { Heatmap } from './Heatmap.js';
import { PageHeader } from './PageHeader.js';
import { RankingTable } from './RankingTable.js';
import { breakdownTable, heatmapTable, rankingTable, trendTable } from './tables.js';
import { arArab, digitalShare, enLatn, portalVisits, visible } from './testing/fixtures.js';
import { WidgetFrame } from './WidgetFrame.js';

const ranking = [
  { amanah: 'eastern', label: { ar: 'أمانة المنطقة الشرقية', en: 'Eastern Province' }, value: 93.2, rank: 1, previousRank: 3, rankChange: 2 },
  { amanah: 'riyadh', label: { ar: 'أمانة منطقة الرياض', en: 'Riyadh' }, value: 91.05, rank: 2, previousRank: 1, rankChange: -1 },
  { amanah: 'tabuk', label: { ar: 'أمانة منطقة تبوك', en: 'Tabuk' }, value: 80, rank: 3, previousRank: 3, rankChange: 0 },
];
const channels = [
  { key: 'portal', label: { ar: 'البوابة الإلكترونية', en: 'Portal' }, value: 600, share: 60, previous: 500 },
  { key: 'office', label: { ar: 'الحضور الشخصي', en: 'In person' }, value: 400, share: 40, previous: 450 },
];
const months = [
  { key: null, label: null, points: [{ date: '2024-01-01', value: 10 }, { date: '2024-02-01', value: 20 }, { date: '2024-03-01', value: 15 }] },
];

describe('RankingTable', () => {
  beforeEach(() => i18next.changeLanguage('en'));

  it('lists amanahs best first with their value and the places gained or lost', () => {
    render(<RankingTable metric={digitalShare} items={ranking} prefs={enLatn} caption="Digital share ranking" highlight="tabuk" />);
    const rows = screen.getAllByRole('row').slice(1).map((r) => visible(r.textContent));
    expect(rows).toEqual(['1Eastern Province93.2%▲ 2', '2Riyadh91.1%▼ 1', '3Tabuk80.0%=']);
    expect(screen.getByLabelText('Up 2 places')).toBeTruthy();
    expect(screen.getByLabelText('Down 1 places')).toBeTruthy();
    expect(screen.getByRole('row', { current: true }).textContent).toContain('Tabuk');
  });

  it('writes ranks in Arabic-Indic digits in Arabic', async () => {
    await i18next.changeLanguage('ar');
    render(<RankingTable metric={digitalShare} items={ranking} prefs={arArab} caption="ترتيب" />);
    expect(visible(screen.getAllByRole('row')[1]!.textContent)).toBe('١أمانة المنطقة الشرقية٩٣٫٢٪▲ ٢');
  });

  it('shows the value and rank per 100,000 residents beside the raw totals when the API gives them', () => {
    const visits = [
      { amanah: 'tabuk', label: { ar: '', en: 'Tabuk' }, value: 12, rank: 1, perCapita: 1.3543, perCapitaRank: 3 },
      { amanah: 'riyadh', label: { ar: '', en: 'Riyadh' }, value: 70, rank: 3, perCapita: 0.9987, perCapitaRank: 2, populationVerified: false },
    ];
    render(<RankingTable metric={portalVisits} items={visits} prefs={enLatn} caption="Visits" />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Rank', 'Amanah', portalVisits.label.en, 'Rank change', 'Per 100,000 residents', 'Rank per 100,000 residents']);
    // Riyadh's residents figure is unchecked: its per-capita value is marked, and the table says why.
    expect(screen.getAllByTestId('per-capita').map((c) => c.textContent)).toEqual(['1.35', '1*']);
    expect(screen.getAllByTestId('population-unverified')).toHaveLength(1);
    expect(screen.getByText(/not yet checked against GASTAT/)).toBeTruthy();
    expect(screen.getAllByTestId('per-capita-rank').map((c) => c.textContent)).toEqual(['3', '2']);
    // Shares have none: no such columns.
    cleanup();
    render(<RankingTable metric={digitalShare} items={ranking} prefs={enLatn} caption="Digital share ranking" />);
    expect(screen.queryByTestId('per-capita')).toBeNull();
  });

  it('by attainment: ranks by it, shows each amanah’s attainment, marks those without a target, and offers the switch', () => {
    const byAttainment = [
      { ...ranking[2]!, attainmentRank: 1, target: { value: 70, attainmentPct: 114.29 } },
      { ...ranking[0]!, attainmentRank: 2, target: { value: 95, attainmentPct: 98.1 } },
      { ...ranking[1]!, attainmentRank: null, target: null },
    ];
    const onByChange = vi.fn();
    render(<RankingTable metric={digitalShare} items={byAttainment} prefs={enLatn} caption="Digital share ranking" by="ATTAINMENT" onByChange={onByChange} />);
    // The rank change is by value, not by attainment: no such column here.
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Rank', 'Amanah', digitalShare.label.en, 'Attainment of its target']);
    expect(screen.getAllByTestId('attainment').map((c) => visible(c.textContent))).toEqual(['114.3%', '98.1%', 'No target']);
    expect(screen.getAllByRole('row').slice(1, 4).map((r) => r.querySelector('td')!.textContent)).toEqual(['1', '2', '—']);
    expect(screen.getByText(/without a target for this period and these filters, or whose attainment cannot be computed, are listed last/)).toBeTruthy();
    const group = screen.getByRole('group', { name: 'Rank by' });
    expect(group.querySelector('[aria-pressed="true"]')!.textContent).toBe('Target attainment');
    fireEvent.click(screen.getByRole('button', { name: 'Value' }));
    expect(onByChange).toHaveBeenCalledWith('VALUE');
  });

  it('by attainment: an amanah with a target but no attainment shows a dash with the reason, not "No target"', () => {
    const items = [
      { ...ranking[0]!, attainmentRank: 1, target: { value: 95, attainmentPct: 98.1 } },
      { ...ranking[2]!, attainmentRank: null, target: { value: 70, attainmentPct: null } },
      { ...ranking[1]!, attainmentRank: null, target: null },
    ];
    render(<RankingTable metric={digitalShare} items={items} prefs={enLatn} caption="Digital share ranking" by="ATTAINMENT" />);
    const cells = screen.getAllByTestId('attainment');
    expect(cells.map((c) => visible(c.textContent))).toEqual(['98.1%', '—', 'No target']);
    const reason = 'Attainment cannot be computed: no value to compare in the target’s period, or a target (or, where lower is better, a value) of zero.';
    expect(cells[1]!.querySelector('[title]')!.getAttribute('title')).toBe(reason);
    expect(screen.getByLabelText(reason)).toBe(cells[1]!.querySelector('[title]'));
    expect(screen.queryByText('Rank change')).toBeNull();
    expect(document.querySelectorAll('.rank-change')).toHaveLength(0);
  });
});

describe('Heatmap', () => {
  it('is a 7 × 24 table with weekday rows starting on Sunday and every value as text', async () => {
    await i18next.changeLanguage('ar');
    const cells = Array.from({ length: 168 }, (_, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, value: i }));
    render(<Heatmap cells={cells} prefs={arArab} caption="الزيارات حسب اليوم والساعة" />);
    const rows = screen.getAllByRole('row');
    expect(rows).toHaveLength(8);
    expect(rows[1]!.querySelector('th')!.textContent).toBe('الأحد');
    expect(rows[1]!.querySelectorAll('td')).toHaveLength(24);
    expect(rows[7]!.querySelectorAll('td')[23]!.textContent).toBe('١٦٧');
    expect(rows[7]!.querySelectorAll('td')[23]!.className).toContain('is-dark');
  });

  it('with onSelect, a cell is a named button; its detail gives the value, share, rank and day average, and leads back', async () => {
    await i18next.changeLanguage('en');
    // Sunday 10:00 is the busiest hour: 100 of a week of 100 + 167 × 1.
    const cells = Array.from({ length: 168 }, (_, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, value: i === 10 ? 100 : 1 }));
    const picked: Array<{ weekday: number; hour: number } | null> = [];
    const { rerender } = render(<Heatmap cells={cells} prefs={enLatn} caption="Visits" onSelect={(slot) => picked.push(slot)} />);
    const sunday10 = screen.getByRole('button', { name: /^Sunday 10.*: 100\. Show this hour's detail$/ });
    expect(screen.getAllByRole('button').filter((b) => b.tabIndex === 0)).toHaveLength(1);
    fireEvent.click(sunday10);
    expect(picked).toEqual([{ weekday: 0, hour: 10 }]);
    expect(screen.queryByTestId('heatmap-detail')).toBeNull();

    rerender(<Heatmap cells={cells} prefs={enLatn} caption="Visits" selected={{ weekday: 0, hour: 10 }} onSelect={(slot) => picked.push(slot)} />);
    const detail = screen.getByTestId('heatmap-detail');
    expect(screen.getByTestId('heatmap-detail-value').textContent).toBe('100');
    expect(screen.getByTestId('heatmap-detail-rank').textContent).toBe('1 of 168 hours of the week');
    expect(detail.textContent).toContain('37.45%'); // 100 / 267
    expect(detail.textContent).toContain('Average hour on Sunday5'); // (100 + 23) / 24 = 5.125
    expect(detail.querySelector('[role="note"]')!.textContent).toMatch(/^The other widgets stay on the whole week/);
    expect(sunday10.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Whole week' }));
    expect(picked.at(-1)).toBeNull();
  });

  it('moves the one keyboard stop with the arrows, in the reading direction', async () => {
    await i18next.changeLanguage('ar');
    const cells = [{ weekday: 0, hour: 0, value: 1 }];
    render(<Heatmap cells={cells} prefs={arArab} caption="Visits" onSelect={() => undefined} />);
    const at = (slot: string) => document.querySelector<HTMLButtonElement>(`button[data-slot="${slot}"]`)!;
    at('0-0').focus();
    fireEvent.keyDown(at('0-0'), { key: 'ArrowLeft' }); // Arabic reads right to left: left is the next hour
    expect(document.activeElement).toBe(at('0-1'));
    fireEvent.keyDown(at('0-1'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(at('1-1'));
    fireEvent.keyDown(at('1-1'), { key: 'End' });
    expect(document.activeElement).toBe(at('1-23'));
    expect(at('1-23').tabIndex).toBe(0);
    expect(at('0-0').tabIndex).toBe(-1);
  });
});

describe('WidgetFrame', () => {
  it('shows a skeleton, an empty state, and an error with a working retry', async () => {
    await i18next.changeLanguage('en');
    const retry = vi.fn();
    const { rerender } = render(<WidgetFrame id="w" kind="trend" title="Visits" state="loading" />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.getByRole('region', { name: 'Visits' }).getAttribute('aria-busy')).toBe('true');
    rerender(<WidgetFrame id="w" kind="trend" title="Visits" state="empty" />);
    expect(screen.getByText('No data')).toBeTruthy();
    rerender(<WidgetFrame id="w" kind="trend" title="Visits" state="error" onRetry={retry} />);
    expect(screen.getByRole('alert').textContent).toContain('could not be loaded');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalledOnce();
    rerender(<WidgetFrame id="w" kind="trend" title="Visits" state="ready" actions={<button type="button">CSV</button>}>body</WidgetFrame>);
    expect(screen.getByRole('button', { name: 'CSV' })).toBeTruthy();
    expect(screen.getByText('body')).toBeTruthy();
  });

  it('opens the metric’s meaning from the ⓘ beside the title, and the region keeps the title as its name', async () => {
    await i18next.changeLanguage('ar');
    const meaning = {
      id: 'portal.visitors', label: { ar: 'زوار البوابة', en: 'Portal visitors' },
      description: { ar: 'عدد الزوار المختلفين', en: 'Distinct visitors' }, definition: 'exact distinct portal_visits.visitor_id',
      dataset: 'portal_visits', unit: 'count', direction: 'up_is_good', source: 'raw', exact: false, relativeErrorPct: 1.6,
    };
    render(<WidgetFrame id="w" kind="kpi" title="زوار البوابة" state="ready" meaning={{ data: meaning, prefs: arArab }}>body</WidgetFrame>);
    const region = screen.getByRole('region', { name: 'زوار البوابة' });
    const button = screen.getByRole('button', { name: 'معنى «زوار البوابة»' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(region.querySelector('dl')).toBeNull();
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const terms = [...region.querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${visible(dt.nextElementSibling!.textContent)}`);
    expect(terms).toEqual([
      'ما يُحسب: عدد الزوار المختلفين',
      'طريقة الحساب: exact distinct portal_visits.visitor_id',
      'مصدر البيانات: portal_visits',
      'الوحدة: عدد',
      'الاتجاه: الارتفاع أفضل',
      'قُرئت هذه القيمة من: الأحداث الخام',
      'دقيقة أم تقريبية: تقريبية، في حدود ±٢٪',
    ]);
  });
});

describe('tables', () => {
  const t = i18next.getFixedT('en', 'ui');

  it('keeps the API’s numbers as numbers, one row per bucket or member', () => {
    expect(trendTable(portalVisits, months, null, t, 'en')).toEqual({
      columns: [{ key: 'date', label: 'Date', kind: 'date' }, { key: 'l0', label: 'Portal visits', kind: 'metric' }],
      rows: [{ date: '2024-01-01', l0: 10 }, { date: '2024-02-01', l0: 20 }, { date: '2024-03-01', l0: 15 }],
    });
    expect(breakdownTable(portalVisits, channels, t, 'en').rows).toEqual([
      { member: 'Portal', value: 600, share: 60, previous: 500 },
      { member: 'In person', value: 400, share: 40, previous: 450 },
    ]);
    expect(rankingTable(digitalShare, ranking, i18next.getFixedT('ar', 'ui'), 'ar').columns.map((c) => c.label)).toEqual([
      'الترتيب', 'الأمانة', 'نسبة الطلبات الرقمية', 'تغير الترتيب',
    ]);
    const heat = heatmapTable([{ weekday: 1, hour: 9, value: 42 }], t, enLatn);
    expect(heat.rows).toHaveLength(7);
    expect(heat.rows[1]).toMatchObject({ weekday: 'Monday', h9: 42, h10: 0 });
  });

  it('renders a table fallback in the user’s digits and calendar', async () => {
    await i18next.changeLanguage('ar');
    render(<DataTable table={trendTable(portalVisits, months, null, i18next.getFixedT('ar', 'ui'), 'ar')} caption="زيارات" prefs={arArab} metric={portalVisits} granularity="MONTH" />);
    expect(visible(screen.getAllByRole('row')[1]!.textContent)).toBe('يناير ٢٠٢٤١٠');
  });

  it('shows values in the metric’s unit and ranks and rank changes as plain numbers', () => {
    render(<DataTable table={rankingTable(digitalShare, ranking, i18next.getFixedT('en', 'ui'), 'en')} caption="Ranking" prefs={enLatn} metric={digitalShare} />);
    const cells = screen.getAllByRole('row')[1]!.querySelectorAll('th, td');
    expect([...cells].map((cell) => visible(cell.textContent))).toEqual(['1', 'Eastern Province', '93.2%', '2']);
  });
});

describe('PageHeader', () => {
  it('gives a page its one h1, and its description, facts and actions only when given', () => {
    const { container, rerender } = render(<PageHeader title="Press" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Press' })).toBeTruthy();
    expect(container.querySelectorAll('.page-description, .page-meta, .page-actions')).toHaveLength(0);
    rerender(
      <PageHeader title="Executive" description="Figures" meta={<span>Period: 2024</span>} actions={<button type="button">Print</button>}>
        <ul aria-label="Standing" />
      </PageHeader>,
    );
    expect(container.querySelector('header.page-header .page-description')!.textContent).toBe('Figures');
    expect(container.querySelector('.page-meta')!.textContent).toBe('Period: 2024');
    expect(container.querySelector('.page-actions')!.textContent).toBe('Print');
    expect(screen.getByRole('list', { name: 'Standing' }).closest('header')).toBe(container.querySelector('header'));
  });
});
