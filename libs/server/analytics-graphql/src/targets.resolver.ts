import { Args, Context, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString } from 'class-validator';
import { AccessOperation, callerOf } from '@amanah/access';
import { TargetsService, type TargetCalendar as TargetCalendarValue, type TargetRecord } from '@amanah/analytics';
import { AppliedFilter, DateScalar, FilterInput } from '@amanah/graphql-types';

const TARGET_CALENDARS = ['GREGORIAN', 'HIJRI'] as const;
const TargetCalendar = { GREGORIAN: 'GREGORIAN', HIJRI: 'HIJRI' } as const;
registerEnumType(TargetCalendar, { name: 'TargetCalendar', description: 'The calendar a target’s period was set in.' });

@InputType({ description: 'A target to set or change: metric × amanah × period (a Gregorian year or month, or a Hijri year).' })
export class TargetInput {
  @Field(() => ID, { description: 'Metric id.' }) @IsString() metric!: string;
  @Field(() => ID, { nullable: true, description: 'Amanah id; none: every amanah, summed (the national target).' }) @IsOptional() @IsString() amanah?: string | null;
  @Field(() => TargetCalendar, { description: 'GREGORIAN (a year, or a month with `month`) or HIJRI (a whole Hijri year).' }) @IsIn(TARGET_CALENDARS) calendar!: TargetCalendarValue;
  @Field(() => Int, { description: 'The year, in that calendar.' }) @IsInt() year!: number;
  @Field(() => Int, { nullable: true, description: 'A Gregorian month, 1–12; none: the whole year.' }) @IsOptional() @IsInt() month?: number | null;
  @Field(() => Float, { description: 'The target over the whole period (counts and sums are prorated to a range).' }) @IsNumber() value!: number;
  @Field(() => [FilterInput], {
    nullable: true,
    description: 'The dimension filters (not the amanah) it is for, e.g. channel = app; none: the metric unfiltered. It applies only to questions with exactly these filters.',
  }) @IsOptional() @IsArray() filters?: FilterInput[] | null;
}

@ObjectType({ description: 'A target in force, with who set it and when (none for the initial ones of dashboards/targets.json).' })
export class Target {
  @Field(() => ID, { description: 'Metric id.' }) metric!: string;
  @Field(() => ID, { nullable: true, description: 'Amanah id; null: the national target.' }) amanah!: string | null;
  @Field(() => DateScalar, { description: 'First Gregorian day of the period.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last Gregorian day of the period.' }) to!: string;
  @Field(() => TargetCalendar, { description: 'The calendar it was set in.' }) calendar!: string;
  @Field({ description: 'The period as set: "2025", "2025-03" or the Hijri year "1446".' }) periodLabel!: string;
  @Field(() => [AppliedFilter], { description: 'The dimension filters it was set for (none: the metric unfiltered); it applies only to questions with exactly these.' }) filters!: AppliedFilter[];
  @Field(() => Float, { description: 'The target over the whole period.' }) value!: number;
  @Field(() => String, { nullable: true, description: 'The label of the key that set it; null: from dashboards/targets.json.' }) setBy!: string | null;
  @Field(() => String, { nullable: true, description: 'When it was set (ISO 8601, UTC).' }) setAt!: string | null;
}

const targetOf = (record: TargetRecord): Target => ({
  metric: record.metric, amanah: record.amanah ?? null, from: record.from, to: record.to, calendar: record.calendar, periodLabel: record.periodLabel,
  filters: record.filters.map((f) => ({ dimension: f.dimension, values: f.values })),
  value: record.value, setBy: record.setBy?.label ?? null, setAt: record.setAt?.toISOString() ?? null,
});

/** Targets: any reader lists those of its scope; analysts and admins set them (`analysis`). TargetsService (@amanah/analytics) does the work. */
@Resolver(() => Target)
export class TargetsResolver {
  constructor(private readonly service: TargetsService) {}

  @Query(() => [Target], { description: 'The targets in force for a metric (of one amanah, or all of the caller’s scope).' })
  async targets(
    @Args('metric', { type: () => ID, description: 'Metric id.' }) metric: string,
    @Args('amanah', { type: () => ID, nullable: true, description: 'Only this amanah’s.' }) amanah: string | null,
    @Context('req') req: unknown,
  ): Promise<Target[]> {
    return (await this.service.list(callerOf(req), { metric, amanah })).map(targetOf);
  }

  @AccessOperation('analysis')
  @Mutation(() => Target, { description: 'Sets or changes a target (analysts and admins, within their scope); answers use it at once.' })
  async setTarget(@Args('input', { type: () => TargetInput }) input: TargetInput, @Context('req') req: unknown): Promise<Target> {
    return targetOf(await this.service.set(callerOf(req), input));
  }
}
