import { Inject } from '@nestjs/common';
import { Args, Field, Int, ObjectType, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Store } from '@amanah/store';
import { AccessOperation } from './access.policy.js';
import { ACCESS_STORE } from './access.tokens.js';
import { AUDIT_ACTIONS, AuditQueryError, DEFAULT_AUDIT_LIMIT, listAuditEntries, MAX_AUDIT_LIMIT, type AuditRecord } from './audit-log.js';

/** The audited actions (AUDIT_ACTIONS) as a GraphQL enum: SIGN_IN, KEY_CREATED, …; values as stored. */
export const AuditAction = Object.fromEntries(AUDIT_ACTIONS.map((action) => [action.toUpperCase(), action])) as {
  [A in (typeof AUDIT_ACTIONS)[number] as Uppercase<A>]: A;
};

registerEnumType(AuditAction, {
  name: 'AuditAction',
  description:
    'What was done: SIGN_IN (a key, the demo link or the ministry account), KEY_CREATED, KEY_REVOKED, BATCH_WITHDRAWN, ' +
    'FACT_SHEET_CERTIFIED, FACT_SHEET_READ (one certified sheet), EXPORTED (a dashboard or fact sheet as PDF/XLSX).',
});

@ObjectType({ description: 'One audited action: who, what, which object, when, with what outcome.' })
export class AuditEntry {
  @Field({ description: 'When, ISO 8601 UTC.' }) at!: string;
  @Field({ description: 'Who: an API key id, "bootstrap-admin", "oidc:<subject>" (ministry account), "cli", or "" when nobody was identified.' })
  actorId!: string;
  @Field({ description: 'The key label or the person’s name.' }) actorLabel!: string;
  @Field({ description: 'The role the actor had, or "".' }) actorRole!: string;
  @Field(() => AuditAction, { description: 'What was done.' }) action!: string;
  @Field({ description: 'The kind of object: session, api_key, ingest_batch, fact_sheet, dashboard.' }) objectType!: string;
  @Field({ description: 'Which object: a key, batch, sheet or dashboard id.' }) objectId!: string;
  @Field({ description: 'ok, refused (not allowed or bad input) or failed.' }) outcome!: string;
  @Field({ description: 'A short note: the format of an export, how a sign-in was made, why it was refused.' }) detail!: string;
}

/** The audit log for admins with every amanah (operation `admin`). */
@Resolver(() => AuditEntry)
@AccessOperation('admin')
export class AuditLogResolver {
  constructor(@Inject(ACCESS_STORE) private readonly store: Store) {}

  @Query(() => [AuditEntry], { description: 'Audited actions, newest first. Admins with every amanah only.' })
  async auditLog(
    @Args('action', { type: () => AuditAction, nullable: true, description: 'Only this action.' }) action: AuditRecord['action'] | null,
    @Args('since', { type: () => String, nullable: true, description: 'Only entries at or after this ISO 8601 date or date-time.' }) since: string | null,
    @Args('limit', { type: () => Int, defaultValue: DEFAULT_AUDIT_LIMIT, description: `At most this many (1 to ${MAX_AUDIT_LIMIT}).` }) limit: number,
  ): Promise<AuditEntry[]> {
    try {
      return await listAuditEntries(this.store, { action: action ?? undefined, since: since ?? undefined, limit });
    } catch (error) {
      if (error instanceof AuditQueryError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', argument: error.argument } });
      throw error;
    }
  }
}
