import { useTranslation } from 'react-i18next';
import { formatHour, formatNumber, formatWeekday, type DisplayPrefs } from '@amanah/web-format';
import type { HeatmapCellData } from './types.js';

export interface HeatmapProps {
  cells: readonly HeatmapCellData[];
  prefs: DisplayPrefs;
  caption: string;
}

/**
 * Weekday × hour as a real table (so it reads cell by cell with a screen reader); colour only reinforces the number
 * each cell carries as text. Hours run in the reading direction, like every time axis in the app.
 */
export function Heatmap({ cells, prefs, caption }: HeatmapProps) {
  const { t } = useTranslation('ui');
  const max = Math.max(...cells.map((c) => c.value), 1);
  const value = (weekday: number, hour: number) => cells.find((c) => c.weekday === weekday && c.hour === hour)?.value ?? 0;
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return (
    <div className="heatmap">
      <table className="heatmap__table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {/* With table-layout: fixed the first row sets the column widths: the corner cell holds the weekday column's. */}
            <td className="heatmap__day" />
            {hours.map((h) => (
              <th key={h} scope="col" className="heatmap__hour">{h % 3 === 0 ? formatHour(h, prefs) : <span className="visually-hidden">{formatHour(h, prefs)}</span>}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[0, 1, 2, 3, 4, 5, 6].map((weekday) => (
            <tr key={weekday}>
              <th scope="row" className="heatmap__day">{formatWeekday(weekday, prefs, 'short')}</th>
              {hours.map((h) => {
                const v = value(weekday, h);
                // Lightness from 97% (none) to 25% (most) of the brand green; text switches to white past the midpoint for AA contrast.
                const intensity = v / max;
                return (
                  <td
                    key={h}
                    className={`heatmap__cell ${intensity > 0.55 ? 'is-dark' : ''}`}
                    style={{ backgroundColor: `hsl(160 80% ${97 - intensity * 72}%)` }}
                    title={`${formatWeekday(weekday, prefs)} ${formatHour(h, prefs)}: ${formatNumber(v, prefs)}`}
                  >
                    <span className="visually-hidden">{formatNumber(v, prefs)}</span>
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
    </div>
  );
}
