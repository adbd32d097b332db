import { fireEvent, render, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { arArab, enLatn, portalVisits, visible } from '@amanah/web-ui/testing';
import { BreakdownBar, ShareDonut, TrendChart } from './index.js';

const channels = [
  { key: 'portal', label: { ar: 'البوابة الإلكترونية', en: 'Portal' }, value: 600, share: 60, previous: 500 },
  { key: 'office', label: { ar: 'الحضور الشخصي', en: 'In person' }, value: 400, share: 40, previous: 450 },
];
const months = [
  { key: null, label: null, points: [{ date: '2024-01-01', value: 10 }, { date: '2024-02-01', value: 20 }, { date: '2024-03-01', value: 15 }] },
];

describe('charts', () => {
  // Tick lines come in data order (jsdom cannot measure text, so recharts leaves tick labels out): their x positions
  // say where the first and the last bucket are drawn.
  const tickXs = (container: HTMLElement) =>
    [...container.querySelectorAll('.recharts-xAxis .recharts-cartesian-axis-tick-line')].map((line) => Number(line.getAttribute('x1')));
  const yAxisX = (container: HTMLElement) => Number(container.querySelector('.recharts-yAxis .recharts-cartesian-axis-line')!.getAttribute('x1'));

  it('runs time right-to-left in Arabic, with the value axis on the right', async () => {
    await i18next.changeLanguage('ar');
    const { container } = render(<TrendChart metric={portalVisits} lines={months} granularity="MONTH" prefs={arArab} width={600} />);
    await waitFor(() => expect(tickXs(container)).toHaveLength(3));
    const xs = tickXs(container);
    expect(xs[0]).toBeGreaterThan(xs[2]!);
    expect(yAxisX(container)).toBeGreaterThan(300);
  });

  it('runs time left-to-right in English and overlays the comparison period', async () => {
    await i18next.changeLanguage('en');
    const previous = [{ date: '2023-01-01', value: 5 }, { date: '2023-02-01', value: 6 }, { date: '2023-03-01', value: 7 }];
    const { container } = render(<TrendChart metric={portalVisits} lines={months} previous={previous} granularity="MONTH" prefs={enLatn} width={600} />);
    await waitFor(() => expect(tickXs(container)).toHaveLength(3));
    const xs = tickXs(container);
    expect(xs[0]).toBeLessThan(xs[2]!);
    expect(yAxisX(container)).toBeLessThan(300);
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(2);
    expect(container.querySelector('.recharts-legend-wrapper')!.textContent).toContain('Previous period');
  });

  it('marks an annotation: a span as an area over its buckets, a day as a line, at their buckets', async () => {
    await i18next.changeLanguage('en');
    const annotations = [
      { id: 'a', kind: 'CAMPAIGN' as const, from: '2024-02-10', to: '2024-03-05', title: { ar: 'حملة', en: 'SMS campaign' } },
      { id: 'b', kind: 'OUTAGE' as const, from: '2024-01-15', to: '2024-01-15', title: { ar: 'انقطاع', en: 'Outage' } },
    ];
    const { container } = render(<TrendChart metric={portalVisits} lines={months} granularity="MONTH" prefs={enLatn} width={600} annotations={annotations} />);
    await waitFor(() => expect(tickXs(container)).toHaveLength(3));
    const area = container.querySelector('.chart-annotation--campaign .recharts-reference-area-rect')!;
    const line = container.querySelector('.chart-annotation--outage .recharts-reference-line-line')!;
    const xs = tickXs(container);
    // The campaign spans February's and March's buckets; the outage is a line at January's.
    expect(Number(area.getAttribute('x'))).toBeCloseTo(xs[1]!, 0);
    expect(Number(area.getAttribute('x')) + Number(area.getAttribute('width'))).toBeCloseTo(xs[2]!, 0);
    expect(Number(line.getAttribute('x1'))).toBeCloseTo(xs[0]!, 0);
    // Their labels are text, which jsdom cannot measure: the browser suite (annotations) reads them on screen.
  });

  it('draws a bar per member and a donut slice per member, with shares in the legend', async () => {
    await i18next.changeLanguage('ar');
    const bars = render(<BreakdownBar metric={portalVisits} items={channels} prefs={arArab} width={500} />);
    await waitFor(() => expect(bars.container.querySelector('.recharts-bar-rectangle')).toBeTruthy());
    expect(bars.container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(4);
    expect(bars.container.textContent).toContain('البوابة الإلكترونية');
    bars.unmount();
    const donut = render(<ShareDonut metric={portalVisits} items={channels} prefs={arArab} width={400} />);
    await waitFor(() => expect(donut.container.querySelector('.recharts-pie-sector')).toBeTruthy());
    expect(donut.container.querySelectorAll('.recharts-pie-sector')).toHaveLength(2);
    expect(visible(donut.container.querySelector('.recharts-legend-wrapper')!.textContent)).toContain('البوابة الإلكترونية — ٦٠٪');
  });

  it('names the member clicked: a donut slice, a legend entry, a bar; never the "other" remainder', async () => {
    await i18next.changeLanguage('en');
    const items = [...channels, { key: '__other__', label: { ar: 'أخرى', en: 'Other' }, value: 50, share: 5 }];
    const picked: string[] = [];
    const donut = render(<ShareDonut metric={portalVisits} items={items} prefs={enLatn} width={400} onSelect={(key) => picked.push(key)} />);
    await waitFor(() => expect(donut.container.querySelectorAll('.recharts-pie-sector')).toHaveLength(3));
    fireEvent.click(donut.container.querySelector('.recharts-sector[data-key="office"]')!);
    const legend = [...donut.container.querySelectorAll('.recharts-legend-item')];
    fireEvent.click(legend.find((item) => item.textContent!.startsWith('Portal'))!.querySelector('button')!);
    fireEvent.click(legend.find((item) => item.textContent!.startsWith('Other'))!);
    fireEvent.click(donut.container.querySelector('.recharts-sector[data-key="__other__"]')!);
    expect(picked).toEqual(['office', 'portal']);
    donut.unmount();
    const bars = render(<BreakdownBar metric={portalVisits} items={channels} prefs={enLatn} width={500} onSelect={(key) => picked.push(key)} />);
    await waitFor(() => expect(bars.container.querySelector('.recharts-bar-rectangle')).toBeTruthy());
    fireEvent.click(bars.container.querySelectorAll('.recharts-bar-rectangle')[1]!.querySelector('path')!);
    expect(picked).toEqual(['office', 'portal', 'office']);
  });

  it('makes every member a named keyboard stop that Enter and Space activate; the remainder is none', async () => {
    await i18next.changeLanguage('en');
    const items = [...channels, { key: '__other__', label: { ar: 'أخرى', en: 'Other' }, value: 50, share: 5 }];
    const picked: string[] = [];
    const donut = render(<ShareDonut metric={portalVisits} items={items} prefs={enLatn} width={400} onSelect={(key) => picked.push(key)} />);
    await waitFor(() => expect(donut.container.querySelectorAll('.recharts-pie-sector')).toHaveLength(3));
    const slices = [...donut.container.querySelectorAll<SVGGElement>('g.drill-target')];
    expect(slices.map((s) => [s.getAttribute('role'), s.getAttribute('tabindex'), s.getAttribute('aria-label')])).toEqual([
      ['button', '0', 'Portal: 600. Show only this'],
      ['button', '0', 'In person: 400. Show only this'],
    ]);
    fireEvent.keyDown(slices[1]!, { key: 'Enter' });
    fireEvent.keyDown(slices[0]!, { key: ' ' });
    fireEvent.keyDown(slices[0]!, { key: 'a' });
    const legendButtons = [...donut.container.querySelectorAll('.recharts-legend-item button')];
    expect(legendButtons.map((b) => b.getAttribute('aria-label')).sort()).toEqual(['In person — 40%. Show only this', 'Portal — 60%. Show only this']);
    // No other stop: the pie's own root and the chart's accessibility layer give way to the members.
    expect([...donut.container.querySelectorAll('[tabindex="0"]')]).toHaveLength(2);
    expect(donut.container.querySelectorAll('[tabindex]:not([tabindex="-1"])')).toHaveLength(2);
    expect(picked).toEqual(['office', 'portal']);
    donut.unmount();

    const bars = render(<BreakdownBar metric={portalVisits} items={channels} prefs={enLatn} width={500} onSelect={(key) => picked.push(key)} />);
    await waitFor(() => expect(bars.container.querySelector('.recharts-bar-rectangle')).toBeTruthy());
    const targets = [...bars.container.querySelectorAll<SVGGElement>('g.drill-target')];
    expect(targets.map((b) => b.getAttribute('aria-label'))).toEqual(['Portal: 600. Show only this', 'In person: 400. Show only this']);
    fireEvent.keyDown(targets[0]!, { key: 'Enter' });
    expect(picked).toEqual(['office', 'portal', 'portal']);
  });
});
