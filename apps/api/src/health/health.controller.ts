import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { Store } from '@amanah/store';
import { STORE, StoreLifecycle } from '../store/store.module.js';

export interface HealthReport {
  status: 'ok';
  store: string;
  serverVersion: string;
  migrations: string[];
}

/** `GET /healthz`: 200 once migrations have run and the store answers a query, 503 otherwise. */
@Controller()
export class HealthController {
  constructor(
    @Inject(STORE) private readonly store: Store,
    private readonly lifecycle: StoreLifecycle,
  ) {}

  @Get('healthz')
  async health(): Promise<HealthReport> {
    const migrations = this.lifecycle.migrations;
    if (!migrations) throw this.unavailable('migrations have not run yet');
    try {
      await this.store.select('SELECT 1');
    } catch (error) {
      throw this.unavailable(`the store does not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { status: 'ok', store: this.store.description, serverVersion: this.store.serverVersion, migrations };
  }

  private unavailable(reason: string): ServiceUnavailableException {
    return new ServiceUnavailableException({ status: 'unavailable', store: this.store.description, reason });
  }
}
