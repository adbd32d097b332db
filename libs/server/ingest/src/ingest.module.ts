import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { auditLogProvider } from '@amanah/access';
import type { Store } from '@amanah/store';
import { CompletenessResolver, IngestBatchesResolver } from './batches.resolver.js';
import { IngestController } from './ingest.controller.js';
import { INGEST_SETTINGS, ingestSettingsFromEnv, STORE_OF_INGEST, type IngestSettings } from './ingest.settings.js';
import { Ingestor, type IngestHooks } from './ingestor.js';
import type { ValidationThreads } from './validation-pool.js';

export interface IngestModuleOptions {
  /** Injection token of the open Store (the API's StoreModule provides it). */
  storeToken: symbol | string;
  /** Overrides KPI_INGEST_MAX_BYTES. */
  maxBodyBytes?: number;
  chunkRows?: number;
  hooks?: IngestHooks;
  /** Worker threads that validate CSV bodies (NDJSON is checked by the engine); without them the event loop validates (slower, same answers). */
  validation?: ValidationThreads;
  /** False only where no store is open (the GraphQL schema's generation): no recovery at start. Default true. */
  recoverAtStart?: boolean;
}

/**
 * Finishes or discards batches a killed process left behind, once every module is initialised (the store is
 * migrated in StoreModule's onModuleInit) and before the application listens; stops the validation threads at the end.
 */
@Injectable()
class IngestLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ingest');
  constructor(@Inject(Ingestor) private readonly ingestor: Ingestor) {}

  onApplicationShutdown(): Promise<void> {
    return this.ingestor.close();
  }

  async onApplicationBootstrap(): Promise<void> {
    const { committed, discarded } = await this.ingestor.recover();
    if (committed.length > 0) this.logger.log(`recovered interrupted commits: ${committed.join(', ')}`);
    if (discarded.length > 0) this.logger.log(`discarded batches interrupted before their commit: ${discarded.join(', ')}`);
  }
}

/**
 * POST /api/ingest/:dataset, the batch history and withdrawals (GraphQL `ingestBatches`, `withdrawBatch`, found by
 * the API's GraphQL module like every resolver), plus start-up recovery of interrupted batches and withdrawals.
 */
@Module({})
export class IngestModule {
  static forRoot(options: IngestModuleOptions): DynamicModule {
    const settings: IngestSettings = options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : ingestSettingsFromEnv();
    return {
      module: IngestModule,
      controllers: [IngestController],
      providers: [
        { provide: INGEST_SETTINGS, useValue: settings },
        {
          provide: Ingestor,
          useFactory: (store: Store) =>
            new Ingestor(store, { chunkRows: options.chunkRows, hooks: options.hooks, validation: options.validation }),
          inject: [options.storeToken],
        },
        ...(options.recoverAtStart === false ? [] : [IngestLifecycle]),
        IngestBatchesResolver,
        { provide: STORE_OF_INGEST, useExisting: options.storeToken },
        CompletenessResolver,
        // Withdrawals are audited (audit_log, @amanah/access).
        auditLogProvider(options.storeToken),
      ],
      exports: [Ingestor],
    };
  }
}
