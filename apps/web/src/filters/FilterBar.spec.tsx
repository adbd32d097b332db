import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { fromHijri, todayInRiyadh } from '@amanah/calendar';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../i18n/i18n.js';
import { FilterBar } from './FilterBar.js';
import { parseView } from './view-state.js';
import type { DimensionOption } from './dimension-options.js';

function renderBar(query: string, dimensions: DimensionOption[] = []) {
  const onChange = vi.fn();
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <FilterBar view={parseView(new URLSearchParams(query))} onChange={onChange} dimensions={dimensions} />
    </I18nextProvider>,
  );
  return onChange;
}

describe('the filter bar in the Hijri calendar', () => {
  it('picks a custom range in Hijri months: Ramadan 1445 … Shawwal 1445 is 2024-03-11 … 2024-05-08', () => {
    const onChange = renderBar('lang=en&calendar=hijri');
    fireEvent.change(screen.getByTestId('filter-range'), { target: { value: 'custom' } });
    expect(screen.queryByTestId('filter-from')).toBeNull(); // no Gregorian day picker
    fireEvent.change(screen.getByRole('combobox', { name: 'From: Hijri year' }), { target: { value: '1445' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'From: Hijri month' }), { target: { value: '9' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'To: Hijri year' }), { target: { value: '1445' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'To: Hijri month' }), { target: { value: '10' } });
    expect((screen.getByRole('combobox', { name: 'From: Hijri month' }) as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Ramadan');
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    // 1 Ramadan 1445 and 29 Shawwal 1445, as Intl's Umm al-Qura calendar has them.
    expect(onChange).toHaveBeenLastCalledWith({ from: '2024-03-11', to: '2024-05-08' });
  });

  it('shows a Hijri custom range in Arabic month names and digits, and offers Hijri granularities, comparison and seasons', () => {
    // The view is Arabic (month names and digits follow it); the labels are the test's English strings.
    renderBar('from=2024-03-11&to=2024-04-09&calendar=hijri');
    const month = screen.getByRole('combobox', { name: 'From: Hijri month' }) as HTMLSelectElement;
    expect(month.selectedOptions[0]!.textContent).toBe('رمضان');
    expect((screen.getByRole('combobox', { name: 'To: Hijri year' }) as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('١٤٤٥');
    const options = (testId: string) => [...(screen.getByTestId(testId) as HTMLSelectElement).options].map((o) => o.value);
    expect(options('filter-granularity')).toEqual(expect.arrayContaining(['HIJRI_MONTH', 'HIJRI_QUARTER', 'HIJRI_YEAR']));
    expect(options('filter-compare')).toContain('SAME_PERIOD_LAST_HIJRI_YEAR');
    expect(options('filter-range')).toEqual(expect.arrayContaining(['ramadan', 'hajj_season', 'eid_al_fitr', 'eid_al_adha']));
  });

  it("offers a season preset's Hijri year: the latest by default, then only years whose season has begun", () => {
    const onChange = renderBar('lang=en&range=eid_al_adha');
    const year = screen.getByRole('combobox', { name: 'Hijri year' }) as HTMLSelectElement;
    expect(year.selectedOptions[0]!.textContent).toBe('Latest');
    const years = [...year.options].slice(1).map((o) => Number(o.value));
    expect(years.length).toBeGreaterThan(9);
    expect(years).toContain(1445);
    // Every year offered has begun its Eid al-Adha by today (Intl's 9 Dhu al-Hijjah); the next one has not.
    const arafah = (y: number) => fromHijri({ year: y, month: 12, day: 9 });
    expect(years.every((y) => arafah(y) <= todayInRiyadh())).toBe(true);
    expect(arafah(years[0]! + 1) > todayInRiyadh()).toBe(true);
    fireEvent.change(year, { target: { value: '1445' } });
    expect(onChange).toHaveBeenLastCalledWith({ hijriYear: 1445 });
    fireEvent.change(year, { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({ hijriYear: undefined });
    cleanup();
    renderBar('lang=en&range=last_year');
    expect(screen.queryByTestId('filter-season-year')).toBeNull();
  });

  it("names a season with its Hijri year in the phone summary", () => {
    renderBar('lang=en&range=ramadan&hijriYear=1445');
    expect(screen.getByTestId('filter-toggle').textContent).toContain('Ramadan 1445 AH');
    expect((screen.getByTestId('filter-season-year') as HTMLSelectElement).value).toBe('1445');
  });

  it('keeps the Gregorian day picker in the Gregorian calendar', () => {
    renderBar('lang=en&from=2024-01-01&to=2024-06-30');
    expect((screen.getByTestId('filter-from') as HTMLInputElement).value).toBe('2024-01-01');
    expect(screen.queryByTestId('filter-hijri-from-month')).toBeNull();
  });
});

describe('the filter bar’s dimensions', () => {
  const channel: DimensionOption[] = [{ dimension: 'channel', values: ['portal', 'balady'] }];

  it('offers each dimension with the catalogue’s names and sets, replaces or clears its filter', () => {
    const onChange = renderBar('lang=en&f.service=building_permit', channel);
    const select = screen.getByRole('combobox', { name: 'Channel' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['All', 'Portal', 'Balady']);
    fireEvent.change(select, { target: { value: 'balady' } });
    expect(onChange).toHaveBeenLastCalledWith({ filters: [{ dimension: 'channel', values: ['balady'] }, { dimension: 'service', values: ['building_permit'] }] });
  });

  it('shows several values chosen by clicks as one entry, and All clears them', () => {
    const onChange = renderBar('lang=en&f.channel=portal,balady', channel);
    const select = screen.getByRole('combobox', { name: 'Channel' }) as HTMLSelectElement;
    expect(select.selectedOptions[0]!.textContent).toBe('Portal, Balady');
    fireEvent.change(select, { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({ filters: [] });
  });
});

