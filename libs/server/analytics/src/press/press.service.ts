import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { scopeOf, type Caller } from '@amanah/access';
import type { Comparison } from '@amanah/calendar';
import { AMANAH_IDS, AMANAHS, checkHumanLabel, isAmanahId, type Amanah } from '@amanah/domain';
import { memberLabel, type DimensionId, type Localized, type MetricDefinition } from '@amanah/metrics';
import { metricNoun, pressPercent, pressPhrase, pressRank, type PressDigits, type PressLang } from '@amanah/press';
import { QueryInputError, resolveFilters, resolveMetric } from '@amanah/query';
import { AnalyticsError, badInput, guard } from '../analytics-error.js';
import { AnalyticsService } from '../analytics.service.js';
import { toMetric, type Kpi } from '../answers.js';
import { DashboardRegistry } from '../dashboard-registry.js';
import { FactSheetStore, type LockedFigure, type LockedSheet } from './fact-sheet-store.js';
import type {
  FactSheet, FactSheetFigure, FigureRequest, PressCalendarSystem, PressDigitSystem, PressStanding, PressFigure, PressLanguage, PressPhraseResult, PressPrecisionMode,
} from './press-answers.js';
import { precisionFor, pressSentences, type SentencePrecision } from './sentences.js';

export const FACT_SHEET_STORE = Symbol('FactSheetStore');

/** The dashboard whose KPI widgets are the default figures of `pressFigures`. */
export const PRESS_DASHBOARD_ID = 'press';
const MAX_FIGURES = 40;

interface FigureSpec {
  metric: MetricDefinition;
  filters: Array<{ dimension: string; values: string[] }>;
  precision: PressPrecisionMode;
  title: Localized;
}

/**
 * Press figures: every value comes from AnalyticsService.kpi (the same path as the `kpi` query, so the same
 * planner, cache and provenance); this service only chooses the figures, checks the amanah against the caller's
 * scope, and writes the phrases and sentences. Certified sheets store what it answered. No transport: bad
 * arguments are AnalyticsErrors (BAD_USER_INPUT, FORBIDDEN), mapped by each adapter.
 */
@Injectable()
export class PressService {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly dashboards: DashboardRegistry,
    @Inject(FACT_SHEET_STORE) private readonly sheets: FactSheetStore,
  ) {}

  phrase(value: number, lang: PressLanguage, precision: PressPrecisionMode, digits: PressDigitSystem, metricId: string | null): PressPhraseResult {
    const metric = metricId ? guard(() => resolveMetric(metricId, 'metric')) : undefined;
    if (!Number.isFinite(value) || value < 0) {
      throw badInput(new QueryInputError('value', `value must be a finite number ≥ 0, got ${value} (a fall is phrased as a change, not a negative count)`));
    }
    const language = langOf(lang);
    const digitSystem = digitsOf(digits);
    if (metric?.unit === 'percent') {
      return { text: pressPercent(value, language, { digits: digitSystem }), rounded: Math.round(value * 100) / 100, roundedDown: false };
    }
    if (!Number.isSafeInteger(Math.floor(value))) throw badInput(new QueryInputError('value', `value is too large to phrase: ${value}`));
    const result = pressPhrase(value, {
      lang: language,
      precision: precisionFor(value, sentencePrecisionOf(precision)),
      digits: digitSystem,
      noun: metric ? metricNoun(metric.id) : undefined,
    });
    return { text: result.text, rounded: result.rounded, roundedDown: result.roundedDown };
  }

  async figures(request: FigureRequest, caller: Caller): Promise<PressFigure[]> {
    const amanah = this.amanahFor(request.amanah, caller);
    const specs = this.specsOf(request);
    return Promise.all(specs.map((spec, position) => this.figure(spec, position, amanah, request, caller)));
  }

  /**
   * Certifies the figures. A figure over a period with missing data (see PressFigure.missingMonths) is certified only
   * with `overrideIncomplete`, the recorded reason.
   */
  async lock(title: string, request: FigureRequest, caller: Caller, overrideIncomplete?: string | null): Promise<FactSheet> {
    // A certified sheet's title is published and listed: a human label (no control or bidi-override characters).
    const trimmed = humanLabel('title', title);
    const override = overrideIncomplete ? humanLabel('overrideIncomplete', overrideIncomplete) : '';
    const figures = await this.figures(request, caller);
    const incomplete = figures.filter((figure) => figure.missingMonths.length > 0);
    if (incomplete.length > 0 && !override) {
      const list = incomplete.map((f) => `${f.metric.id}: ${f.missingMonths.slice(0, 5).join(', ')}${f.missingMonths.length > 5 ? ` and ${f.missingMonths.length - 5} more` : ''}`);
      throw badInput(new QueryInputError('overrideIncomplete',
        `data is missing for ${request.amanah} in the period (${list.join('; ')}): certify anyway only with overrideIncomplete, the reason`));
    }
    const first = figures[0]!;
    const sheet: LockedSheet = {
      id: randomUUID(),
      title: trimmed,
      amanah: request.amanah,
      range: { from: first.range.from, to: first.range.to },
      compare: request.compare,
      precision: request.precision,
      digits: request.digits,
      lockedAt: new Date().toISOString(),
      lockedByKeyId: caller.keyId,
      lockedByLabel: caller.label,
      dataVersion: Math.max(...figures.map((f) => f.provenance.dataVersion)),
      incompleteOverride: incomplete.length > 0 ? override : '',
    };
    const locked: LockedFigure[] = figures.map((figure) => ({
      position: figure.position,
      metric: figure.metric.id,
      dataset: figure.metric.dataset,
      title: figure.title,
      filters: figure.filters.map((f) => ({ dimension: f.dimension, values: [...f.values] })),
      value: figure.value,
      previous: figure.previous,
      changePct: figure.changePct,
      previousRange: figure.previousRange,
      phrase: figure.phrases,
      changePhrase: figure.changePhrases,
      sentence: figure.sentences,
      provenance: figure.provenance,
    }));
    await this.sheets.save(sheet, locked);
    return this.present(sheet, locked, caller);
  }

  async list(amanah: string | null | undefined, caller: Caller): Promise<FactSheet[]> {
    if (amanah) this.amanahFor(amanah, caller);
    const visible = amanah ? [amanah] : scopeOf(caller);
    const sheets = await this.sheets.list(visible);
    const figures = await this.sheets.figures(sheets.map((s) => s.id));
    return Promise.all(sheets.map((sheet) => this.present(sheet, figures.get(sheet.id) ?? [], caller)));
  }

  /** A sheet of an amanah outside the caller's scope answers null, like one that does not exist. */
  async find(id: string, caller: Caller): Promise<FactSheet | null> {
    const sheet = await this.sheets.find(id);
    const scope = scopeOf(caller);
    if (!sheet || (scope && !scope.includes(sheet.amanah))) return null;
    const figures = await this.sheets.figures([sheet.id]);
    return this.present(sheet, figures.get(sheet.id) ?? [], caller);
  }

  private amanahFor(id: string, caller: Caller): Amanah {
    if (!isAmanahId(id)) {
      throw badInput(new QueryInputError('amanah', `Unknown amanah "${id}". Allowed: ${AMANAH_IDS.join(', ')}`, AMANAH_IDS));
    }
    const scope = scopeOf(caller);
    if (scope && !scope.includes(id)) {
      throw new AnalyticsError('FORBIDDEN', `This key is limited to other amanahs and may not see ${id}.`, 'amanah');
    }
    return AMANAHS.find((a) => a.id === id)!;
  }

  /** `metrics` and `figures` together, in that order; neither → the press dashboard's KPI widgets. */
  private specsOf(request: FigureRequest): FigureSpec[] {
    const asked = (request.metrics?.length ?? 0) + (request.figures?.length ?? 0);
    if (asked > MAX_FIGURES) throw badInput(new QueryInputError('figures', `at most ${MAX_FIGURES} figures at once, got ${asked}`));
    if (asked === 0) return this.defaultSpecs(request.precision);
    const fromMetrics = (request.metrics ?? []).map((id, i) => {
      const metric = guard(() => resolveMetric(id, `metrics[${i}]`));
      return { metric, filters: [], precision: request.precision, title: metric.label };
    });
    const fromFigures = (request.figures ?? []).map((input, i) => {
      const at = `figures[${i}]`;
      const metric = guard(() => resolveMetric(input.metric, `${at}.metric`));
      const filters = (input.filters ?? []).map((f) => ({ dimension: f.dimension, values: [...f.values] }));
      if (filters.some((f) => f.dimension === 'amanah')) {
        throw badInput(new QueryInputError(`${at}.filters`, `${at}.filters may not filter by amanah: the amanah is the \`amanah\` argument`));
      }
      guard(() => resolveFilters(metric, filters, `${at}.filters`));
      return {
        metric,
        filters,
        precision: input.precision ?? request.precision,
        title: input.title ? bothLanguages(humanLabel(`${at}.title`, input.title)) : titleOf(metric, filters),
      };
    });
    return [...fromMetrics, ...fromFigures];
  }

  private defaultSpecs(precision: PressPrecisionMode): FigureSpec[] {
    const dashboard = this.dashboards.find(PRESS_DASHBOARD_ID);
    if (!dashboard) throw badInput(new QueryInputError('metrics', `give metrics or figures: there is no "${PRESS_DASHBOARD_ID}" dashboard to take them from`));
    return dashboard.widgets
      .filter((widget) => widget.type === 'kpi')
      .map((widget) => {
        const metric = resolveMetric(widget.metric);
        const filters = widget.filters.map((f) => ({ dimension: f.dimension, values: [...f.values] }));
        return { metric, filters, precision, title: widget.title ?? titleOf(metric, filters) };
      });
  }

  private async figure(spec: FigureSpec, position: number, amanah: Amanah, request: FigureRequest, caller: Caller): Promise<PressFigure> {
    const kpi = await this.analytics.kpi(caller, {
      metric: spec.metric.id,
      range: request.range,
      filters: [...spec.filters, { dimension: 'amanah', values: [amanah.id] }],
      compare: request.compare,
    });
    const [missingMonths, standing] = await Promise.all([
      this.sheets.missingMonths(spec.metric.dataset, amanah.id, kpi.range),
      this.standing(spec, amanah, request, caller),
    ]);
    return { ...this.shape(spec, position, amanah, kpi, request.compare, request.lang, request.digits, request.calendar), missingMonths, ...standing };
  }

  /**
   * The amanah's place among all amanahs, by the figure's value and per 100,000 residents, as a sentence: "حلّت أمانة
   * منطقة تبوك في المرتبة الثالثة من 17 أمانة في …". When some amanahs have no value the sentence says so ("of 5
   * amanahs with data"). None when the amanah has no value, or for a caller limited to some amanahs: a rank among
   * the amanahs a key may see ("1st of 1") is not a standing the press can quote.
   */
  private async standing(spec: FigureSpec, amanah: Amanah, request: FigureRequest, caller: Caller): Promise<PressStanding> {
    const none = { rank: null, rankOf: null, perCapitaRank: null, rankSentence: null, rankSentences: null };
    const scope = scopeOf(caller);
    if (scope && !AMANAH_IDS.every((id) => scope.includes(id))) return none;
    const ranking = await this.analytics.ranking(caller, { metric: spec.metric.id, range: request.range, filters: spec.filters, compare: 'NONE' });
    const item = ranking.items.find((i) => i.amanah === amanah.id);
    if (!item) return none;
    const digits = digitsOf(request.digits);
    const of = ranking.items.length;
    const perCapitaOf = ranking.items.filter((i) => i.perCapitaRank !== null).length;
    // A per-capita rank is quoted only when every residents figure behind it is checked (population.ts).
    const perCapitaRank = ranking.items.every((i) => i.perCapitaRank === null || i.populationVerified) ? item.perCapitaRank : null;
    const among = (n: number) => (n === AMANAH_IDS.length ? 'all' : 'with-data');
    const perCapita = (lang: PressLang) => (perCapitaRank === null ? '' : lang === 'ar'
      ? `، و${pressRank(perCapitaRank, perCapitaOf, 'ar', digits, among(perCapitaOf))} لكل 100 ألف نسمة`
      : `, and ${pressRank(perCapitaRank, perCapitaOf, 'en', digits, among(perCapitaOf))} per 100,000 residents`);
    const rankSentences = {
      ar: `حلّت ${amanah.nameAr} ${pressRank(item.rank, of, 'ar', digits, among(of))} في ${spec.title.ar}${perCapita('ar')}`,
      en: `${amanah.nameEn} ${pressRank(item.rank, of, 'en', digits, among(of))} on ${spec.title.en}${perCapita('en')}`,
    };
    return { rank: item.rank, rankOf: of, perCapitaRank, rankSentence: rankSentences[langOf(request.lang)], rankSentences };
  }

  private shape(
    spec: FigureSpec, position: number, amanah: Amanah, kpi: Kpi, compare: Comparison, lang: PressLanguage, digits: PressDigitSystem,
    calendar?: PressCalendarSystem | null,
  ): Omit<PressFigure, 'missingMonths' | keyof PressStanding> {
    const comparison =
      compare !== 'NONE' && kpi.previousRange
        ? { compare, previousRange: kpi.previousRange, changePct: kpi.changePct }
        : null;
    const text = pressSentences({
      metric: spec.metric,
      amanah,
      filters: spec.filters,
      range: kpi.range,
      value: kpi.value,
      comparison,
      precision: sentencePrecisionOf(spec.precision),
      digits: digitsOf(digits),
      calendar: calendar === 'HIJRI' ? 'hijri' : 'gregory',
    });
    const language = langOf(lang);
    return {
      position,
      metric: toMetric(spec.metric),
      title: spec.title,
      filters: spec.filters,
      value: kpi.value,
      previous: comparison ? kpi.previous : null,
      changePct: comparison ? kpi.changePct : null,
      range: kpi.range,
      previousRange: comparison ? kpi.previousRange : null,
      rounded: text.rounded,
      roundedDown: text.roundedDown,
      phrase: text.phrase[language],
      phrases: text.phrase,
      changePhrase: text.changePhrase?.[language] ?? null,
      changePhrases: text.changePhrase,
      sentence: text.sentence[language],
      sentences: text.sentence,
      provenance: kpi.provenance,
    };
  }

  /** A locked sheet with each figure recomputed now; a different value is shown as a restatement. */
  private async present(sheet: LockedSheet, locked: readonly LockedFigure[], caller: Caller): Promise<FactSheet> {
    const amanah = AMANAHS.find((a) => a.id === sheet.amanah)!;
    const compare = sheet.compare as Comparison;
    const figures = await Promise.all(
      locked.map(async (figure): Promise<FactSheetFigure> => {
        const spec: FigureSpec = {
          metric: resolveMetric(figure.metric),
          filters: figure.filters,
          precision: sheet.precision as PressPrecisionMode,
          title: figure.title,
        };
        const kpi = await this.analytics.kpi(caller, {
          metric: figure.metric,
          range: sheet.range,
          filters: [...figure.filters, { dimension: 'amanah', values: [sheet.amanah] }],
          compare,
        });
        const current = this.shape(spec, figure.position, amanah, kpi, compare, 'AR', sheet.digits as PressDigitSystem);
        const restated = differs(figure.value, current.value);
        return {
          position: figure.position,
          metric: figure.metric,
          title: figure.title,
          filters: figure.filters,
          lockedValue: figure.value,
          lockedPrevious: figure.previous,
          lockedChangePct: figure.changePct,
          currentValue: current.value,
          phrases: figure.phrase,
          changePhrases: figure.changePhrase,
          sentences: figure.sentence,
          provenance: figure.provenance as FactSheetFigure['provenance'],
          currentProvenance: current.provenance,
          restatement: restated ? await this.restatement(sheet, figure, current) : null,
        };
      }),
    );
    return {
      id: sheet.id,
      title: sheet.title,
      amanah: sheet.amanah,
      amanahName: { ar: amanah.nameAr, en: amanah.nameEn },
      range: sheet.range,
      compare,
      precision: sheet.precision as PressPrecisionMode,
      digits: sheet.digits as PressDigitSystem,
      lockedAt: sheet.lockedAt,
      lockedBy: sheet.lockedByLabel,
      dataVersion: sheet.dataVersion,
      incompleteOverride: sheet.incompleteOverride || null,
      restatedCount: figures.filter((f) => f.restatement).length,
      figures,
    };
  }

  private async restatement(sheet: LockedSheet, figure: LockedFigure, current: Omit<PressFigure, 'missingMonths' | keyof PressStanding>): Promise<FactSheetFigure['restatement']> {
    const ingest = await this.sheets.ingestSince(figure.dataset, sheet.amanah, sheet.lockedAt);
    const withdrawnBatches = await this.sheets.withdrawalsSince(figure.dataset, sheet.amanah, sheet.lockedAt);
    const why =
      withdrawnBatches.length > 0
        ? {
            ar: `سُحبت بعد الاعتماد دفعات بيانات من ${figure.dataset}: ${withdrawnBatches.map((b) => `${b.id} (${b.reason})`).join('؛ ')}`,
            en: `Ingest batch${withdrawnBatches.length === 1 ? '' : 'es'} of ${figure.dataset} withdrawn after the lock: ` +
              withdrawnBatches.map((b) => `${b.id} (${b.reason})`).join('; '),
          }
        : ingest.batches > 0
        ? {
            ar: `عدد دفعات البيانات المضافة إلى ${figure.dataset} بعد الاعتماد: ${ingest.batches}، بإجمالي ${ingest.rows} سجل، آخرها في ${ingest.lastAt} بتوقيت الرياض`,
            en: `${ingest.batches} ingest batch${ingest.batches === 1 ? '' : 'es'} committed to ${figure.dataset} after the lock ` +
              `(${ingest.rows} row${ingest.rows === 1 ? '' : 's'}, the last at ${ingest.lastAt} Riyadh time)`,
          }
        : {
            ar: `القيمة المعاد حسابها تختلف عن القيمة المعتمدة، ولم تُسجَّل دفعات بيانات مضافة إلى ${figure.dataset} بعد الاعتماد`,
            en: `The recomputed value differs from the certified one; no ingest batch was recorded for ${figure.dataset} after the lock`,
          };
    return {
      old: figure.value, new: current.value, sentences: current.sentences, why, ingestBatches: ingest.batches, ingestedRows: ingest.rows, withdrawnBatches,
    };
  }
}

/** Values stored as Float64 come back as the same double; a tolerance only absorbs ratios' last-bit noise. */
function differs(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a !== b;
  return Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a));
}

/** The trimmed text, or BAD_USER_INPUT naming the argument (see checkHumanLabel in @amanah/domain). */
function humanLabel(argument: string, value: string): string {
  const checked = checkHumanLabel(argument, value);
  if (!checked.ok) throw badInput(new QueryInputError(argument, checked.message));
  return checked.value;
}

function bothLanguages(text: string): Localized {
  return { ar: text, en: text };
}

function titleOf(metric: MetricDefinition, filters: ReadonlyArray<{ dimension: string; values: readonly string[] }>): Localized {
  if (filters.length === 0) return metric.label;
  const members = (lang: PressLang) =>
    filters.flatMap((f) => f.values.map((v) => memberLabel(f.dimension as DimensionId, v)[lang])).join(lang === 'ar' ? '، ' : ', ');
  return { ar: `${metric.label.ar} (${members('ar')})`, en: `${metric.label.en} (${members('en')})` };
}

const langOf = (lang: PressLanguage): PressLang => (lang === 'EN' ? 'en' : 'ar');
const digitsOf = (digits: PressDigitSystem): PressDigits => (digits === 'ARAB' ? 'arab' : 'latn');

function sentencePrecisionOf(precision: PressPrecisionMode): SentencePrecision {
  return precision.toLowerCase() as SentencePrecision;
}
