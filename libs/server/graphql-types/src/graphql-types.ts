import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate, RANGE_PRESETS } from '@amanah/calendar';
import { AUDIENCES, TREND_CHARTS, WIDGET_TYPES } from '@amanah/dashboards';
import { COMPARISONS, DATASET_NAMES, GRANULARITIES, type DatasetName, type Comparison as ComparisonValue, type Granularity as GranularityValue } from '@amanah/domain';
import { DIRECTIONS, UNITS, type Direction, type Unit } from '@amanah/metrics';

/**
 * The GraphQL surface of the public contract (contract.md, "GraphQL"), code-first. Every enum is registered here
 * once; every field has a description. Input classes carry class-validator decorators for the API's global
 * ValidationPipe (which does not whitelist: see apps/api/src/app/app.module.ts); the query lib validates meaning.
 */

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date in Asia/Riyadh, written YYYY-MM-DD.',
  serialize: (value) => String(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDate(ast.value) : parseDate(undefined)),
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be a real calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

// Every closed list is a GraphQL enum whose values are the strings of the list's one owner (@amanah/domain,
// @amanah/metrics, @amanah/dashboards, @amanah/calendar): the strings the API always answered ("count", "kpi", "raw").
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const Comparison = enumOf(COMPARISONS);
export type Comparison = ComparisonValue;
export const Granularity = enumOf(GRANULARITIES);
export type Granularity = GranularityValue;
export const RangePreset = enumOf(RANGE_PRESETS);

registerEnumType(Comparison, {
  name: 'Comparison',
  description: 'What a value is compared with: nothing, the period of the same length just before (in months for whole months, else in days), the same period a year earlier (a Hijri year for Hijri presets), or the same Hijri dates one Hijri year earlier (SAME_PERIOD_LAST_HIJRI_YEAR; a season preset: the same season).',
});
registerEnumType(Granularity, {
  name: 'Granularity',
  description: 'Bucket size of a series. Weeks start on Sunday; HIJRI_* are Umm al-Qura months, quarters (months 1–3, 4–6, 7–9, 10–12) and years. A bucket is dated by its first Gregorian day.',
});
registerEnumType(RangePreset, {
  name: 'RangePreset',
  description: 'Named ranges, resolved against today in Asia/Riyadh; periods that have not ended stop at today. Seasons (the latest begun, or DateRangeInput.hijriYear\'s): ramadan (the month), hajj_season (1–13 Dhu al-Hijjah), eid_al_fitr (the official four-day holiday after 29 Ramadan), eid_al_adha (the official four days from the Day of Arafah, 9–12 Dhu al-Hijjah).',
});
export const MetricUnit = enumOf(UNITS);
export const MetricDirection = enumOf(DIRECTIONS);
export const ProvenanceSource = enumOf(['rollup', 'raw'] as const);
registerEnumType(MetricUnit, { name: 'Unit', description: 'What a metric’s value counts: count, percent, hours or sar (Saudi riyals).' });
registerEnumType(MetricDirection, { name: 'Direction', description: 'Which way a change is an improvement.' });
registerEnumType(ProvenanceSource, {
  name: 'ProvenanceSource',
  description: 'rollup: a daily rollup table answered exactly; raw: the event rows.',
});
export const Dataset = enumOf(DATASET_NAMES);
registerEnumType(Dataset, { name: 'Dataset', description: 'An event dataset: a table of the store, and what ingest accepts at /api/ingest/<dataset>.' });
export const WidgetType = enumOf(WIDGET_TYPES);
export const TrendChart = enumOf(TREND_CHARTS);
export const Audience = enumOf(AUDIENCES);
registerEnumType(WidgetType, { name: 'WidgetType', description: 'What a widget shows: kpi, trend, bar, donut, ranking or heatmap.' });
registerEnumType(TrendChart, { name: 'TrendChart', description: 'How a trend is drawn: line or area.' });
registerEnumType(Audience, { name: 'Audience', description: 'Who a dashboard is for: decision_makers, it or press.' });

@InputType({ description: 'A range of days, both ends included: from/to, or a preset.' })
export class DateRangeInput {
  @Field(() => DateScalar, { nullable: true, description: 'First day, included.' })
  @IsOptional() @IsString()
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day, included.' })
  @IsOptional() @IsString()
  to?: string;

  @Field(() => RangePreset, { nullable: true, description: 'A named range instead of from/to.' })
  @IsOptional() @IsIn(RANGE_PRESETS)
  preset?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'With a season preset (ramadan, hajj_season, eid_al_fitr, eid_al_adha): the Hijri year whose season is meant (default: the latest begun).',
  })
  @IsOptional() @IsInt()
  hijriYear?: number;
}

@InputType({ description: 'Keep only rows whose dimension has one of the values.' })
export class FilterInput {
  @Field(() => ID, { description: 'A dimension id the metric allows (see Metric.dimensions).' })
  @IsString() @MaxLength(64)
  dimension!: string;

  @Field(() => [String], { description: 'Values of that dimension, e.g. amanah ids.' })
  @IsArray() @ArrayMaxSize(1000) @IsString({ each: true })
  values!: string[];
}

@ObjectType({ description: 'A text in Arabic and English.' })
export class LocalizedText {
  @Field({ description: 'Arabic.' }) ar!: string;
  @Field({ description: 'English.' }) en!: string;
}

@ObjectType({ description: 'A range of days, both ends included.' })
export class DateRange {
  @Field(() => DateScalar, { description: 'First day.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day.' }) to!: string;
}

@ObjectType({ description: 'A filter as applied.' })
export class AppliedFilter {
  @Field(() => ID, { description: 'Dimension id.' }) dimension!: string;
  @Field(() => [String], { description: 'Values kept.' }) values!: readonly string[];
}

@ObjectType({ description: 'A metric of the catalogue.' })
export class Metric {
  @Field(() => ID, { description: 'Stable id, e.g. portal.visits.' }) id!: string;
  @Field(() => LocalizedText, { description: 'Display name.' }) label!: LocalizedText;
  @Field(() => LocalizedText, { description: 'What it measures over a range.' }) description!: LocalizedText;
  @Field(() => MetricUnit, { description: 'count, percent, hours or sar.' }) unit!: Unit;
  @Field(() => MetricDirection, { description: 'up_is_good or down_is_good: which way a change is an improvement.' }) direction!: Direction;
  @Field(() => [ID], { description: 'Dimensions a filter or breakdown may use.' }) dimensions!: string[];
  @Field(() => Granularity, { description: 'Granularity a trend of this metric uses by default.' }) defaultGranularity!: Granularity;
  @Field(() => Int, { description: 'Fraction digits to display.' }) decimals!: number;
  @Field(() => Dataset, { description: 'The event dataset it is computed from.' }) dataset!: DatasetName;
  @Field({ description: 'How it is computed, in words (the formula): the same text as Provenance.definition.' }) definition!: string;
  @Field(() => LocalizedText, { nullable: true, description: 'The counted noun in press sentences.' }) noun?: LocalizedText;
}

@ObjectType({ description: 'Where a number came from: enough to recompute it.' })
export class Provenance {
  @Field(() => ID, { description: 'Metric id.' }) metric!: string;
  @Field({ description: 'The metric definition in words.' }) definition!: string;
  @Field(() => ProvenanceSource, { description: '"rollup" (a daily rollup table answered exactly) or "raw" (event rows).' }) source!: 'rollup' | 'raw';
  @Field({ description: 'The table read.' }) table!: string;
  @Field({ description: 'False only for approximate answers (a distinct-count sketch, a duration histogram).' }) exact!: boolean;
  @Field(() => Float, { nullable: true, description: 'Relative error bound in percent of an approximate answer (shown as ≈); null when exact.' }) relativeErrorPct!: number | null;
  @Field(() => DateRange, { description: 'The range computed.' }) range!: DateRange;
  @Field(() => [AppliedFilter], { description: 'Filters applied, the caller’s scope included.' }) filters!: AppliedFilter[];
  @Field(() => String, { nullable: true, description: 'Time of the newest event counted (Asia/Riyadh).' }) asOf!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'ISO 8601 (UTC): the last upload (a committed batch or its withdrawal; the demo seeding) with rows of the answer’s dataset and amanahs and events in its days; an upload of old-dated events moves it, not asOf. Null when none is known.',
  }) lastUploadAt!: string | null;
  @Field(() => Int, { description: 'Data version the answer was computed at: how many changes of the data (ingest commits, seedings, withdrawals) the store has recorded.' }) dataVersion!: number;
}

@ObjectType({ description: 'A target for a metric over a period, prorated to the range for counts.' })
export class KpiTarget {
  @Field(() => Float, { description: 'The target for this range.' }) value!: number;
  @Field(() => Float, { nullable: true, description: 'Attainment in percent (100 = on target), by the metric’s direction.' }) attainmentPct!: number | null;
  @Field(() => DateRange, { description: 'The period the target was set for.' }) period!: DateRange;
  @Field(() => DateRange, { description: 'The days compared: the range’s days inside the period, so a range reaching past it is not inflated.' }) compared!: DateRange;
}

@ObjectType({ description: 'One amanah’s missing data in an answer: the periods of its range without one row.' })
export class AmanahMissingData {
  @Field(() => ID, { description: 'Amanah id.' }) amanah!: string;
  @Field(() => Int, { description: 'How many periods (days, or months for level data) have no row.' }) count!: number;
  @Field(() => [DateRange], { description: 'The missing periods as runs of consecutive periods, oldest first.' }) spans!: DateRange[];
}

@ObjectType({ description: 'Missing data in an answer: amanahs it covers that sent no row for some periods of its range (at the dataset’s expected cadence; only periods ended before today).' })
export class MissingData {
  @Field({ description: 'DAILY (event data) or MONTHLY (levels): the dataset’s expected cadence, the periods counted.' }) cadence!: string;
  @Field(() => [AmanahMissingData], { description: 'The amanahs with missing periods.' }) amanahs!: AmanahMissingData[];
}

@ObjectType({ description: 'A KPI: one value over a range, compared with another period.' })
export class Kpi {
  @Field(() => Metric, { description: 'The metric.' }) metric!: Metric;
  @Field(() => Float, { nullable: true, description: 'Value over the range (null when a ratio has no rows).' }) value!: number | null;
  @Field(() => Float, { nullable: true, description: 'Value over the comparison period.' }) previous!: number | null;
  @Field(() => Float, { nullable: true, description: 'value − previous.' }) change!: number | null;
  @Field(() => Float, { nullable: true, description: 'Change in percent of previous, unrounded.' }) changePct!: number | null;
  @Field(() => DateRange, { description: 'The range.' }) range!: DateRange;
  @Field(() => DateRange, { nullable: true, description: 'The comparison period.' }) previousRange!: DateRange | null;
  @Field(() => String, { nullable: true, description: 'Time of the newest event counted.' }) asOf!: string | null;
  @Field(() => KpiTarget, { nullable: true, description: 'The target for this metric, amanah and range, if one is set.' }) target!: KpiTarget | null;
  @Field(() => Provenance, { description: 'Where the value came from.' }) provenance!: Provenance;
  @Field(() => MissingData, { nullable: true, description: 'Amanahs and periods of the range without data (null when none): the value counts less than it should.' }) missingData!: MissingData | null;
}

@ObjectType({ description: 'One bucket of a series.' })
export class SeriesPoint {
  @Field(() => DateScalar, { description: 'First day of the bucket.' }) date!: string;
  @Field(() => Float, { nullable: true, description: 'Value in the bucket (0 when no rows; null for a ratio without rows).' }) value!: number | null;
}

@ObjectType({ description: 'One line of a series: the whole, or one member of the breakdown.' })
export class SeriesLine {
  @Field(() => String, { nullable: true, description: 'Member key, null for the whole.' }) key!: string | null;
  @Field(() => LocalizedText, { nullable: true, description: 'Member label.' }) label!: LocalizedText | null;
  @Field(() => [SeriesPoint], { description: 'Every bucket, zero-filled.' }) points!: SeriesPoint[];
}

@ObjectType({ description: 'The whole of a series over the comparison period.' })
export class SeriesComparison {
  @Field(() => DateRange, { description: 'The comparison period (the same as a KPI’s previousRange).' }) range!: DateRange;
  @Field(() => [SeriesPoint], {
    description: 'Every bucket of the comparison period, zero-filled. There may be one more or fewer than the range’s (the 366 days before a leap year start on 31 December): align them from the end.',
  }) points!: SeriesPoint[];
}

@ObjectType({ description: 'The target line of a series: the target per bucket.' })
export class SeriesTarget {
  @Field(() => [SeriesPoint], {
    description: 'One point per bucket of Series.points: the target over the days the bucket counts (a count or sum prorated to them, a share, median or level as set); null for a bucket not wholly inside one target’s period.',
  }) points!: SeriesPoint[];
}

@ObjectType({ description: 'A metric over time.' })
export class Series {
  @Field(() => ID, { description: 'Metric id.' }) metric!: string;
  @Field(() => Granularity, { description: 'Bucket size.' }) granularity!: Granularity;
  @Field(() => DateRange, { description: 'The range.' }) range!: DateRange;
  @Field(() => [SeriesPoint], { description: 'The whole, every bucket present, zero-filled.' }) points!: SeriesPoint[];
  @Field(() => [SeriesLine], { description: 'With breakdownBy, one line per member (largest first); without, the whole.' }) series!: SeriesLine[];
  @Field(() => SeriesComparison, { nullable: true, description: 'With compare: the whole over the comparison period; null for NONE.' }) comparison!: SeriesComparison | null;
  @Field(() => SeriesTarget, { nullable: true, description: 'The target line of the whole, for the amanahs and filters the series covers (as a KPI’s target); null when no bucket has one.' }) target!: SeriesTarget | null;
  @Field(() => Provenance, { description: 'Where the values came from.' }) provenance!: Provenance;
  @Field(() => MissingData, { nullable: true, description: 'Amanahs and periods of the range without data (null when none).' }) missingData!: MissingData | null;
}

@ObjectType({ description: 'One member of a breakdown.' })
export class BreakdownItem {
  @Field({ description: 'Member key (e.g. an amanah id); "__other__" for members past the limit.' }) key!: string;
  @Field(() => LocalizedText, { description: 'Member label.' }) label!: LocalizedText;
  @Field(() => Float, { nullable: true, description: 'Value.' }) value!: number | null;
  @Field(() => Float, { nullable: true, description: 'Percent of the sum of the items listed.' }) share!: number | null;
  @Field(() => Float, { nullable: true, description: 'Value in the comparison period, when compared.' }) previous!: number | null;
}

export const RankingBy = enumOf(['VALUE', 'ATTAINMENT'] as const);
export type RankingBy = keyof typeof RankingBy;
registerEnumType(RankingBy, {
  name: 'RankingBy',
  description: 'What a ranking orders amanahs by: VALUE (the metric, by its direction) or ATTAINMENT (of each amanah’s own target, like for like as a KPI’s; amanahs without a target last).',
});

@ObjectType({ description: 'One amanah in a ranking.' })
export class RankingItem {
  @Field(() => ID, { description: 'Amanah id.' }) amanah!: string;
  @Field(() => LocalizedText, { description: 'Amanah name.' }) label!: LocalizedText;
  @Field(() => Float, { nullable: true, description: 'Value.' }) value!: number | null;
  @Field(() => Int, { description: 'Rank, 1 = best by the metric’s direction.' }) rank!: number;
  @Field(() => Float, { nullable: true, description: 'Value in the comparison period.' }) previousValue!: number | null;
  @Field(() => Int, { nullable: true, description: 'Rank in the comparison period.' }) previousRank!: number | null;
  @Field(() => Int, { nullable: true, description: 'Places gained since the comparison period (positive = moved up).' }) rankChange!: number | null;
  @Field(() => Int, { nullable: true, description: 'Residents of the amanah’s area (GASTAT, Saudi Census 2022), the divisor of perCapita.' }) residents!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'False when that residents figure is not yet checked against GASTAT’s published table: per-capita values built on it are shown marked and never quoted in press sentences.' }) populationVerified!: boolean | null;
  @Field(() => Float, { nullable: true, description: 'Value per 100,000 residents; null for shares and medians, which need no scaling.' }) perCapita!: number | null;
  @Field(() => Int, { nullable: true, description: 'Rank by perCapita, 1 = best by the metric’s direction.' }) perCapitaRank!: number | null;
  @Field(() => Int, { nullable: true, description: 'Rank by value per 100,000 residents in the comparison period.' }) perCapitaPreviousRank!: number | null;
  @Field(() => Int, { nullable: true, description: 'Places gained per 100,000 residents since the comparison period (positive = moved up).' }) perCapitaRankChange!: number | null;
  @Field(() => KpiTarget, { nullable: true, description: 'By ATTAINMENT: the amanah’s own target for the range and the ranking’s filters, and its attainment; null when it has none (and always by VALUE).' }) target!: KpiTarget | null;
  @Field(() => Int, { nullable: true, description: 'By ATTAINMENT: rank by attainment, 1 = furthest beyond its target; null for an amanah without a target or a value to compare (listed last), and always by VALUE.' }) attainmentRank!: number | null;
}

@ObjectType({ description: 'The reference data a per-capita figure is divided by.' })
export class PopulationReference {
  @Field(() => LocalizedText, { description: 'Source: the General Authority for Statistics, Saudi Census 2022.' }) source!: LocalizedText;
  @Field(() => Int, { description: 'Year of the figures.' }) year!: number;
}

@ObjectType({ description: 'Amanahs ranked by a metric.' })
export class Ranking {
  @Field(() => ID, { description: 'Metric id.' }) metric!: string;
  @Field(() => RankingBy, { description: 'What the items are ordered by.' }) by!: RankingBy;
  @Field(() => [RankingItem], { description: 'Best first: by value, or by attainment with the amanahs without a target last.' }) items!: RankingItem[];
  @Field(() => PopulationReference, { description: 'Where the residents behind perCapita come from.' }) population!: PopulationReference;
  @Field(() => DateRange, { nullable: true, description: 'The comparison period.' }) previousRange!: DateRange | null;
  @Field(() => Provenance, { description: 'Where the values came from.' }) provenance!: Provenance;
}

@ObjectType({ description: 'Portal visits by weekday and hour (Asia/Riyadh).' })
export class HeatmapCell {
  @Field(() => Int, { description: '0 = Sunday … 6 = Saturday.' }) weekday!: number;
  @Field(() => Int, { description: 'Hour of day, 0–23.' }) hour!: number;
  @Field(() => Float, { description: 'Value.' }) value!: number;
}

/** The language of press phrasing (press figures, fact sheets, report e-mails). */
export enum PressLanguage { AR = 'AR', EN = 'EN' }
registerEnumType(PressLanguage, { name: 'PressLanguage', description: 'The language of `phrase`, `changePhrase` and `sentence` (both are always in `sentences`).' });

/** The digits of press phrasing. */
export enum PressDigitSystem { LATN = 'LATN', ARAB = 'ARAB' }
registerEnumType(PressDigitSystem, { name: 'PressDigits', description: 'LATN: 0–9. ARAB: Arabic-Indic ٠–٩ (and ٪).' });
