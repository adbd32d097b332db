import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { scopeOf, type Caller } from '@amanah/access';
import { todayInRiyadh } from '@amanah/calendar';
import { isAmanahId } from '@amanah/domain';
import { resolveMetric, resolveRange } from '@amanah/query';
import { AnalyticsError, guard } from '../analytics-error.js';
import { AnalyticsService, TODAY, type TodayProvider } from '../analytics.service.js';
import type { RangeArgs } from '../answers.js';
import { annotationInputSchema, baselineWeeksSchema, parseAnnotationArg, type AnnotationInput } from './annotation-input.js';
import { AnnotationStore, type AnnotationRecord } from './annotation-store.js';
import { computeLift, liftRange, liftWindow, notStarted, type Lift } from './lift.js';

/** Who may mark events: the roles of the `analysis` operation. */
const MARKERS = new Set(['analyst', 'admin']);

/**
 * Annotations on the charts and a campaign's lift, for any caller and transport. A caller sees the annotations that
 * concern an amanah of its scope (or every amanah), with `amanahs` cut to that scope; analysts and admins create
 * them within their scope; the creator or an admin deletes one. A lift's figures come from `AnalyticsService.series`
 * (daily, through the planner and its rollups, with the caller's scope), so they are the dashboard's own numbers.
 */
@Injectable()
export class AnnotationsService {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly annotations: AnnotationStore,
    @Optional() @Inject(TODAY) private readonly today: TodayProvider = () => todayInRiyadh(),
  ) {}

  /** Annotations overlapping the range, those concerning `amanah` (or every amanah) when it is given. */
  async list(caller: Caller, args: { range: RangeArgs; amanah?: string | null }): Promise<AnnotationRecord[]> {
    const range = guard(() => resolveRange(args.range, this.today()));
    if (args.amanah && !isAmanahId(args.amanah)) throw new AnalyticsError('BAD_USER_INPUT', `Unknown amanah "${args.amanah.slice(0, 50)}"`, 'amanah');
    const records = await this.annotations.find({ from: range.from, to: range.to });
    return records
      .map((record) => this.visible(caller, record))
      .filter((record): record is AnnotationRecord => record !== null)
      .filter((record) => !args.amanah || record.amanahs.length === 0 || record.amanahs.includes(args.amanah));
  }

  async create(caller: Caller, input: AnnotationInput): Promise<AnnotationRecord> {
    if (!MARKERS.has(caller.role)) throw new AnalyticsError('FORBIDDEN', 'Only analysts and admins mark events.');
    const parsed = parseAnnotationArg(annotationInputSchema, input, 'input');
    if (parsed.metric) {
      const metric = guard(() => resolveMetric(parsed.metric!, 'input.metric'));
      if (metric.aggregate.fn !== 'count' && metric.aggregate.fn !== 'sum') {
        throw new AnalyticsError('BAD_USER_INPUT', `input.metric: a campaign's lift is measured on a count or a sum, not ${metric.id}`, 'input.metric');
      }
    }
    const scope = scopeOf(caller);
    const asked = [...new Set(parsed.amanahs ?? [])];
    const outside = scope ? asked.filter((a) => !scope.includes(a)) : [];
    if (outside.length > 0) throw new AnalyticsError('FORBIDDEN', `This key is limited to other amanahs and may not mark ${outside.join(', ')}.`, 'input.amanahs');
    const record: AnnotationRecord = {
      id: randomUUID(),
      kind: parsed.kind,
      from: parsed.from,
      to: parsed.to,
      // "Every amanah" of a scoped key is its own amanahs, never more.
      amanahs: asked.length > 0 ? asked.sort() : scope ? [...scope].sort() : [],
      title: { ar: parsed.titleAr, en: parsed.titleEn },
      metric: parsed.metric ?? null,
      createdBy: { keyId: caller.keyId, label: caller.label },
      createdAt: new Date(),
    };
    await this.annotations.save(record);
    return record;
  }

  /** Deletes an annotation: its creator or an admin. */
  async delete(caller: Caller, id: string): Promise<boolean> {
    const record = await this.one(caller, id);
    if (caller.role !== 'admin' && record.createdBy.keyId !== caller.keyId) {
      throw new AnalyticsError('FORBIDDEN', 'Only the key that created an annotation, or an admin, deletes it.', 'id');
    }
    await this.annotations.save(record, true);
    return true;
  }

  /** A campaign's lift (lift.ts has the method); null for an annotation with no metric. */
  async lift(caller: Caller, id: string, baselineWeeks?: number | null): Promise<Lift | null> {
    return this.liftOf(caller, await this.one(caller, id), baselineWeeks);
  }

  /** The lift of an annotation the caller sees (as `list` answers it); K baseline weeks, 2–12, default 8. */
  async liftOf(caller: Caller, record: AnnotationRecord, baselineWeeks?: number | null): Promise<Lift | null> {
    const weeks = parseAnnotationArg(baselineWeeksSchema, baselineWeeks ?? undefined, 'baselineWeeks');
    if (!record.metric) return null;
    const window = liftWindow(record.from, record.to, this.today());
    if (!window) return notStarted(record.from, weeks);
    const series = await this.analytics.series(caller, {
      metric: record.metric,
      range: liftRange(window, weeks),
      granularity: 'DAY',
      filters: record.amanahs.length > 0 ? [{ dimension: 'amanah', values: record.amanahs }] : [],
    });
    const values = new Map(series.points.map((point) => [point.date, point.value ?? 0]));
    return computeLift(window, weeks, (date) => values.get(date) ?? 0);
  }

  private async one(caller: Caller, id: string): Promise<AnnotationRecord> {
    const [record] = await this.annotations.find({ id });
    const visible = record ? this.visible(caller, record) : null;
    if (!visible) throw new AnalyticsError('NOT_FOUND', `No annotation ${id}`, 'id');
    return visible;
  }

  /** The record as this caller may see it (amanahs cut to its scope), or null when it concerns none of them. */
  private visible(caller: Caller, record: AnnotationRecord): AnnotationRecord | null {
    const scope = scopeOf(caller);
    if (!scope || record.amanahs.length === 0) return record;
    const amanahs = record.amanahs.filter((a) => scope.includes(a));
    return amanahs.length > 0 ? { ...record, amanahs } : null;
  }
}
