import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '@amanah/access';

/**
 * Decides whether a request (an HTTP route or a GraphQL resolver call) may proceed. The API's policy is
 * KeyAccessPolicy (libs/server/access: API keys and sessions, roles, amanah scopes); `allowEveryRequest` is for tests
 * of other concerns only.
 */
export interface AccessPolicy {
  allows(context: ExecutionContext): boolean | Promise<boolean>;
  /**
   * A GraphQL read answered from the response cache, without resolvers: the caller after the checks `allows` makes
   * for a read, or undefined when one refuses (KeyAccessPolicy.admitRead). Without it nothing is served from the cache.
   */
  admitRead?(req: Request): Promise<Principal | undefined>;
}

export const ACCESS_POLICY = Symbol('AccessPolicy');

export const allowEveryRequest: AccessPolicy = { allows: () => true };

/**
 * The one guard, registered globally (APP_GUARD) in AppModule: every controller route and every resolver passes
 * through it, so a new resolver cannot forget to be guarded.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(@Inject(ACCESS_POLICY) private readonly policy: AccessPolicy) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    return this.policy.allows(context);
  }
}
