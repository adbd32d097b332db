import { Module, type DynamicModule } from '@nestjs/common';
import { FACT_SHEET_STORE, FactSheetStore, PressService } from '@amanah/analytics';
import { auditLogProvider } from '@amanah/access';
import type { Store } from '@amanah/store';
import { PressResolver } from './press.resolver.js';

export interface PressModuleOptions {
  /** Injection token of the open Store (the API's StoreModule provides it). */
  storeToken: symbol | string;
  /**
   * The API's `AnalyticsModule.forRoot(...)` module, the same instance: Nest deduplicates it, so press figures use
   * the one QueryRunner (its cache and data version) that `kpi` uses.
   */
  analytics: DynamicModule;
}

/** pressPhrase, pressFigures, and certified fact sheets over GraphQL. */
@Module({})
export class PressModule {
  static forRoot(options: PressModuleOptions): DynamicModule {
    return {
      module: PressModule,
      imports: [options.analytics],
      providers: [
        { provide: FACT_SHEET_STORE, useFactory: (store: Store) => new FactSheetStore(store), inject: [options.storeToken] },
        PressService,
        PressResolver,
        // Reading one certified sheet and certifying one are audited (audit_log, @amanah/access).
        auditLogProvider(options.storeToken),
      ],
      // For the exports (apps/api ExportModule): fact sheets as files come from the same service.
      exports: [PressService],
    };
  }
}
