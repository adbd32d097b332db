import { describe, expect, it } from 'vitest';
import { narrowView, parseView, rangeInput, serializeView, viewVariables, widenView } from './view-state.js';

const executive = { preset: 'last_year', compare: 'PREVIOUS_PERIOD', granularity: 'MONTH' } as const;

describe('view state in the URL', () => {
  it('reads the Tabuk H1 2024 vs H1 2023 view from a link and writes the same link back', () => {
    const link = 'amanah=tabuk&from=2024-01-01&to=2024-06-30&compare=SAME_PERIOD_LAST_YEAR&lang=en&digits=arab&calendar=hijri';
    const view = parseView(new URLSearchParams(link), executive);
    expect(view).toEqual({
      amanah: 'tabuk', filters: [], preset: 'last_year', from: '2024-01-01', to: '2024-06-30', compare: 'SAME_PERIOD_LAST_YEAR',
      granularity: 'MONTH', lang: 'en', digits: 'arab', calendar: 'hijri',
    });
    expect(serializeView(view, executive).toString()).toBe(link);
  });

  it('falls back to the dashboard defaults and the app defaults, and ignores values it does not know', () => {
    const view = parseView(new URLSearchParams('amanah=atlantis&range=forever&compare=ALWAYS&from=2024-02-30&to=2024-03-01&digits=roman'), {
      preset: 'last_2_years', compare: 'NONE', granularity: 'QUARTER',
    });
    expect(view).toMatchObject({ amanah: null, preset: 'last_2_years', from: null, to: null, compare: 'NONE', granularity: 'QUARTER', lang: 'ar', digits: 'arab', calendar: 'gregory' });
    expect(serializeView(view, { preset: 'last_2_years', compare: 'NONE', granularity: 'QUARTER' }).toString()).toBe('');
  });

  it("keeps a season preset's Hijri year in the link and sends it to the API; drops it elsewhere", () => {
    const ramadan1445 = parseView(new URLSearchParams('range=ramadan&hijriYear=1445'), executive);
    expect(ramadan1445).toMatchObject({ preset: 'ramadan', hijriYear: 1445 });
    expect(rangeInput(ramadan1445)).toEqual({ preset: 'ramadan', hijriYear: 1445 });
    expect(serializeView(ramadan1445, executive).toString()).toBe('range=ramadan&hijriYear=1445');
    // Another season keeps the year; a preset that is not a season, or a custom range, leaves it behind.
    expect(serializeView({ ...ramadan1445, preset: 'eid_al_adha' }, executive).toString()).toBe('range=eid_al_adha&hijriYear=1445');
    expect(serializeView({ ...ramadan1445, preset: 'this_year' }, executive).toString()).toBe('range=this_year');
    expect(rangeInput({ ...ramadan1445, preset: 'this_year' })).toEqual({ preset: 'this_year' });
    expect(rangeInput({ ...ramadan1445, from: '2024-01-01', to: '2024-01-31' })).toEqual({ from: '2024-01-01', to: '2024-01-31' });
    // Years the API does not take, or a year without a season, are ignored.
    for (const link of ['range=ramadan&hijriYear=99', 'range=ramadan&hijriYear=1501', 'range=ramadan&hijriYear=14x5', 'range=last_year&hijriYear=1445']) {
      expect(parseView(new URLSearchParams(link), executive).hijriYear).toBeUndefined();
    }
  });

  it('opens each language with its usual digits', () => {
    expect(parseView(new URLSearchParams('lang=en')).digits).toBe('latn');
    expect(parseView(new URLSearchParams('')).digits).toBe('arab');
    expect(serializeView(parseView(new URLSearchParams('lang=en&digits=latn'))).toString()).toBe('lang=en');
  });

  it('refuses an inverted custom range', () => {
    expect(parseView(new URLSearchParams('from=2024-06-30&to=2024-01-01')).from).toBeNull();
  });

  it('sends the range and the comparison as chosen: the API computes the comparison period', () => {
    const view = parseView(new URLSearchParams('amanah=tabuk&from=2024-01-01&to=2024-06-30&compare=SAME_PERIOD_LAST_YEAR'));
    expect(viewVariables(view)).toEqual({
      range: { from: '2024-01-01', to: '2024-06-30' },
      filters: [{ dimension: 'amanah', values: ['tabuk'] }],
      compare: 'SAME_PERIOD_LAST_YEAR',
      granularity: 'MONTH',
    });
    const none = viewVariables(parseView(new URLSearchParams('range=h1&compare=NONE')));
    expect(none).toMatchObject({ range: { preset: 'h1' }, compare: 'NONE' });
  });

  it('keeps dimension filters as f.<dimension>=a,b and sends them after the amanah', () => {
    const link = 'amanah=tabuk&f.channel=portal%2Cbalady&f.service=building_permit&compare=NONE';
    const view = parseView(new URLSearchParams(link));
    expect(view.filters).toEqual([{ dimension: 'channel', values: ['portal', 'balady'] }, { dimension: 'service', values: ['building_permit'] }]);
    expect(serializeView(view).toString()).toBe(link);
    expect(viewVariables(view).filters).toEqual([
      { dimension: 'amanah', values: ['tabuk'] },
      { dimension: 'channel', values: ['portal', 'balady'] },
      { dimension: 'service', values: ['building_permit'] },
    ]);
  });

  it('drops unknown dimensions, empty and repeated values, and an f.amanah (the amanah has its own parameter)', () => {
    const view = parseView(new URLSearchParams('f.colour=red&f.channel=,portal,portal,&f.status=&f.amanah=tabuk'));
    expect(view.filters).toEqual([{ dimension: 'channel', values: ['portal'] }]);
    expect(view.amanah).toBeNull();
  });

  it('narrows by one value at a time and widens back', () => {
    const start = parseView(new URLSearchParams('f.service=building_permit'));
    const byChannel = { ...start, ...narrowView(start, 'channel', 'portal') };
    // Filters stay in the catalogue's dimension order whatever the order of the clicks.
    expect(serializeView(byChannel).toString()).toBe('f.channel=portal&f.service=building_permit');
    const twoChannels = { ...byChannel, ...narrowView(byChannel, 'channel', 'balady') };
    expect(twoChannels.filters[0]).toEqual({ dimension: 'channel', values: ['portal', 'balady'] });
    expect(narrowView(twoChannels, 'channel', 'portal')).toEqual({});
    expect(narrowView(twoChannels, 'amanah', 'riyadh')).toEqual({ amanah: 'riyadh' });
    const back = { ...twoChannels, ...widenView(twoChannels, 'channel', 'portal') };
    expect(back.filters[0]).toEqual({ dimension: 'channel', values: ['balady'] });
    const gone = { ...back, ...widenView(back, 'channel', 'balady') };
    expect(serializeView(gone).toString()).toBe('f.service=building_permit');
    expect(widenView({ ...gone, amanah: 'tabuk' }, 'amanah', 'tabuk')).toEqual({ amanah: null });
  });
});
