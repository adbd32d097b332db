import type { Comparison, DateRange } from '@amanah/calendar';
import type { Localized } from '@amanah/metrics';
import type { FilterArgs, MetricInfo, Provenance, RangeArgs } from '../answers.js';

/**
 * What the press service takes and answers: plain objects, the same for every transport. The GraphQL types of
 * @amanah/press-graphql have these shapes field for field, and its enums these values.
 */
export type PressLanguage = 'AR' | 'EN';
export type PressPrecisionMode = 'AUTO' | 'EXACT' | 'COMPOUND' | 'THOUSAND' | 'SCALE_STEP' | 'SCALE_DECIMAL';
export type PressDigitSystem = 'LATN' | 'ARAB';
/** The calendar of the dates in sentences. */
export type PressCalendarSystem = 'GREGORY' | 'HIJRI';

/** A figure to phrase: a metric with its filters (the amanah is given separately). */
export interface PressFigureArgs {
  metric: string;
  filters?: readonly FilterArgs[] | null;
  precision?: PressPrecisionMode | null;
  title?: string | null;
}

export interface FigureRequest {
  amanah: string;
  range: RangeArgs;
  metrics?: readonly string[] | null;
  figures?: readonly PressFigureArgs[] | null;
  compare: Comparison;
  lang: PressLanguage;
  precision: PressPrecisionMode;
  digits: PressDigitSystem;
  /** Dates in sentences (default GREGORY). */
  calendar?: PressCalendarSystem | null;
}

export interface PressPhraseResult {
  text: string;
  rounded: number;
  roundedDown: boolean;
}

export interface AppliedFilter {
  dimension: string;
  values: readonly string[];
}

export interface PressFigure extends PressStanding {
  position: number;
  metric: MetricInfo;
  title: Localized;
  filters: AppliedFilter[];
  value: number | null;
  previous: number | null;
  changePct: number | null;
  range: DateRange;
  previousRange: DateRange | null;
  rounded: number | null;
  roundedDown: boolean;
  phrase: string;
  phrases: Localized;
  changePhrase: string | null;
  changePhrases: Localized | null;
  sentence: string;
  sentences: Localized;
  provenance: Provenance;
  /** Months of the range (first days) in which the amanah sent none of the metric's data. */
  missingMonths: string[];
}

/** A figure's amanah among the amanahs the caller may see: its rank, of how many, and per 100,000 residents. */
export interface PressStanding {
  rank: number | null;
  rankOf: number | null;
  perCapitaRank: number | null;
  rankSentence: string | null;
  rankSentences: Localized | null;
}

export interface Restatement {
  old: number | null;
  new: number | null;
  sentences: Localized;
  why: Localized;
  ingestBatches: number;
  ingestedRows: number;
  /** Batches of the figure's dataset and amanah withdrawn since the lock, each with its reason. */
  withdrawnBatches: WithdrawnBatch[];
}

export interface WithdrawnBatch {
  id: string;
  reason: string;
  /** ISO 8601, UTC. */
  withdrawnAt: string;
  rows: number;
}

export interface FactSheetFigure {
  position: number;
  metric: string;
  title: Localized;
  filters: AppliedFilter[];
  lockedValue: number | null;
  lockedPrevious: number | null;
  lockedChangePct: number | null;
  currentValue: number | null;
  phrases: Localized;
  changePhrases: Localized | null;
  sentences: Localized;
  provenance: Provenance;
  currentProvenance: Provenance;
  restatement: Restatement | null;
}

export interface FactSheet {
  id: string;
  title: string;
  amanah: string;
  amanahName: Localized;
  range: DateRange;
  compare: Comparison;
  precision: PressPrecisionMode;
  digits: PressDigitSystem;
  lockedAt: string;
  lockedBy: string;
  dataVersion: number;
  /** Why it was certified although data was missing; null when the period was complete. */
  incompleteOverride: string | null;
  restatedCount: number;
  figures: FactSheetFigure[];
}
