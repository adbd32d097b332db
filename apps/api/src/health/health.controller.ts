import { Controller, Get, Inject, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { Store } from '@amanah/store';
import { STORE, StoreLifecycle } from '../store/store.module.js';

/** What anyone may learn: whether the API can answer. */
export interface HealthStatus {
  status: 'ok';
}

/** What an admin may learn as well: which store, which engine, which migrations. */
export interface HealthReport extends HealthStatus {
  store: string;
  serverVersion: string;
  migrations: string[];
}

/**
 * `GET /readyz` and `GET /healthz` (public, the same check): 200 `{ status: 'ok' }` once migrations have run and the
 * store answers a query, 503 `{ status: 'unavailable' }` otherwise. Nothing more: a load balancer needs no more, and
 * the store's path, engine version and migrations tell a stranger what to attack. The reason of a 503 goes to the log.
 *
 * `GET /livez` (public): 200 while the process serves HTTP at all, without asking the store (an orchestrator restarts
 * a process that fails it; a store that is down is not cured by restarting the API).
 *
 * `GET /healthz/details` (admin, like every REST route the access policy does not list): the same check with the
 * store, its version, the migrations, and the reason of a 503.
 */
@Controller()
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly lifecycle: StoreLifecycle,
  ) {}

  @Get('livez')
  live(): HealthStatus {
    return { status: 'ok' };
  }

  @Get(['readyz', 'healthz'])
  async health(): Promise<HealthStatus> {
    const problem = await this.problem();
    if (problem) {
      this.logger.warn(`unhealthy: ${problem}`);
      throw new ServiceUnavailableException({ status: 'unavailable' });
    }
    return { status: 'ok' };
  }

  @Get('healthz/details')
  async details(): Promise<HealthReport> {
    const problem = await this.problem();
    if (problem) throw new ServiceUnavailableException({ status: 'unavailable', store: this.store.description, reason: problem });
    return { status: 'ok', store: this.store.description, serverVersion: this.store.serverVersion, migrations: this.lifecycle.migrations! };
  }

  /** Why the API cannot answer, or undefined when it can. */
  private async problem(): Promise<string | undefined> {
    if (!this.lifecycle.migrations) return 'migrations have not run yet';
    try {
      await this.store.select('SELECT 1');
      return undefined;
    } catch (error) {
      return `the store does not answer: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
