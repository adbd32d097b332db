import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ALERT_CONDITIONS, DELIVERY_KINDS, DELIVERY_STATUSES, SCHEDULE_EVERY } from '@amanah/delivery';
import { AppliedFilter, Comparison, DateRangeInput, FilterInput, PressDigitSystem, PressLanguage } from '@amanah/graphql-types';

/** The GraphQL shapes of subscriptions, alert rules, firings and deliveries; the enums registered here, once. */
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const ScheduleEvery = enumOf(SCHEDULE_EVERY);
export const AlertCondition = enumOf(ALERT_CONDITIONS);
export const DeliveryKind = enumOf(DELIVERY_KINDS);
export const DeliveryStatus = enumOf(DELIVERY_STATUSES);
registerEnumType(ScheduleEvery, { name: 'ScheduleEvery', description: 'DAY; WEEK (a weekday); MONTH (a day of the month); HIJRI_MONTH (the first day of each Umm al-Qura month).' });
registerEnumType(AlertCondition, {
  name: 'AlertCondition',
  description: 'ABOVE/BELOW: the value against the threshold; CHANGE_PCT_ABOVE/BELOW: the change against the previous period, in percent; ATTAINMENT_BELOW: target attainment in percent; STALE_DAYS: days without new data.',
});
registerEnumType(DeliveryKind, { name: 'DeliveryKind', description: 'REPORT: a subscription’s e-mail; ALERT_EMAIL and WEBHOOK: an alert firing’s.' });
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus', description: 'PENDING (recorded, waiting for an attempt), SENDING, SENT, FAILED (attempts spent or refused).' });

@InputType({ description: 'When a subscription is sent, at a time of day in Asia/Riyadh.' })
export class ScheduleInput {
  @Field(() => ScheduleEvery, { description: 'How often.' })
  @IsIn(SCHEDULE_EVERY)
  every!: (typeof SCHEDULE_EVERY)[number];

  @Field({ description: '"HH:MM", 24-hour, Asia/Riyadh.' })
  @IsString() @MaxLength(5)
  at!: string;

  @Field(() => Int, { nullable: true, description: 'WEEK: 1 = Sunday … 7 = Saturday.' })
  @IsOptional() @IsInt()
  weekday?: number;

  @Field(() => Int, { nullable: true, description: 'MONTH: 1–31 (in a shorter month, its last day).' })
  @IsOptional() @IsInt()
  dayOfMonth?: number;
}

@InputType({ description: 'A report subscription: a dashboard view or a certified fact sheet, e-mailed on a schedule.' })
export class SubscriptionInput {
  @Field(() => ID, { nullable: true, description: 'A dashboard id (or give factSheet).' })
  @IsOptional() @IsString() @MaxLength(100)
  dashboard?: string;

  @Field(() => ID, { nullable: true, description: 'A certified fact sheet id (or give dashboard).' })
  @IsOptional() @IsString() @MaxLength(100)
  factSheet?: string;

  @Field(() => ID, { nullable: true, description: 'The amanah; may be left out by a key limited to one amanah.' })
  @IsOptional() @IsString() @MaxLength(50)
  amanah?: string;

  @Field(() => DateRangeInput, { nullable: true, description: 'The days reported; default the last whole period before each send (yesterday, the last 7 days, last month, last Hijri month).' })
  @IsOptional() @ValidateNested() @Type(() => DateRangeInput)
  range?: DateRangeInput;

  @Field(() => Comparison, { nullable: true, description: 'Change against this period in each sentence; default PREVIOUS_PERIOD.' })
  @IsOptional() @IsString()
  compare?: Comparison;

  @Field(() => [String], { description: 'E-mail addresses (1–20).' })
  @IsArray() @ArrayMaxSize(20) @IsEmail({}, { each: true })
  recipients!: string[];

  @Field(() => ScheduleInput, { description: 'When.' })
  @ValidateNested() @Type(() => ScheduleInput)
  schedule!: ScheduleInput;

  @Field(() => PressLanguage, { nullable: true, description: 'Language of the e-mail; default AR.' })
  @IsOptional() @IsIn(Object.values(PressLanguage))
  lang?: PressLanguage;

  @Field(() => PressDigitSystem, { nullable: true, description: 'Digits of the figures; default LATN.' })
  @IsOptional() @IsIn(Object.values(PressDigitSystem))
  digits?: PressDigitSystem;
}

@InputType({ description: 'An alert rule: a metric for one amanah (and filters) over a range, against a threshold.' })
export class AlertRuleInput {
  @Field(() => ID, { description: 'Metric id.' })
  @IsString() @MaxLength(100)
  metric!: string;

  @Field(() => ID, { nullable: true, description: 'The amanah; none: every amanah the key may see.' })
  @IsOptional() @IsString() @MaxLength(50)
  amanah?: string;

  @Field(() => [FilterInput], { nullable: true, description: 'Filters other than the amanah.' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => FilterInput)
  filters?: FilterInput[];

  @Field(() => DateRangeInput, { description: 'The days evaluated, usually a preset (today, last_7_days…).' })
  @ValidateNested() @Type(() => DateRangeInput)
  range!: DateRangeInput;

  @Field(() => AlertCondition, { description: 'What breaches the rule.' })
  @IsIn(ALERT_CONDITIONS)
  condition!: (typeof ALERT_CONDITIONS)[number];

  @Field(() => Float, { description: 'The threshold (a value, a percentage or a number of days, by condition).' })
  @IsNumber()
  threshold!: number;

  @Field(() => [String], { nullable: true, description: 'E-mail addresses told when it fires.' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsEmail({}, { each: true })
  recipients?: string[];

  @Field(() => String, { nullable: true, description: 'A URL on a host of KPI_WEBHOOK_ALLOWED_HOSTS, POSTed a signed JSON event when it fires.' })
  @IsOptional() @IsString() @MaxLength(2000) @Matches(/^https?:\/\//)
  webhookUrl?: string;
}

@ObjectType({ description: 'When a subscription is sent.' })
export class Schedule {
  @Field(() => ScheduleEvery, { description: 'How often.' }) every!: string;
  @Field({ description: '"HH:MM", Asia/Riyadh.' }) at!: string;
  @Field(() => Int, { nullable: true, description: 'WEEK: 1 = Sunday … 7 = Saturday.' }) weekday!: number | null;
  @Field(() => Int, { nullable: true, description: 'MONTH: 1–31.' }) dayOfMonth!: number | null;
}

@ObjectType({ description: 'A range as given: from/to, or a preset resolved at each send or evaluation.' })
export class RangeSpec {
  @Field(() => String, { nullable: true, description: 'First day.' }) from!: string | null;
  @Field(() => String, { nullable: true, description: 'Last day.' }) to!: string | null;
  @Field(() => String, { nullable: true, description: 'A preset name.' }) preset!: string | null;
  @Field(() => Int, { nullable: true, description: 'With a season preset: the Hijri year whose season is meant (null: the latest begun at each send or evaluation).' }) hijriYear!: number | null;
}

@ObjectType({ description: 'A report subscription. (Named so because `Subscription` is GraphQL’s root type of subscriptions.)' })
export class ReportSubscription {
  @Field(() => ID, { description: 'Id.' }) id!: string;
  @Field(() => ID, { nullable: true, description: 'The dashboard reported.' }) dashboard!: string | null;
  @Field(() => ID, { nullable: true, description: 'The fact sheet reported.' }) factSheet!: string | null;
  @Field(() => ID, { nullable: true, description: 'The amanah.' }) amanah!: string | null;
  @Field(() => RangeSpec, { nullable: true, description: 'The days reported; null: the last whole period before each send.' }) range!: RangeSpec | null;
  @Field(() => Comparison, { description: 'Compared with.' }) compare!: string;
  @Field(() => [String], { description: 'Recipients.' }) recipients!: string[];
  @Field(() => Schedule, { description: 'When.' }) schedule!: Schedule;
  @Field(() => PressLanguage, { description: 'Language.' }) lang!: string;
  @Field(() => PressDigitSystem, { description: 'Digits.' }) digits!: string;
  @Field({ description: 'ISO 8601 instant.' }) createdAt!: string;
  @Field({ description: 'The key that created it (label).' }) createdBy!: string;
  @Field({ description: 'The next scheduled send, ISO 8601 instant.' }) nextRunAt!: string;
}

@ObjectType({ description: 'One e-mail or webhook, recorded before it is sent.' })
export class Delivery {
  @Field(() => ID, { description: 'Id.' }) id!: string;
  @Field(() => DeliveryKind, { description: 'What it is.' }) kind!: string;
  @Field(() => ID, { nullable: true, description: 'Its subscription.' }) subscriptionId!: string | null;
  @Field(() => ID, { nullable: true, description: 'Its alert rule.' }) ruleId!: string | null;
  @Field(() => ID, { nullable: true, description: 'Its alert firing.' }) firingId!: string | null;
  @Field(() => String, { nullable: true, description: 'The scheduled slot it is for (ISO 8601); null: sent on demand or an alert.' }) slot!: string | null;
  @Field({ description: 'Recipients or the webhook URL.' }) target!: string;
  @Field(() => DeliveryStatus, { description: 'Where it is.' }) status!: string;
  @Field(() => Int, { description: 'Attempts made.' }) attempts!: number;
  @Field({ description: 'The last attempt’s error; empty when none.' }) lastError!: string;
  @Field({ description: 'When a PENDING delivery is next attempted (ISO 8601).' }) nextAttemptAt!: string;
  @Field({ description: 'Recorded at (ISO 8601).' }) createdAt!: string;
  @Field({ description: 'Last change (ISO 8601).' }) updatedAt!: string;
}

@ObjectType({ description: 'An alert rule.' })
export class AlertRule {
  @Field(() => ID, { description: 'Id.' }) id!: string;
  @Field(() => ID, { description: 'Metric id.' }) metric!: string;
  @Field(() => ID, { nullable: true, description: 'The amanah; null: every amanah of the creator’s key.' }) amanah!: string | null;
  @Field(() => [AppliedFilter], { description: 'Filters other than the amanah.' }) filters!: AppliedFilter[];
  @Field(() => RangeSpec, { description: 'The days evaluated.' }) range!: RangeSpec;
  @Field(() => AlertCondition, { description: 'What breaches it.' }) condition!: string;
  @Field(() => Float, { description: 'The threshold.' }) threshold!: number;
  @Field(() => [String], { description: 'E-mail recipients.' }) recipients!: string[];
  @Field(() => String, { nullable: true, description: 'The webhook URL.' }) webhookUrl!: string | null;
  @Field(() => String, { nullable: true, description: 'The HMAC key of its webhooks: answered once, by createAlertRule; null afterwards.' }) webhookSecret!: string | null;
  @Field({ description: 'Whether it was breached at its last evaluation.' }) breached!: boolean;
  @Field({ description: 'ISO 8601 instant.' }) createdAt!: string;
  @Field({ description: 'The key that created it (label).' }) createdBy!: string;
}

@ObjectType({ description: 'A rule that fired: when, the value, the threshold.' })
export class AlertEvent {
  @Field(() => ID, { description: 'Id: `<rule>#<n>`.' }) id!: string;
  @Field(() => ID, { description: 'The rule.' }) ruleId!: string;
  @Field(() => ID, { description: 'Metric id.' }) metric!: string;
  @Field(() => ID, { nullable: true, description: 'The amanah.' }) amanah!: string | null;
  @Field(() => AlertCondition, { description: 'The condition.' }) condition!: string;
  @Field(() => Float, { description: 'The figure that breached it.' }) value!: number;
  @Field(() => Float, { description: 'The threshold.' }) threshold!: number;
  @Field({ description: 'ISO 8601 instant.' }) firedAt!: string;
}

@ObjectType({ description: 'This API process’s deliveries since it started.' })
export class DeliveryCounts {
  @Field(() => Int, { description: 'Sent.' }) sent!: number;
  @Field(() => Int, { description: 'Failed for good.' }) failed!: number;
  @Field(() => Int, { description: 'Attempts that failed and were retried.' }) retried!: number;
  @Field(() => Int, { description: 'Queued for sending.' }) queued!: number;
  @Field({ description: 'Whether KPI_SMTP_URL is set.' }) smtpConfigured!: boolean;
}
