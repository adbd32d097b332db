import { Inject, Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { currentWork, WorkRefusedError } from '@amanah/store';
import { ACCESS_CONFIG, ROUTE_OPERATIONS } from './access.tokens.js';
import type { AccessConfig } from './access-config.js';
import { accessError, MESSAGES, rateLimited, type Transport } from './access-errors.js';
import { Authenticator } from './authenticator.js';
import type { AccessRequest, Principal } from './principal.js';
import { roleMay, type Operation } from './roles.js';
import { TokenBuckets, type TakeResult } from './token-bucket.js';

const OPERATION_METADATA = 'amanah:access-operation';

/**
 * Declares which operation of the roles table (roles.ts) a resolver or route performs. Undeclared GraphQL queries
 * (and field resolvers) are `read`; undeclared mutations, subscriptions and REST routes not in the route table
 * are `admin`.
 */
export const AccessOperation = (operation: Operation) => SetMetadata(OPERATION_METADATA, operation);

/**
 * Routes of other modules, by `METHOD /express/path`, whose operation is not declared by a decorator: the health
 * checks and the metrics (which check their own token) are public and ingest is `ingest`, without those modules
 * depending on this library.
 */
export const DEFAULT_ROUTE_OPERATIONS: Readonly<Record<string, Operation>> = {
  'GET /healthz': 'public',
  'GET /livez': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'POST /api/ingest/:dataset': 'ingest',
};

const RATE_RESULT = Symbol('rateLimitResult');
type PolicyRequest = Request & AccessRequest & { [RATE_RESULT]?: TakeResult };

/**
 * The access policy for the API's global guard (apps/api AccessGuard → `allows`): the one place that decides.
 * For each route or resolver call it finds the operation, the caller (bearer key or session cookie), checks the
 * roles table, takes one token of the key's rate limit per HTTP request, and sets `req.amanahScope` for the query
 * layer. It refuses by throwing 401 / 403 / 429 (REST) or UNAUTHENTICATED / FORBIDDEN / RATE_LIMITED (GraphQL).
 */
@Injectable()
export class KeyAccessPolicy {
  private readonly limits: Record<Transport, TokenBuckets>;
  private readonly costBudgets: TokenBuckets;

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    @Inject(ACCESS_CONFIG) config: AccessConfig,
    @Inject(ROUTE_OPERATIONS) private readonly routeOperations: Readonly<Record<string, Operation>>,
  ) {
    this.limits = { graphql: new TokenBuckets(config.rateLimits.graphql), http: new TokenBuckets(config.rateLimits.http) };
    this.costBudgets = new TokenBuckets(config.rateLimits.cost);
  }

  async allows(context: ExecutionContext): Promise<boolean> {
    const transport: Transport = context.getType<string>() === 'graphql' ? 'graphql' : 'http';
    const req = requestOf(context, transport);
    const operation = this.operationOf(context, transport, req);
    if (operation === 'public') return true;

    const principal = await this.authenticator.principalOf(req, transport);
    if (!principal) throw accessError(transport, 'UNAUTHENTICATED', MESSAGES.noCredentials);
    this.countRequest(req, principal, transport);
    if (!roleMay(principal.role, principal.amanahs, operation)) {
      throw accessError(transport, 'FORBIDDEN', forbiddenMessage(principal, operation));
    }
    this.admit(req, principal);
    return true;
  }

  /**
   * A GraphQL read answered without running its resolvers (the API's response cache): the checks the guard makes for
   * a `read` field, in the same order and on the same request (the caller, one token of its rate limit, the role),
   * with the same effects (its lane, its scope on `req`). The caller, or undefined when any check refuses: the request
   * then runs as usual and the guard refuses it with its own error, from the same per-request results.
   */
  async admitRead(req: Request): Promise<Principal | undefined> {
    const request = req as PolicyRequest;
    try {
      const principal = await this.authenticator.principalOf(request, 'graphql');
      if (!principal) return undefined;
      this.countRequest(request, principal, 'graphql');
      if (!roleMay(principal.role, principal.amanahs, 'read')) return undefined;
      this.admit(request, principal);
      return principal;
    } catch {
      return undefined;
    }
  }

  private admit(req: PolicyRequest, principal: Principal): void {
    // The engine schedules this request's work in the key's own lane (an ingest's is a write from the start, see
    // create-app). What its queries will cost is charged to the key's budget before they run (the query runner calls
    // charge).
    const work = currentWork();
    if (work) {
      work.lane = principal.keyId;
      work.charge ??= (cost) => this.chargeCost(principal.keyId, cost);
    }
    // The query planner filters every query to this list; undefined (scope 'all') means no filter.
    req.amanahScope = principal.amanahs === 'all' ? undefined : Object.freeze([...principal.amanahs]);
  }

  private chargeCost(keyId: string, cost: number): void {
    const result = this.costBudgets.take(keyId, cost);
    if (!result.allowed) throw budgetSpent(result.retryAfterSeconds);
  }

  private operationOf(context: ExecutionContext, transport: Transport, req: Request): Operation {
    const declared = this.reflector.getAllAndOverride<Operation | undefined>(OPERATION_METADATA, [context.getHandler(), context.getClass()]);
    if (declared) return declared;
    if (transport === 'graphql') {
      // Field resolvers of object types (when guards run on them) read like the query that reached them.
      const parent = GqlExecutionContext.create(context).getInfo<{ parentType: { name: string } }>().parentType.name;
      return parent === 'Mutation' || parent === 'Subscription' ? 'admin' : 'read';
    }
    const route = (req.route as { path?: unknown } | undefined)?.path;
    const method = req.method === 'HEAD' ? 'GET' : req.method; // Express answers HEAD with the GET route
    return (typeof route === 'string' && this.routeOperations[`${method} ${route}`]) || 'admin';
  }

  /**
   * One token per HTTP request, not per resolver: a GraphQL request asking three fields costs one, and all three are
   * refused when it is over the limit.
   */
  private countRequest(req: PolicyRequest, principal: Principal, transport: Transport): void {
    const result = (req[RATE_RESULT] ??= this.limits[transport].take(principal.keyId));
    if (!result.allowed) throw rateLimited(req, transport, MESSAGES.tooManyRequests, result.retryAfterSeconds);
  }
}

/** The refusal when a key has spent its engine budget for now (HTTP 429 with Retry-After, like a rate limit). */
function budgetSpent(retryAfterSeconds: number): WorkRefusedError {
  return new WorkRefusedError(
    'COST_BUDGET',
    `This API key has used its share of the engine for now: try again in ${retryAfterSeconds} s, or ask for less at a time.`,
    retryAfterSeconds,
  );
}

function requestOf(context: ExecutionContext, transport: Transport): PolicyRequest {
  if (transport === 'graphql') return GqlExecutionContext.create(context).getContext<{ req: PolicyRequest }>().req;
  return context.switchToHttp().getRequest<PolicyRequest>();
}

function forbiddenMessage(principal: Principal, operation: Operation): string {
  return `A ${principal.role} key${principal.amanahs === 'all' ? '' : ' limited to some amanahs'} may not perform this operation (${operation}).`;
}
