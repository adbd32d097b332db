import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSeasonPreset, RANGE_PRESETS, SEASON_PRESETS, type RangePreset } from '@amanah/calendar';
import { AMANAHS } from '@amanah/domain';
import { DIMENSION_IDS, DIMENSIONS, memberLabel } from '@amanah/metrics';
import { HijriRangeFields, SeasonYearField } from './HijriRangeFields.js';
import { rangeName } from './range-name.js';
import type { DimensionOption } from './dimension-options.js';
import { COMPARISONS, GRANULARITIES, type ViewState } from './view-state.js';

const HIJRI_PRESETS: readonly RangePreset[] = ['this_hijri_year', 'last_hijri_year', ...SEASON_PRESETS];
const CUSTOM = 'custom';
/** The select's value when several values of a dimension are chosen (by clicks on a chart). */
const MANY = '__many__';

export interface FilterBarProps {
  view: ViewState;
  onChange: (patch: Partial<ViewState>) => void;
  /** The amanah page picks its amanah by route, not by filter. */
  onAmanahChange?: (amanah: string | null) => void;
  allowAll?: boolean;
  /** Dimensions to filter by besides the amanah (`dashboardDimensions`); a click on a chart adds values too. */
  dimensions?: readonly DimensionOption[];
}

/**
 * The global filters: amanah, period (Gregorian and Hijri presets, or custom days; in the Hijri calendar, custom Hijri
 * months), comparison and granularity.
 * On a phone (below 641 px, styles.css) they fold into one button saying what is chosen, which opens them as a sheet.
 */
export function FilterBar({ view, onChange, onAmanahChange, allowAll = true, dimensions = [] }: FilterBarProps) {
  const { t } = useTranslation();
  const sheetId = useId();
  const [sheetOpen, setSheetOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const sheet = useRef<HTMLFormElement>(null);
  // Opening the sheet takes focus to its first control; closing it gives focus back to the button.
  const closeSheet = () => {
    setSheetOpen(false);
    toggle.current?.focus();
  };
  const amanahName = AMANAHS.find((a) => a.id === view.amanah);
  const summary = [
    amanahName ? (view.lang === 'ar' ? amanahName.nameAr : amanahName.nameEn) : t('filters.allAmanahs'),
    rangeName(view, view, t),
    t(`compare.${view.compare}`),
  ].join(' · ');
  useEffect(() => {
    if (!sheetOpen) return;
    sheet.current?.querySelector('select')?.focus();
    const close = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setSheetOpen(false);
        toggle.current?.focus();
      }
    };
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [sheetOpen]);
  const custom = Boolean(view.from && view.to);
  const [draft, setDraft] = useState({ from: view.from ?? '', to: view.to ?? '' });
  const [editing, setEditing] = useState(custom);
  useEffect(() => {
    setDraft({ from: view.from ?? '', to: view.to ?? '' });
    setEditing(Boolean(view.from && view.to));
  }, [view.from, view.to]);

  const setAmanah = (value: string) => (onAmanahChange ? onAmanahChange(value || null) : onChange({ amanah: value || null }));
  return (
    <div className="filter-sheet" data-open={sheetOpen ? 'true' : 'false'}>
      <button
        type="button"
        ref={toggle}
        className="filter-sheet__toggle"
        aria-expanded={sheetOpen}
        aria-controls={sheetId}
        data-testid="filter-toggle"
        onClick={() => setSheetOpen(!sheetOpen)}
      >
        <span className="filter-sheet__label">{t('filters.label')}</span>
        <span className="filter-sheet__summary">{summary}</span>
      </button>
      <div className="filter-sheet__backdrop" aria-hidden="true" onClick={closeSheet} />
      <form ref={sheet} id={sheetId} className="filter-bar" aria-label={t('filters.label')} onSubmit={(e) => {
        e.preventDefault();
        if (draft.from && draft.to && draft.from <= draft.to) onChange({ from: draft.from, to: draft.to });
      }}>
        <label className="field">
          <span className="field__label">{t('filters.amanah')}</span>
          <select value={view.amanah ?? ''} onChange={(e) => setAmanah(e.target.value)} data-testid="filter-amanah">
            {allowAll && <option value="">{t('filters.allAmanahs')}</option>}
            {AMANAHS.map((a) => <option key={a.id} value={a.id}>{view.lang === 'ar' ? a.nameAr : a.nameEn}</option>)}
          </select>
        </label>
        {dimensions.map(({ dimension, values }) => {
          const chosen = view.filters.find((f) => f.dimension === dimension)?.values ?? [];
          const label = (v: string) => memberLabel(dimension, v)[view.lang];
          return (
            <label className="field" key={dimension}>
              <span className="field__label">{DIMENSIONS[dimension].label[view.lang]}</span>
              <select
                value={chosen.length > 1 ? MANY : (chosen[0] ?? '')}
                data-testid={`filter-${dimension}`}
                onChange={(e) => {
                  const others = view.filters.filter((f) => f.dimension !== dimension);
                  const next = e.target.value ? [...others, { dimension, values: [e.target.value] }] : others;
                  onChange({ filters: next.sort((a, b) => DIMENSION_IDS.indexOf(a.dimension) - DIMENSION_IDS.indexOf(b.dimension)) });
                }}
              >
                <option value="">{t('filters.all')}</option>
                {chosen.length > 1 && <option value={MANY} disabled>{chosen.map(label).join(view.lang === 'ar' ? '، ' : ', ')}</option>}
                {values.map((v) => <option key={v} value={v}>{label(v)}</option>)}
              </select>
            </label>
          );
        })}
        <label className="field">
          <span className="field__label">{t('filters.range')}</span>
          <select
            value={editing ? CUSTOM : view.preset}
            data-testid="filter-range"
            onChange={(e) => {
              if (e.target.value === CUSTOM) setEditing(true);
              else {
                setEditing(false);
                onChange({ preset: e.target.value as RangePreset, from: null, to: null });
              }
            }}
          >
            <optgroup label={t('presetGroups.gregorian')}>
              {RANGE_PRESETS.filter((p) => !HIJRI_PRESETS.includes(p)).map((p) => <option key={p} value={p}>{t(`presets.${p}`)}</option>)}
            </optgroup>
            <optgroup label={t('presetGroups.hijri')}>
              {HIJRI_PRESETS.map((p) => <option key={p} value={p}>{t(`presets.${p}`)}</option>)}
            </optgroup>
            <option value={CUSTOM}>{t('filters.custom')}</option>
          </select>
        </label>
        {!editing && isSeasonPreset(view.preset) && (
          <SeasonYearField prefs={view} season={view.preset} year={view.hijriYear} onChange={(hijriYear) => onChange({ hijriYear })} />
        )}
        {editing && (
          <fieldset className="filter-bar__custom">
            <legend className="visually-hidden">{t('filters.custom')}</legend>
            {view.calendar === 'hijri' ? (
              <HijriRangeFields prefs={view} from={draft.from} to={draft.to} onChange={setDraft} />
            ) : (
              <>
                <label className="field">
                  <span className="field__label">{t('filters.from')}</span>
                  <input type="date" required value={draft.from} max={draft.to || undefined} onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="filter-from" />
                </label>
                <label className="field">
                  <span className="field__label">{t('filters.to')}</span>
                  <input type="date" required value={draft.to} min={draft.from || undefined} onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="filter-to" />
                </label>
              </>
            )}
            <button type="submit" className="button">{t('filters.apply')}</button>
          </fieldset>
        )}
        <label className="field">
          <span className="field__label">{t('filters.compare')}</span>
          <select value={view.compare} onChange={(e) => onChange({ compare: e.target.value as ViewState['compare'] })} data-testid="filter-compare">
            {COMPARISONS.map((c) => <option key={c} value={c}>{t(`compare.${c}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('filters.granularity')}</span>
          <select value={view.granularity} onChange={(e) => onChange({ granularity: e.target.value as ViewState['granularity'] })} data-testid="filter-granularity">
            {GRANULARITIES.map((g) => <option key={g} value={g}>{t(`granularity.${g}`)}</option>)}
          </select>
        </label>
        <button type="button" className="button filter-sheet__done" onClick={closeSheet}>{t('filters.done')}</button>
      </form>
    </div>
  );
}
