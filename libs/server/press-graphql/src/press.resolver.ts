import { Args, Context, Float, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccessOperation, AuditLog, callerOf } from '@amanah/access';
import {
  PressService, type FactSheet as FactSheetAnswer, type FigureRequest, type PressFigure as PressFigureAnswer,
  type PressPhraseResult as PressPhraseResultAnswer,
} from '@amanah/analytics';
import { Comparison, DateRangeInput, PressDigitSystem, PressLanguage } from '@amanah/graphql-types';
import { FactSheet, PressCalendar, PressFigure, PressFigureInput, PressPhraseResult, PressPrecisionMode } from './press-types.js';

const langArg = { type: () => PressLanguage, defaultValue: PressLanguage.AR, description: 'Language of phrase, changePhrase and sentence.' } as const;
const precisionArg = { type: () => PressPrecisionMode, defaultValue: PressPrecisionMode.AUTO, description: 'How much of each figure the phrase keeps.' } as const;
const digitsArg = { type: () => PressDigitSystem, defaultValue: PressDigitSystem.LATN, description: 'Digits of figures and dates.' } as const;
const amanahArg = { type: () => ID, description: 'Amanah id.' } as const;
const rangeArg = { type: () => DateRangeInput, description: 'The days to compute over.' } as const;
const metricsArg = { type: () => [ID], nullable: true, description: 'Metric ids, each without filters.' } as const;
const figuresArg = { type: () => [PressFigureInput], nullable: true, description: 'Figures with filters. Without metrics or figures: the press dashboard’s KPI figures.' } as const;
const calendarArg = { type: () => PressCalendar, defaultValue: PressCalendar.GREGORY, description: 'Calendar of the dates in sentences.' } as const;
const compareArg = { type: () => Comparison, defaultValue: Comparison.NONE, description: 'Add the change against this period to each sentence.' } as const;

/**
 * Press phrases, figures with sentences and provenance, and certified fact sheets: the `press` operation. Arguments
 * in, PressService (@amanah/analytics), answers out; its AnalyticsErrors answered as `errorAnswer` (@amanah/analytics) says.
 */
@AccessOperation('press')
@Resolver()
export class PressResolver {
  constructor(
    private readonly press: PressService,
    private readonly audit: AuditLog,
  ) {}

  @Query(() => PressPhraseResult, { description: 'A number written the way the press writes it, with the metric’s counted noun.' })
  pressPhrase(
    @Args('value', { type: () => Float, description: 'The number (≥ 0; a percentage for a percent metric).' }) value: number,
    @Args('lang', langArg) lang: PressLanguage,
    @Args('precision', precisionArg) precision: PressPrecisionMode,
    @Args('digits', digitsArg) digits: PressDigitSystem,
    @Args('metric', { type: () => ID, nullable: true, description: 'A metric id: its counted noun follows the number.' }) metric: string | null,
  ): PressPhraseResultAnswer {
    return this.press.phrase(value, lang, precision, digits, metric);
  }

  @Query(() => [PressFigure], { description: 'Figures of one amanah over a range, each with its press phrase, sentence (Arabic and English) and provenance.' })
  pressFigures(
    @Args('amanah', amanahArg) amanah: string,
    @Args('range', rangeArg) range: DateRangeInput,
    @Args('metrics', metricsArg) metrics: string[] | null,
    @Args('figures', figuresArg) figures: PressFigureInput[] | null,
    @Args('compare', compareArg) compare: Comparison,
    @Args('lang', langArg) lang: PressLanguage,
    @Args('precision', precisionArg) precision: PressPrecisionMode,
    @Args('digits', digitsArg) digits: PressDigitSystem,
    @Args('calendar', calendarArg) calendar: PressCalendar,
    @Context('req') req: unknown,
  ): Promise<PressFigureAnswer[]> {
    const request: FigureRequest = { amanah, range, metrics, figures, compare, lang, precision, digits, calendar };
    return this.press.figures(request, callerOf(req));
  }

  @Query(() => [FactSheet], { description: 'Certified fact sheets, newest first, each figure recomputed now (restatements shown).' })
  factSheets(
    @Args('amanah', { type: () => ID, nullable: true, description: 'Only this amanah’s sheets.' }) amanah: string | null,
    @Context('req') req: unknown,
  ): Promise<FactSheetAnswer[]> {
    return this.press.list(amanah, callerOf(req));
  }

  @Query(() => FactSheet, { nullable: true, description: 'One certified fact sheet (null when unknown or outside the caller’s amanahs).' })
  async factSheet(
    @Args('id', { type: () => ID, description: 'Sheet id.' }) id: string,
    @Context('req') req: unknown,
  ): Promise<FactSheetAnswer | null> {
    const caller = callerOf(req);
    const sheet = await this.press.find(id, caller);
    // A sheet that is not there (or not the caller's to see) was not read.
    if (sheet) this.audit.record({ actor: caller, action: 'fact_sheet_read', objectType: 'fact_sheet', objectId: id, outcome: 'ok', detail: sheet.amanah });
    return sheet;
  }

  @Mutation(() => FactSheet, { description: 'Locks figures into a certified fact sheet: their values, phrases, sentences and provenance are stored as they are now.' })
  async lockFactSheet(
    @Args('title', { description: 'What the sheet is for, e.g. the press release it backs.' }) title: string,
    @Args('amanah', amanahArg) amanah: string,
    @Args('range', rangeArg) range: DateRangeInput,
    @Args('metrics', metricsArg) metrics: string[] | null,
    @Args('figures', figuresArg) figures: PressFigureInput[] | null,
    @Args('compare', compareArg) compare: Comparison,
    @Args('precision', precisionArg) precision: PressPrecisionMode,
    @Args('digits', digitsArg) digits: PressDigitSystem,
    @Args('overrideIncomplete', {
      type: () => String, nullable: true,
      description: 'Required when data is missing in the period (see PressFigure.missingMonths): why the sheet is certified anyway; recorded.',
    })
    overrideIncomplete: string | null,
    @Context('req') req: unknown,
  ): Promise<FactSheetAnswer> {
    const request: FigureRequest = { amanah, range, metrics, figures, compare, lang: PressLanguage.AR, precision, digits };
    const caller = callerOf(req);
    const sheet = await this.press.lock(title, request, caller, overrideIncomplete);
    this.audit.record({
      actor: caller, action: 'fact_sheet_certified', objectType: 'fact_sheet', objectId: sheet.id, outcome: 'ok',
      detail: `${amanah}: ${title}${overrideIncomplete ? ` (incomplete data, override: ${overrideIncomplete})` : ''}`,
    });
    return sheet;
  }
}
