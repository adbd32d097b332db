import { Inject } from '@nestjs/common';
import { Args, Context, Field, ID, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { AccessOperation, AuditLog, callerOf } from '@amanah/access';
import type { Store } from '@amanah/store';
import { completenessOf } from '@amanah/analytics';
import { BatchError, type BatchRecord } from './batches.js';
import { STORE_OF_INGEST } from './ingest.settings.js';
import { Ingestor } from './ingestor.js';

export enum IngestBatchStatus {
  COMMITTED = 'COMMITTED',
  WITHDRAWING = 'WITHDRAWING',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(IngestBatchStatus, {
  name: 'IngestBatchStatus',
  description: 'COMMITTED: its rows count. WITHDRAWN: they no longer count (kept for audit until purged). WITHDRAWING: for a moment.',
});

@ObjectType({ description: 'Rows a batch wrote for one amanah.' })
class AmanahRows {
  @Field(() => ID) amanah!: string;
  @Field(() => Int) rows!: number;
}

@ObjectType({ description: 'One committed ingest batch: what it wrote, who sent it, and whether its rows still count.' })
export class IngestBatch {
  @Field(() => ID, { description: 'The batch id (the ingest answer’s batchId).' }) id!: string;
  @Field(() => ID) dataset!: string;
  @Field(() => Int, { description: 'Rows the batch inserted.' }) rows!: number;
  @Field(() => IngestBatchStatus) status!: IngestBatchStatus;
  @Field(() => [AmanahRows], { description: 'Its effect: rows per amanah.' }) rowsByAmanah!: AmanahRows[];
  @Field(() => String, { nullable: true, description: 'Oldest event time, Riyadh local `YYYY-MM-DD hh:mm:ss`; null for an empty batch.' })
  eventFrom!: string | null;
  @Field(() => String, { nullable: true, description: 'Newest event time, Riyadh local.' }) eventTo!: string | null;
  @Field({ description: 'When it was committed, ISO 8601 UTC.' }) committedAt!: string;
  @Field({ description: 'The id of the API key that sent it.' }) keyId!: string;
  @Field({ description: 'That key’s label.' }) keyLabel!: string;
  @Field(() => String, { nullable: true, description: 'Its Idempotency-Key, if it was sent with one.' }) idempotencyKey!: string | null;
  @Field(() => String, { nullable: true, description: 'The file it came from (X-Source-Filename, the CLI’s file).' }) sourceFile!: string | null;
  @Field(() => String, { nullable: true, description: 'When it was withdrawn, ISO 8601 UTC.' }) withdrawnAt!: string | null;
  @Field(() => String, { nullable: true, description: 'Who withdrew it (key label and id).' }) withdrawnBy!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was withdrawn.' }) withdrawReason!: string | null;
  @Field(() => ID, { nullable: true, description: 'The batch that replaced it, for a replace.' }) replacedBy!: string | null;
}

/**
 * The batch history and withdrawals over GraphQL: operation `ingest` (ingest and admin keys), answers limited to the
 * caller's amanahs (IngestBatches decides what a caller sees and may withdraw).
 */
@AccessOperation('ingest')
@Resolver(() => IngestBatch)
export class IngestBatchesResolver {
  constructor(
    private readonly ingestor: Ingestor,
    private readonly audit: AuditLog,
  ) {}

  @Query(() => [IngestBatch], { description: 'Committed ingest batches, newest first, limited to the caller’s amanahs.' })
  async ingestBatches(
    @Args('dataset', { type: () => ID, nullable: true, description: 'Only this dataset.' }) dataset: string | null,
    @Args('amanah', { type: () => ID, nullable: true, description: 'Only batches with rows of this amanah.' }) amanah: string | null,
    @Args('limit', { type: () => Int, nullable: true, description: 'At most this many (default 100, at most 500).' }) limit: number | null,
    @Context('req') req: unknown,
  ): Promise<IngestBatch[]> {
    return (await this.ingestor.batches.list(callerOf(req), { dataset, amanah, limit })).map(toGraphql);
  }

  @Mutation(() => IngestBatch, {
    description: 'Withdraws a batch: its rows stop counting everywhere at once (kept for audit until purged). Admins, or the ingest key that sent it.',
  })
  async withdrawBatch(
    @Args('id', { type: () => ID, description: 'The batch id.' }) id: string,
    @Args('reason', { description: 'Why: shown in the history and in the restatement of every certified sheet it changes.' }) reason: string,
    @Context('req') req: unknown,
  ): Promise<IngestBatch> {
    const caller = callerOf(req);
    const audited = { actor: caller, action: 'batch_withdrawn', objectType: 'ingest_batch', objectId: id } as const;
    try {
      const withdrawn = toGraphql(await this.ingestor.withdraw(caller, id, reason));
      this.audit.record({ ...audited, outcome: 'ok', detail: reason });
      return withdrawn;
    } catch (error) {
      this.audit.record({ ...audited, outcome: error instanceof BatchError ? 'refused' : 'failed', detail: error instanceof Error ? error.message : String(error) });
      if (error instanceof BatchError) {
        const code = error.code === 'FORBIDDEN' ? 'FORBIDDEN' : 'BAD_USER_INPUT';
        throw new GraphQLError(error.message, { extensions: { code, argument: error.code === 'BAD_REQUEST' && /reason/.test(error.message) ? 'reason' : 'id' } });
      }
      throw error;
    }
  }
}

function toGraphql(batch: BatchRecord): IngestBatch {
  return {
    id: batch.id,
    dataset: batch.dataset,
    rows: batch.rows,
    status: batch.status as IngestBatchStatus,
    rowsByAmanah: Object.entries(batch.rowsByAmanah).map(([amanah, rows]) => ({ amanah, rows })),
    eventFrom: batch.eventFrom,
    eventTo: batch.eventTo,
    committedAt: batch.committedAt,
    keyId: batch.keyId,
    keyLabel: batch.keyLabel,
    idempotencyKey: batch.idempotencyKey || null,
    sourceFile: batch.sourceFile || null,
    withdrawnAt: batch.withdrawnAt,
    withdrawnBy: batch.withdrawnBy || null,
    withdrawReason: batch.withdrawReason || null,
    replacedBy: batch.replacedBy || null,
  };
}

@ObjectType({ description: 'Rows of one amanah in one period.' })
class CompletenessCell {
  @Field(() => ID) amanah!: string;
  @Field({ description: 'The period’s first day, YYYY-MM-DD.' }) period!: string;
  @Field(() => Int) rows!: number;
  @Field({ description: 'The newest event in the period, Riyadh local time.' }) newestEvent!: string;
}

@ObjectType({ description: 'Periods of one amanah without any row.' })
class MissingPeriods {
  @Field(() => ID) amanah!: string;
  @Field(() => [String], { description: 'First days of the periods, YYYY-MM-DD.' }) periods!: string[];
}

@ObjectType({ description: 'How fresh one amanah’s data of a dataset is.' })
class AmanahFreshness {
  @Field(() => ID) amanah!: string;
  @Field(() => String, { nullable: true, description: 'The last committed upload with rows of this amanah, ISO 8601 UTC.' }) lastUploadAt!: string | null;
  @Field(() => String, { nullable: true, description: 'The newest event of this amanah, Riyadh local time.' }) newestEvent!: string | null;
}

@ObjectType({ description: 'Which amanahs sent a dataset’s data for which periods (days, or months for level data).' })
export class DatasetCompleteness {
  @Field(() => ID) dataset!: string;
  @Field({ description: 'DAILY or MONTHLY: the period the dataset is expected in.' }) cadence!: string;
  @Field(() => [String], { description: 'The periods of the range (first days), oldest first.' }) periods!: string[];
  @Field(() => [CompletenessCell], { description: 'Periods with rows, per amanah.' }) cells!: CompletenessCell[];
  @Field(() => [MissingPeriods], { description: 'Per amanah, the periods without rows.' }) missing!: MissingPeriods[];
  @Field(() => [AmanahFreshness]) freshness!: AmanahFreshness[];
}

/** Completeness over GraphQL: operation `read`, limited to the caller's amanahs. */
@AccessOperation('read')
@Resolver(() => DatasetCompleteness)
export class CompletenessResolver {
  constructor(@Inject(STORE_OF_INGEST) private readonly store: Store) {}

  @Query(() => DatasetCompleteness, { description: 'Per amanah and period of a range: did the dataset’s data arrive, and how fresh it is.' })
  async completeness(
    @Args('dataset', { type: () => ID }) dataset: string,
    @Args('from', { description: 'First day, YYYY-MM-DD.' }) from: string,
    @Args('to', { description: 'Last day, YYYY-MM-DD.' }) to: string,
    @Args('amanah', { type: () => ID, nullable: true, description: 'Only this amanah.' }) amanah: string | null,
    @Context('req') req: unknown,
  ): Promise<DatasetCompleteness> {
    const scope = callerOf(req).amanahs;
    const amanahs = amanah ? (scope === 'all' || scope.includes(amanah) ? [amanah] : []) : scope;
    // A bad argument is an AnalyticsError: the API's one error formatter answers it BAD_USER_INPUT.
    return completenessOf(this.store, { dataset, from, to, amanahs });
  }
}
