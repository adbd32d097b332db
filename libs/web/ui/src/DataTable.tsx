import { formatBucket, formatNumber, formatValue, type DisplayPrefs } from '@amanah/web-format';
import type { CellValue, TableColumn, WidgetTable } from './tables.js';
import type { Granularity, MetricInfo } from './types.js';

export interface DataTableProps {
  table: WidgetTable;
  caption: string;
  prefs: DisplayPrefs;
  metric?: MetricInfo;
  granularity?: Granularity;
  className?: string;
}

/** A widget's data as an HTML table, in the user's digits and calendar: the fallback for every chart. */
export function DataTable({ table, caption, prefs, metric, granularity = 'DAY', className = '' }: DataTableProps) {
  const render = (value: CellValue, kind: TableColumn['kind']) => {
    if (value === null) return '—';
    if (kind === 'date' && typeof value === 'string') return formatBucket(value, granularity, prefs);
    if (typeof value === 'number') return kind === 'metric' && metric ? formatValue(value, metric, prefs) : formatNumber(value, prefs, 2);
    return value;
  };
  return (
    <table className={`data-table ${className}`}>
      <caption>{caption}</caption>
      <thead>
        <tr>{table.columns.map((c) => <th key={c.key} scope="col">{c.label}</th>)}</tr>
      </thead>
      <tbody>
        {table.rows.map((row, i) => (
          <tr key={i}>
            {table.columns.map((c, j) =>
              j === 0 ? (
                <th key={c.key} scope="row">{render(row[c.key] ?? null, c.kind)}</th>
              ) : (
                <td key={c.key} className={c.kind === 'number' || c.kind === 'metric' ? 'num' : undefined}>{render(row[c.key] ?? null, c.kind)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
