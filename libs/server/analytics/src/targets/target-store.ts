import type { TargetDefinition } from '@amanah/dashboards';
import { targetFiltersKey } from '@amanah/metrics';
import { recordDataChange, type Store } from '@amanah/store';

export type TargetCalendar = 'GREGORIAN' | 'HIJRI';

/** A dimension filter a target was set for. */
export interface TargetFilter {
  dimension: string;
  values: readonly string[];
}

/** A target as stored (migrations 0095, 0115), or read from dashboards/targets.json (`setBy` null, Gregorian, no filters). */
export interface TargetRecord extends TargetDefinition {
  calendar: TargetCalendar;
  /** The dimension filters (other than the amanah) it was set for; it applies only to questions with the same ones. */
  filters: readonly TargetFilter[];
  /** '2025', '2025-03' or the Hijri year '1446'; the file's targets: their days, 'from…to'. */
  periodLabel: string;
  setBy: { keyId: string; label: string } | null;
  setAt: Date | null;
}

/** A DateTime64(3, 'UTC') value as inserted: 'YYYY-MM-DD hh:mm:ss.mmm' in UTC. */
const at = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

/** The `targets` table and nothing else. A change is a later version of the row; each one is a data change. */
export class TargetStore {
  constructor(private readonly store: Store) {}

  /** Stores the target and records a data change ('manual'), so answers cached before it are not served again. */
  async save(record: TargetRecord & { setBy: { keyId: string; label: string }; setAt: Date }): Promise<void> {
    await this.store.insert('targets', [
      {
        metric: record.metric,
        amanah: record.amanah ?? '',
        starts_on: record.from,
        ends_on: record.to,
        calendar: record.calendar,
        period_label: record.periodLabel,
        filters: targetFiltersKey(record.filters),
        value: record.value,
        set_by_key_id: record.setBy.keyId,
        set_by_label: record.setBy.label,
        set_at: at(record.setAt),
        version: record.setAt.getTime(),
      },
    ]);
    await recordDataChange(this.store, 'manual', `target ${record.metric} ${record.amanah ?? '*'} ${record.from}…${record.to} ${targetFiltersKey(record.filters)}`.trim());
  }

  /** Every stored target, latest version of each. */
  async all(): Promise<TargetRecord[]> {
    const rows = await this.store.select<Record<string, unknown>>(
      `SELECT metric, amanah, toString(starts_on) AS from, toString(ends_on) AS to, calendar, period_label, value, filters,
              set_by_key_id, set_by_label, toUnixTimestamp64Milli(set_at) AS set_ms
       FROM targets FINAL
       ORDER BY metric, amanah, starts_on, ends_on, filters`,
    );
    return rows.map((row) => ({
      metric: row.metric as string,
      ...(row.amanah ? { amanah: row.amanah as string } : {}),
      from: row.from as string,
      to: row.to as string,
      calendar: row.calendar as TargetCalendar,
      periodLabel: row.period_label as string,
      filters: row.filters ? (JSON.parse(row.filters as string) as TargetFilter[]) : [],
      value: Number(row.value),
      setBy: { keyId: row.set_by_key_id as string, label: row.set_by_label as string },
      setAt: new Date(Number(row.set_ms)),
    }));
  }
}
