import { Args, Context, Field, Float, ID, InputType, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver, registerEnumType } from '@nestjs/graphql';
import { IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AccessOperation, callerOf } from '@amanah/access';
import { ANNOTATION_KINDS, AnnotationsService, type AnnotationKind as AnnotationKindValue, type AnnotationRecord, type Lift } from '@amanah/analytics';
import { DateRangeInput, DateScalar, LocalizedText } from '@amanah/graphql-types';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
const AnnotationKind = enumOf(ANNOTATION_KINDS);
const LIFT_CLAIMS = ['ABOVE_BASELINE', 'BELOW_BASELINE', 'WITHIN_BASELINE', 'INSUFFICIENT_BASELINE', 'NOT_STARTED'] as const;
const LiftClaim = enumOf(LIFT_CLAIMS);
registerEnumType(AnnotationKind, { name: 'AnnotationKind', description: 'What an annotation marks: a campaign, an outage, a holiday or a policy change.' });
registerEnumType(LiftClaim, {
  name: 'LiftClaim',
  description:
    'ABOVE_/BELOW_BASELINE: the window’s total lies outside the baseline’s 95 % prediction interval; WITHIN_BASELINE: inside it; ' +
    'INSUFFICIENT_BASELINE: fewer than 4 baseline weeks, too few for a claim; NOT_STARTED: no day of the campaign has passed.',
});

@InputType({ description: 'An event to mark on the charts.' })
export class AnnotationInput {
  @Field(() => AnnotationKind, { description: 'What it is.' }) @IsIn(ANNOTATION_KINDS) kind!: AnnotationKindValue;
  @Field(() => DateScalar, { description: 'First day, included.' }) @IsString() from!: string;
  @Field(() => DateScalar, { description: 'Last day, included.' }) @IsString() to!: string;
  @Field(() => [ID], { nullable: true, description: 'The amanahs it concerns; none: every amanah of the caller’s scope.' })
  @IsOptional() @IsArray() amanahs?: string[] | null;
  @Field({ description: 'Arabic title.' }) @IsString() @MaxLength(200) titleAr!: string;
  @Field({ description: 'English title.' }) @IsString() @MaxLength(200) titleEn!: string;
  @Field(() => ID, { nullable: true, description: 'A campaign’s metric (a count or a sum): its lift is measured on it.' })
  @IsOptional() @IsString() metric?: string | null;
}

@ObjectType({ description: 'One day of a campaign’s window against the same weekday of the baseline weeks.' })
class AnnotationLiftDay {
  @Field(() => DateScalar, { description: 'The day.' }) date!: string;
  @Field(() => Float, { description: 'The metric on the day.' }) value!: number;
  @Field(() => Float, { description: 'Mean of the same weekday in the baseline weeks.' }) baseline!: number;
  @Field(() => Float, { description: 'Sample standard deviation of those values.' }) baselineSd!: number;
}

@ObjectType({ description: 'A campaign’s lift: its metric in the days from its start against the same weekdays of the weeks before (method in the glossary).' })
class AnnotationLift {
  @Field(() => DateScalar, { description: 'First day compared (the campaign’s start).' }) from!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Last day compared: the span, at most 28 days, up to yesterday.' }) to!: string | null;
  @Field(() => Int, { description: 'Days compared.' }) days!: number;
  @Field(() => Int, { description: 'Baseline weeks K.' }) baselineWeeks!: number;
  @Field(() => Float, { description: 'The metric over the days compared.' }) observed!: number;
  @Field(() => Float, { description: 'Mean of the same days’ totals 1…K weeks earlier.' }) baseline!: number;
  @Field(() => Float, { description: 'Sample standard deviation of those K totals.' }) baselineSd!: number;
  @Field(() => Float, { description: 'Low end of the 95 % prediction interval of an ordinary window’s total.' }) intervalLow!: number;
  @Field(() => Float, { description: 'High end of that interval.' }) intervalHigh!: number;
  @Field(() => Float, { description: 'observed − baseline.' }) lift!: number;
  @Field(() => Float, { nullable: true, description: 'lift / baseline × 100; null when the baseline is 0.' }) liftPct!: number | null;
  @Field(() => LiftClaim, { description: 'What the figures allow one to say.' }) claim!: string;
  @Field(() => [AnnotationLiftDay], { description: 'Each day compared.' }) perDay!: AnnotationLiftDay[];
}

@ObjectType({ description: 'An event marked on the charts, with who marked it and when.' })
export class Annotation {
  @Field(() => ID, { description: 'Id.' }) id!: string;
  @Field(() => AnnotationKind, { description: 'What it is.' }) kind!: string;
  @Field(() => DateScalar, { description: 'First day.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day.' }) to!: string;
  @Field(() => [ID], { description: 'The amanahs it concerns (those of the caller’s scope); empty: every amanah.' }) amanahs!: string[];
  @Field(() => LocalizedText, { description: 'Title.' }) title!: LocalizedText;
  @Field(() => ID, { nullable: true, description: 'A campaign’s metric.' }) metric!: string | null;
  @Field({ description: 'The label of the key that marked it.' }) createdBy!: string;
  @Field({ description: 'When it was marked (ISO 8601, UTC).' }) createdAt!: string;
  record!: AnnotationRecord;
}

const annotationOf = (record: AnnotationRecord): Annotation => ({
  id: record.id, kind: record.kind, from: record.from, to: record.to, amanahs: record.amanahs, title: record.title, metric: record.metric,
  createdBy: record.createdBy.label, createdAt: record.createdAt.toISOString(), record,
});

/**
 * Annotations: any reader lists those of its scope; analysts and admins mark and delete (`analysis`). Arguments
 * in, AnnotationsService (@amanah/analytics) out.
 */
@Resolver(() => Annotation)
export class AnnotationsResolver {
  constructor(private readonly service: AnnotationsService) {}

  @Query(() => [Annotation], { description: 'Annotations overlapping the range, within the caller’s scope.' })
  async annotations(
    @Args('range', { type: () => DateRangeInput, description: 'The days (or a preset).' }) range: DateRangeInput,
    @Args('amanah', { type: () => ID, nullable: true, description: 'Only those concerning this amanah (or every amanah).' }) amanah: string | null,
    @Context('req') req: unknown,
  ): Promise<Annotation[]> {
    return (await this.service.list(callerOf(req), { range, amanah })).map(annotationOf);
  }

  @ResolveField(() => AnnotationLift, { nullable: true, description: 'A campaign’s lift; null without a metric.' })
  lift(
    @Parent() annotation: Annotation,
    @Args('baselineWeeks', { type: () => Int, defaultValue: 8, description: 'Baseline weeks K, 2–12 (below 4: no claim).' }) baselineWeeks: number,
    @Context('req') req: unknown,
  ): Promise<Lift | null> {
    return this.service.liftOf(callerOf(req), annotation.record, baselineWeeks);
  }

  @AccessOperation('analysis')
  @Mutation(() => Annotation, { description: 'Marks an event (analysts and admins, within their scope).' })
  async createAnnotation(@Args('input', { type: () => AnnotationInput }) input: AnnotationInput, @Context('req') req: unknown): Promise<Annotation> {
    return annotationOf(await this.service.create(callerOf(req), input));
  }

  @AccessOperation('analysis')
  @Mutation(() => Boolean, { description: 'Deletes an annotation (its creator or an admin).' })
  deleteAnnotation(@Args('id', { type: () => ID }) id: string, @Context('req') req: unknown): Promise<boolean> {
    return this.service.delete(callerOf(req), id);
  }
}
