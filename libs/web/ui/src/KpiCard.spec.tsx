import { cleanup, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { KpiCard } from './KpiCard.js';
import { arArab, enLatn, officeVisits, portalVisits, visible } from './testing/fixtures.js';

// Tabuk's in-person visits, H1 2024 against H1 2023 (figures.md): 1,733 vs 5,393, −67.87 %.
const tabuk = {
  value: 1733, previous: 5393, change: -3660, changePct: -67.8695, asOf: '2024-06-30 16:42:00',
  range: { from: '2024-01-01', to: '2024-06-30' }, previousRange: { from: '2023-01-01', to: '2023-06-30' },
};

describe('KpiCard', () => {
  beforeEach(() => i18next.changeLanguage('ar'));

  it('shows the value, both changes and the comparison period in Arabic-Indic digits', () => {
    render(<KpiCard title="زيارات المراجعين" metric={officeVisits} kpi={tabuk} prefs={arArab} />);
    expect(screen.getByTestId('kpi-value').textContent).toBe('١٬٧٣٣');
    expect(visible(screen.getByTestId('kpi-change-pct').textContent)).toBe('-٦٧٫٨٧٪');
    expect(visible(screen.getByTestId('kpi-change-abs').textContent)).toBe('-٣٬٦٦٠');
    expect(screen.getByText(/مقارنة بـ/).textContent).toContain('٢٠٢٣');
    expect(screen.getByText(/حتى/).textContent).toContain('٣٠');
  });

  it('colours a fall as an improvement when down is good, and as a worsening when up is good', async () => {
    await i18next.changeLanguage('en');
    const { rerender } = render(<KpiCard title="Visits" metric={officeVisits} kpi={tabuk} prefs={enLatn} />);
    expect(screen.getByTestId('kpi-change').className).toContain('kpi-card__change--good');
    expect(screen.getByTestId('kpi-change').textContent).toContain('Improved');
    expect(screen.getByTestId('kpi-change-pct').textContent).toBe('-67.87%');
    rerender(<KpiCard title="Visits" metric={portalVisits} kpi={tabuk} prefs={enLatn} />);
    expect(screen.getByTestId('kpi-change').className).toContain('kpi-card__change--bad');
    expect(screen.getByTestId('kpi-change').textContent).toContain('▼');
  });

  it('shows target attainment as a labelled progress bar, capped at full', async () => {
    await i18next.changeLanguage('en');
    render(<KpiCard title="Visits" metric={portalVisits} kpi={{ ...tabuk, target: { value: 1500, attainmentPct: 115.5 } }} prefs={enLatn} />);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(bar.getAttribute('aria-label')).toBe('Target attainment: 116%');
    expect(screen.getByText(/Target:/).textContent).toBe('Target: 1,500');
  });

  it('draws a sparkline whose time runs right-to-left in Arabic', () => {
    const points = [{ date: '2024-01-01', value: 1 }, { date: '2024-02-01', value: 5 }];
    const { container, rerender } = render(<KpiCard title="ز" metric={portalVisits} kpi={tabuk} prefs={arArab} sparkline={points} />);
    expect(container.querySelector('path')!.getAttribute('d')!.startsWith('M120.0')).toBe(true);
    rerender(<KpiCard title="ز" metric={portalVisits} kpi={tabuk} prefs={enLatn} sparkline={points} />);
    expect(container.querySelector('path')!.getAttribute('d')!.startsWith('M0.0')).toBe(true);
  });

  it('leaves out the change when nothing is compared, and marks approximate values', () => {
    render(<KpiCard title="ز" metric={portalVisits} kpi={{ ...tabuk, previousRange: null, asOf: null, provenance: { relativeErrorPct: 1 } }} prefs={arArab} />);
    expect(screen.queryByTestId('kpi-change')).toBeNull();
    expect(within(screen.getByTestId('kpi-value')).getByTitle(/^قيمة تقريبية، في حدود ±١٪/).textContent).toContain('≈');
    cleanup();
    render(<KpiCard title="ز" metric={portalVisits} kpi={{ ...tabuk, provenance: { relativeErrorPct: null } }} prefs={arArab} />);
    expect(screen.getByTestId('kpi-value').textContent).not.toContain('≈');
  });
});
