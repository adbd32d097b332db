import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  AppliedFilter, Comparison, DateRange, FilterInput, LocalizedText, Metric, PressDigitSystem, PressLanguage, Provenance,
} from '@amanah/graphql-types';

/** The GraphQL shapes of press figures and certified fact sheets (the language and digit enums, which delivery shares, are in graphql-types). */

export enum PressPrecisionMode {
  AUTO = 'AUTO', EXACT = 'EXACT', COMPOUND = 'COMPOUND', THOUSAND = 'THOUSAND', SCALE_STEP = 'SCALE_STEP', SCALE_DECIMAL = 'SCALE_DECIMAL',
}

registerEnumType(PressPrecisionMode, {
  name: 'PressPrecision',
  description:
    'How much of a figure a phrase keeps. AUTO: SCALE_STEP from 100,000 up ("أكثر من 6 ملايين"), EXACT below ("1733"). ' +
    'EXACT: every digit as a numeral. COMPOUND: every digit with scale words ("14 ألفًا و470"). THOUSAND: down to the ' +
    'thousand. SCALE_STEP: the leading scale only. SCALE_DECIMAL: millions with one decimal ("1.8 مليون"). Every mode ' +
    'but EXACT and COMPOUND rounds down and then says "أكثر من" / "more than".',
});

export enum PressCalendar { GREGORY = 'GREGORY', HIJRI = 'HIJRI' }
registerEnumType(PressCalendar, {
  name: 'PressCalendar',
  description: 'The calendar of the dates in sentences: GREGORY ("1 يناير 2024"), or HIJRI, Umm al-Qura ("1 رمضان 1446 هـ").',
});

@InputType({ description: 'A figure to phrase: a metric with its filters (the amanah is given separately).' })
export class PressFigureInput {
  @Field(() => ID, { description: 'Metric id.' })
  @IsString() @MaxLength(64)
  metric!: string;

  @Field(() => [FilterInput], { nullable: true, description: 'Filters other than the amanah, e.g. platform = twitter.' })
  @IsOptional() @IsArray() @ArrayMaxSize(20)
  filters?: FilterInput[];

  @Field(() => PressPrecisionMode, { nullable: true, description: 'This figure’s precision, instead of the request’s.' })
  @IsOptional() @IsIn(Object.values(PressPrecisionMode))
  precision?: PressPrecisionMode;

  @Field({ nullable: true, description: 'A title for the figure (defaults to the metric’s label and filters).' })
  @IsOptional() @IsString() @MaxLength(200)
  title?: string;
}

@ObjectType({ description: 'A number written the way the press writes it.' })
export class PressPhraseResult {
  @Field({ description: 'The phrase: "أكثر من 6 ملايين زائر" / "more than 6 million visitors".' }) text!: string;
  @Field(() => Float, { description: 'The value the text states (floored to the precision).' }) rounded!: number;
  @Field({ description: 'True when the text says "أكثر من" / "more than".' }) roundedDown!: boolean;
}

@ObjectType({ description: 'One figure for the press: its value, its phrases and sentence, and where it came from.' })
export class PressFigure {
  @Field(() => Int, { description: 'Position in the answer, from 0.' }) position!: number;
  @Field(() => Metric, { description: 'The metric.' }) metric!: Metric;
  @Field(() => LocalizedText, { description: 'A title: the widget’s, the input’s, or the metric label with its filters.' }) title!: LocalizedText;
  @Field(() => [AppliedFilter], { description: 'Filters other than the amanah.' }) filters!: AppliedFilter[];
  @Field(() => Float, { nullable: true, description: 'The value, unrounded (null when a ratio has no rows).' }) value!: number | null;
  @Field(() => Float, { nullable: true, description: 'The value over the comparison period.' }) previous!: number | null;
  @Field(() => Float, { nullable: true, description: 'Change in percent of previous, unrounded.' }) changePct!: number | null;
  @Field(() => DateRange, { description: 'The range.' }) range!: DateRange;
  @Field(() => DateRange, { nullable: true, description: 'The comparison period.' }) previousRange!: DateRange | null;
  @Field(() => Float, { nullable: true, description: 'The value the phrase states.' }) rounded!: number | null;
  @Field({ description: 'True when the phrase says "أكثر من" / "more than".' }) roundedDown!: boolean;
  @Field({ description: 'The figure with its noun, in the requested language.' }) phrase!: string;
  @Field(() => LocalizedText, { description: 'The phrase in both languages.' }) phrases!: LocalizedText;
  @Field(() => String, { nullable: true, description: 'The change ("انخفاض بنسبة 67.87%"), in the requested language; null without a comparison.' }) changePhrase!: string | null;
  @Field(() => LocalizedText, { nullable: true, description: 'The change in both languages.' }) changePhrases!: LocalizedText | null;
  @Field({ description: 'The whole sentence, in the requested language.' }) sentence!: string;
  @Field(() => LocalizedText, { description: 'The sentence in Arabic and English.' }) sentences!: LocalizedText;
  @Field(() => Provenance, { description: 'Where the value came from: metric definition, range, filters, rollup or raw, asOf, data version.' }) provenance!: Provenance;
  @Field(() => Int, { nullable: true, description: 'The amanah’s rank by this figure among the amanahs with a value (1 = best by the metric’s direction); null without a value, and for a key limited to some amanahs.' }) rank!: number | null;
  @Field(() => Int, { nullable: true, description: 'Of how many amanahs (those with a value; fewer than all is said in the sentence: "of 5 amanahs with data").' }) rankOf!: number | null;
  @Field(() => Int, { nullable: true, description: 'Rank per 100,000 residents (GASTAT census 2022); null for shares and medians.' }) perCapitaRank!: number | null;
  @Field(() => String, { nullable: true, description: 'The rank as a sentence in the requested language: "حلّت أمانة منطقة تبوك في المرتبة الثالثة من 17 أمانة في …".' }) rankSentence!: string | null;
  @Field(() => LocalizedText, { nullable: true, description: 'The rank sentence in Arabic and English ("ranked 3rd of 17 amanahs").' }) rankSentences!: LocalizedText | null;
  @Field(() => [String], {
    description: 'Months of the range (first days) in which the amanah sent not one row of the metric’s data: a missing upload. Empty when none.',
  })
  missingMonths!: string[];
}

@ObjectType({ description: 'An ingest batch withdrawn after a sheet was certified, which changed its figure.' })
export class WithdrawnBatch {
  @Field(() => ID, { description: 'The batch id.' }) id!: string;
  @Field({ description: 'Why it was withdrawn.' }) reason!: string;
  @Field({ description: 'When, ISO 8601 UTC.' }) withdrawnAt!: string;
  @Field(() => Float, { description: 'Rows it had for the sheet’s amanah.' }) rows!: number;
}

@ObjectType({ description: 'A locked figure whose value, recomputed now, differs from the one certified.' })
export class Restatement {
  @Field(() => Float, { nullable: true, description: 'The certified value.' }) old!: number | null;
  @Field(() => Float, { nullable: true, description: 'The value recomputed now.' }) new!: number | null;
  @Field(() => LocalizedText, { description: 'The sentence with the value recomputed now.' }) sentences!: LocalizedText;
  @Field(() => LocalizedText, { description: 'Why it changed: ingest batches committed for the dataset after the lock, or that the recomputed value differs.' }) why!: LocalizedText;
  @Field(() => Int, { description: 'Ingest batches committed for the figure’s dataset since the lock.' }) ingestBatches!: number;
  @Field(() => Float, { description: 'Rows those batches inserted.' }) ingestedRows!: number;
  @Field(() => [WithdrawnBatch], { description: 'Batches of the figure’s dataset and amanah withdrawn since the lock, with their reasons.' })
  withdrawnBatches!: WithdrawnBatch[];
}

@ObjectType({ description: 'One figure of a certified sheet: as locked, and as it stands now.' })
export class FactSheetFigure {
  @Field(() => Int, { description: 'Position on the sheet, from 0.' }) position!: number;
  @Field(() => ID, { description: 'Metric id.' }) metric!: string;
  @Field(() => LocalizedText, { description: 'Title.' }) title!: LocalizedText;
  @Field(() => [AppliedFilter], { description: 'Filters other than the amanah.' }) filters!: AppliedFilter[];
  @Field(() => Float, { nullable: true, description: 'The value as locked.' }) lockedValue!: number | null;
  @Field(() => Float, { nullable: true, description: 'The comparison value as locked.' }) lockedPrevious!: number | null;
  @Field(() => Float, { nullable: true, description: 'The change in percent as locked.' }) lockedChangePct!: number | null;
  @Field(() => Float, { nullable: true, description: 'The value recomputed now, over the same range and filters.' }) currentValue!: number | null;
  @Field(() => LocalizedText, { description: 'The phrase as locked.' }) phrases!: LocalizedText;
  @Field(() => LocalizedText, { nullable: true, description: 'The change as locked.' }) changePhrases!: LocalizedText | null;
  @Field(() => LocalizedText, { description: 'The sentence as locked: what was certified.' }) sentences!: LocalizedText;
  @Field(() => Provenance, { description: 'Provenance as locked.' }) provenance!: Provenance;
  @Field(() => Provenance, { description: 'Provenance of the recomputed value.' }) currentProvenance!: Provenance;
  @Field(() => Restatement, { nullable: true, description: 'Set when the recomputed value differs from the locked one.' }) restatement!: Restatement | null;
}

@ObjectType({ description: 'A certified fact sheet: figures locked for an amanah and a period.' })
export class FactSheet {
  @Field(() => ID, { description: 'Sheet id.' }) id!: string;
  @Field({ description: 'Title given at the lock.' }) title!: string;
  @Field(() => ID, { description: 'Amanah id.' }) amanah!: string;
  @Field(() => LocalizedText, { description: 'Amanah name.' }) amanahName!: LocalizedText;
  @Field(() => DateRange, { description: 'The range, as resolved at the lock (presets become dates).' }) range!: DateRange;
  @Field(() => Comparison, { description: 'The comparison locked with the figures.' }) compare!: Comparison;
  @Field(() => PressPrecisionMode, { description: 'Precision of the phrases.' }) precision!: PressPrecisionMode;
  @Field(() => PressDigitSystem, { description: 'Digits of the phrases.' }) digits!: PressDigitSystem;
  @Field({ description: 'When it was locked (ISO 8601, UTC).' }) lockedAt!: string;
  @Field({ description: 'The label of the key or session that locked it.' }) lockedBy!: string;
  @Field(() => Int, { description: 'The data version at the lock.' }) dataVersion!: number;
  @Field(() => String, { nullable: true, description: 'Why it was certified although data was missing (overrideIncomplete); null when complete.' })
  incompleteOverride!: string | null;
  @Field(() => Int, { description: 'Number of figures restated since the lock.' }) restatedCount!: number;
  @Field(() => [FactSheetFigure], { description: 'The figures, in order.' }) figures!: FactSheetFigure[];
}
