import { Plugin } from '@nestjs/apollo';
import type { Request } from 'express';
import { ResponseCache, type CachedCaller } from '@amanah/analytics-graphql';
import type { QueryRunner } from '@amanah/query';
import type { AccessPolicy } from '../access/access.guard.js';

/**
 * The GraphQL response cache (@amanah/analytics-graphql ResponseCache) as a plugin of the API's Apollo server, with
 * the app's access policy: a policy without `admitRead` (a test's allowEveryRequest) admits nobody, so nothing is
 * served from the cache.
 */
@Plugin()
export class ApiResponseCache extends ResponseCache {
  constructor(policy: AccessPolicy, runner: QueryRunner, today: () => string) {
    super({
      admit: async (req): Promise<CachedCaller | undefined> => policy.admitRead?.(req as Request),
      dataVersion: () => runner.dataVersion(),
      today,
    });
  }
}
