import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatHour, formatNumber, formatPercent, formatWeekday, type DisplayPrefs } from '@amanah/web-format';
import type { HeatmapCellData } from './types.js';

/** One hour of the week: 0 = Sunday … 6 = Saturday, hour 0–23 (Asia/Riyadh). */
export interface HeatmapSlot {
  weekday: number;
  hour: number;
}

export interface HeatmapProps {
  cells: readonly HeatmapCellData[];
  prefs: DisplayPrefs;
  caption: string;
  /** The hour whose detail shows under the table (kept by the page, e.g. in the URL). */
  selected?: HeatmapSlot | null;
  /** When given, each cell is a button: a click, Enter or Space selects its hour; `null` returns to the whole week. */
  onSelect?: (slot: HeatmapSlot | null) => void;
}

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * Weekday × hour as a real table (so it reads cell by cell with a screen reader); colour only reinforces the number
 * each cell carries as text. Hours run in the reading direction, like every time axis in the app.
 *
 * With `onSelect` the cells are one keyboard stop (a roving tab index, as in ARIA's grid pattern: 168 Tab stops would
 * bury the rest of the page); arrows move within it in the reading direction, Home/End go to a day's first/last hour.
 */
export function Heatmap({ cells, prefs, caption, selected, onSelect }: HeatmapProps) {
  const { t } = useTranslation('ui');
  const table = useRef<HTMLTableElement>(null);
  const max = Math.max(...cells.map((c) => c.value), 1);
  const value = (weekday: number, hour: number) => cells.find((c) => c.weekday === weekday && c.hour === hour)?.value ?? 0;
  const [focus, setFocus] = useState<HeatmapSlot>(selected ?? { weekday: 0, hour: 0 });
  const rtl = prefs.lang === 'ar';

  const move = (event: KeyboardEvent, from: HeatmapSlot) => {
    const step: Record<string, [number, number]> = {
      ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, rtl ? 1 : -1], ArrowRight: [0, rtl ? -1 : 1], Home: [0, -24], End: [0, 24],
    };
    const delta = step[event.key];
    if (!delta) return;
    event.preventDefault();
    const next = { weekday: Math.min(6, Math.max(0, from.weekday + delta[0])), hour: Math.min(23, Math.max(0, from.hour + delta[1])) };
    setFocus(next);
    table.current?.querySelector<HTMLButtonElement>(`button[data-slot="${next.weekday}-${next.hour}"]`)?.focus();
  };

  return (
    <div className="heatmap">
      <table className="heatmap__table" ref={table}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {/* With table-layout: fixed the first row sets the column widths: the corner cell holds the weekday column's. */}
            <td className="heatmap__day" />
            {HOURS.map((h) => (
              <th key={h} scope="col" className="heatmap__hour">{h % 3 === 0 ? formatHour(h, prefs) : <span className="visually-hidden">{formatHour(h, prefs)}</span>}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((weekday) => (
            <tr key={weekday}>
              <th scope="row" className="heatmap__day">{formatWeekday(weekday, prefs, 'short')}</th>
              {HOURS.map((h) => {
                const v = value(weekday, h);
                // Lightness from 97% (none) to 25% (most) of the brand green; text switches to white past the midpoint for AA contrast.
                const intensity = v / max;
                const label = `${formatWeekday(weekday, prefs)} ${formatHour(h, prefs)}: ${formatNumber(v, prefs)}`;
                const isSelected = selected?.weekday === weekday && selected.hour === h;
                return (
                  <td
                    key={h}
                    className={`heatmap__cell ${intensity > 0.55 ? 'is-dark' : ''} ${isSelected ? 'is-selected' : ''}`}
                    style={{ backgroundColor: `hsl(160 80% ${97 - intensity * 72}%)` }}
                    title={label}
                  >
                    {onSelect ? (
                      <button
                        type="button"
                        className="heatmap__select"
                        data-slot={`${weekday}-${h}`}
                        tabIndex={focus.weekday === weekday && focus.hour === h ? 0 : -1}
                        aria-label={t('heatmapSelect', { cell: label })}
                        aria-pressed={isSelected}
                        onFocus={() => setFocus({ weekday, hour: h })}
                        onKeyDown={(event) => move(event, { weekday, hour: h })}
                        onClick={() => onSelect(isSelected ? null : { weekday, hour: h })}
                      />
                    ) : (
                      <span className="visually-hidden">{formatNumber(v, prefs)}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="heatmap__legend" aria-hidden="true">
        <span className="heatmap__legend-scale" />
        {t('heatmapLegend')}
      </div>
      {selected && onSelect && <HeatmapDetail cells={cells} slot={selected} prefs={prefs} onBack={() => onSelect(null)} />}
    </div>
  );
}

/**
 * The figure of one hour of the week: its value, its share of the week, its rank among the week's 168 hours, and the
 * average hour of the same day. The page's other widgets are not narrowed to it: the store filters by dimensions
 * (amanah, channel, …), not by hour of the week, and the detail says so rather than pretend.
 */
function HeatmapDetail({ cells, slot, prefs, onBack }: { cells: readonly HeatmapCellData[]; slot: HeatmapSlot; prefs: DisplayPrefs; onBack: () => void }) {
  const { t } = useTranslation('ui');
  const at = (weekday: number, hour: number) => cells.find((c) => c.weekday === weekday && c.hour === hour)?.value ?? 0;
  const value = at(slot.weekday, slot.hour);
  const week = cells.reduce((sum, c) => sum + c.value, 0);
  const rank = 1 + WEEKDAYS.flatMap((d) => HOURS.map((h) => at(d, h))).filter((v) => v > value).length;
  const dayAverage = HOURS.reduce((sum, h) => sum + at(slot.weekday, h), 0) / HOURS.length;
  const name = `${formatWeekday(slot.weekday, prefs)} ${formatHour(slot.hour, prefs)}`;
  return (
    <section className="heatmap__detail" aria-label={name} data-testid="heatmap-detail">
      <nav aria-label={t('heatmapBreadcrumb')}>
        <ol className="heatmap__breadcrumb">
          <li><button type="button" className="button button--small button--ghost" onClick={onBack}>{t('heatmapWholeWeek')}</button></li>
          <li aria-current="location">{name}</li>
        </ol>
      </nav>
      <dl className="heatmap__figures">
        <dt>{t('value')}</dt>
        <dd data-testid="heatmap-detail-value">{formatNumber(value, prefs)}</dd>
        <dt>{t('heatmapShare')}</dt>
        <dd>{formatPercent(week > 0 ? (value / week) * 100 : null, prefs, 2)}</dd>
        <dt>{t('rank')}</dt>
        <dd data-testid="heatmap-detail-rank">{t('heatmapRank', { rank: formatNumber(rank, prefs), count: formatNumber(WEEKDAYS.length * HOURS.length, prefs) })}</dd>
        <dt>{t('heatmapDayAverage', { day: formatWeekday(slot.weekday, prefs) })}</dt>
        <dd>{formatNumber(dayAverage, prefs)}</dd>
      </dl>
      <p className="heatmap__note" role="note">{t('heatmapNotAFilter')}</p>
    </section>
  );
}
