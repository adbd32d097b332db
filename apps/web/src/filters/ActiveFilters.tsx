import { useTranslation } from 'react-i18next';
import { DIMENSIONS, memberLabel, type DimensionId } from '@amanah/metrics';
import type { Lang } from '@amanah/web-format';
import { widenView, type ViewState } from './view-state.js';

/** "Channel: Portal" — a filter value as the chips and the widgets' notes name it. */
export function filterValueLabel(dimension: string, value: string, lang: Lang): string {
  const definition = DIMENSIONS[dimension as DimensionId];
  if (!definition) return value;
  return `${definition.label[lang]}: ${memberLabel(definition.id, value)[lang]}`;
}

/**
 * The breadcrumb of a narrowed view: every dashboard the amanah and each dimension value chosen (by the filter bar or
 * a click on a chart), each removable; removing them all returns to the whole view. Nothing shows when nothing is
 * chosen. Each removal is a new history entry, like the narrowing, so Back undoes it.
 */
export function ActiveFilters({ view, onChange }: { view: ViewState; onChange: (patch: Partial<ViewState>) => void }) {
  const { t } = useTranslation();
  const chips = [
    ...(view.amanah ? [{ dimension: 'amanah' as DimensionId, value: view.amanah }] : []),
    ...view.filters.flatMap((f) => f.values.map((value) => ({ dimension: f.dimension, value }))),
  ];
  if (chips.length === 0) return null;
  return (
    <nav className="active-filters" aria-label={t('filters.active')} data-testid="active-filters">
      <ol className="active-filters__list">
        {chips.map(({ dimension, value }) => {
          const label = filterValueLabel(dimension, value, view.lang);
          return (
            <li key={`${dimension}=${value}`} className="active-filters__chip" data-filter={`${dimension}=${value}`}>
              <span>{label}</span>
              <button type="button" className="active-filters__remove" aria-label={t('filters.remove', { filter: label })} onClick={() => onChange(widenView(view, dimension, value))}>
                ×
              </button>
            </li>
          );
        })}
      </ol>
      {chips.length > 1 && (
        <button type="button" className="button button--small button--ghost" onClick={() => onChange({ amanah: null, filters: [] })}>
          {t('filters.clearAll')}
        </button>
      )}
    </nav>
  );
}
