import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { AccessOperation } from './access.policy.js';
import { ApiKeyService } from './api-key.service.js';
import { AuditLog } from './audit-log.js';
import { callerOf } from './principal.js';
import { ApiKeyInputError } from './api-keys.js';
import { ApiKey, CreateApiKeyArgs, CreatedApiKey, toApiKey } from './api-keys.graphql.js';

/** Key management over GraphQL: admins with every amanah only (operation `keys`). */
@Resolver(() => ApiKey)
@AccessOperation('keys')
export class ApiKeysResolver {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly audit: AuditLog,
  ) {}

  @Query(() => [ApiKey], { description: 'Every API key, revoked ones included, oldest first; never a secret. Admins only.' })
  async apiKeys(): Promise<ApiKey[]> {
    return (await this.keys.list()).map(toApiKey);
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates an API key and shows its secret once. Admins only.' })
  async createApiKey(@Args() args: CreateApiKeyArgs, @Context('req') req: unknown): Promise<CreatedApiKey> {
    const listed = args.amanahs ?? [];
    if (args.allAmanahs && listed.length > 0) {
      throw badInput('amanahs', 'Give either amanahs or allAmanahs: true, not both.');
    }
    try {
      const created = await this.keys.create({ label: args.label, role: args.role, amanahs: args.allAmanahs ? 'all' : listed });
      const { id, role, amanahs, label } = created.record;
      this.audit.record({
        actor: callerOf(req), action: 'key_created', objectType: 'api_key', objectId: id, outcome: 'ok',
        detail: `${role}, amanahs ${amanahs === 'all' ? 'all' : amanahs.join(',')}: ${label}`,
      });
      return { ...toApiKey(created.record), key: created.key };
    } catch (error) {
      if (error instanceof ApiKeyInputError) throw badInput(error.field, error.message);
      throw error;
    }
  }

  @Mutation(() => ApiKey, {
    description: 'Revokes an API key at once (its sessions end too); revoking a revoked key changes nothing. Admins only.',
  })
  async revokeApiKey(@Args('id', { type: () => ID, description: 'The key id.' }) id: string, @Context('req') req: unknown): Promise<ApiKey> {
    const revoked = await this.keys.revoke(id);
    this.audit.record({
      actor: callerOf(req), action: 'key_revoked', objectType: 'api_key', objectId: id, outcome: revoked ? 'ok' : 'refused',
      detail: revoked ? revoked.label : 'no such key',
    });
    if (!revoked) throw badInput('id', `No API key has the id "${id}".`);
    return toApiKey(revoked);
  }
}

function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}
