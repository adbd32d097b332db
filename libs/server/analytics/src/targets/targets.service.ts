import { Injectable } from '@nestjs/common';
import { scopeOf, type Caller } from '@amanah/access';
import { isAmanahId } from '@amanah/domain';
import { targetFiltersKey } from '@amanah/metrics';
import { QueryRunner, resolveFilters, resolveMetric } from '@amanah/query';
import { AnalyticsError, guard } from '../analytics-error.js';
import { parseAnnotationArg } from '../annotations/annotation-input.js';
import { DashboardRegistry } from '../dashboard-registry.js';
import { targetInputSchema, targetPeriod, type TargetInput } from './target-input.js';
import { TargetStore, type TargetRecord } from './target-store.js';

/** Who may set targets: the roles of the `analysis` operation. */
const SETTERS = new Set(['analyst', 'admin']);

const sameSlot = (a: TargetRecord, b: TargetRecord) =>
  a.metric === b.metric && a.amanah === b.amanah && a.from === b.from && a.to === b.to && targetFiltersKey(a.filters) === targetFiltersKey(b.filters);

/**
 * The targets answers compare with: those stored in the `targets` table over those of dashboards/targets.json. The
 * file is a fallback read at start, never copied into the store: a stored target replaces the file's for the same
 * metric, amanah and days. Read once per data version (setting one records a data change), so every API process
 * answers with a new target at once, without a restart.
 */
@Injectable()
export class TargetsService {
  private loaded: { version: number; targets: Promise<TargetRecord[]> } | undefined;

  constructor(
    private readonly runner: QueryRunner,
    private readonly stored: TargetStore,
    private readonly dashboards: DashboardRegistry,
  ) {}

  /** Every target in force, at the current data version. */
  async current(): Promise<TargetRecord[]> {
    const version = await this.runner.dataVersion();
    if (this.loaded && this.loaded.version >= version) return this.loaded.targets;
    const targets = this.read();
    this.loaded = { version, targets };
    // A failed read is not kept: the next answer asks again.
    targets.catch(() => {
      if (this.loaded?.targets === targets) this.loaded = undefined;
    });
    return targets;
  }

  /** The targets of `metric` (and of `amanah`, or every amanah's when none is given) the caller's scope may see. */
  async list(caller: Caller, args: { metric: string; amanah?: string | null }): Promise<TargetRecord[]> {
    const metric = guard(() => resolveMetric(args.metric));
    if (args.amanah && !isAmanahId(args.amanah)) throw new AnalyticsError('BAD_USER_INPUT', `Unknown amanah "${args.amanah.slice(0, 50)}"`, 'amanah');
    const scope = scopeOf(caller);
    return (await this.current()).filter(
      (t) =>
        t.metric === metric.id &&
        (args.amanah ? t.amanah === args.amanah : true) &&
        // A scoped key sees its amanahs' targets only, never the national one (as a KPI's target, analytics.service.ts).
        (!scope || (t.amanah !== undefined && scope.includes(t.amanah))),
    );
  }

  /** Sets (or changes) a target: analysts and admins, for an amanah of their scope (a scoped key: not national). */
  async set(caller: Caller, input: TargetInput): Promise<TargetRecord> {
    if (!SETTERS.has(caller.role)) throw new AnalyticsError('FORBIDDEN', 'Only analysts and admins set targets.');
    const parsed = parseAnnotationArg(targetInputSchema, input, 'input');
    const metric = guard(() => resolveMetric(parsed.metric, 'input.metric'));
    if (parsed.filters?.some((f) => f.dimension === 'amanah')) {
      throw new AnalyticsError('BAD_USER_INPUT', 'A target’s amanah is input.amanah, not a filter.', 'input.filters');
    }
    const filters = guard(() => resolveFilters(metric, parsed.filters, 'input.filters'));
    const scope = scopeOf(caller);
    if (scope && (!parsed.amanah || !scope.includes(parsed.amanah))) {
      throw new AnalyticsError('FORBIDDEN', `This key is limited to ${scope.join(', ')} and may set targets for those amanahs only.`, 'input.amanah');
    }
    const period = targetPeriod(parsed);
    const record = {
      metric: metric.id,
      ...(parsed.amanah ? { amanah: parsed.amanah } : {}),
      from: period.from,
      to: period.to,
      calendar: parsed.calendar,
      periodLabel: period.label,
      filters: filters.map((f) => ({ dimension: f.dimension, values: [...f.values].sort() })),
      value: parsed.value,
      setBy: { keyId: caller.keyId, label: caller.label },
      setAt: new Date(),
    };
    await this.stored.save(record);
    return record;
  }

  private async read(): Promise<TargetRecord[]> {
    const stored = await this.stored.all();
    const file: TargetRecord[] = this.dashboards.targets.map((t) => ({
      ...t, calendar: 'GREGORIAN', periodLabel: `${t.from}…${t.to}`, filters: [], setBy: null, setAt: null,
    }));
    return [...stored, ...file.filter((t) => !stored.some((s) => sameSlot(s, t)))];
  }
}
