import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Store } from '@amanah/store';
import { IngestController } from './ingest.controller.js';
import { INGEST_SETTINGS, ingestSettingsFromEnv, type IngestSettings } from './ingest.settings.js';
import { Ingestor, type IngestHooks } from './ingestor.js';

export interface IngestModuleOptions {
  /** Injection token of the open Store (the API's StoreModule provides it). */
  storeToken: symbol | string;
  /** Overrides KPI_INGEST_MAX_BYTES. */
  maxBodyBytes?: number;
  chunkRows?: number;
  hooks?: IngestHooks;
}

/**
 * Finishes or discards batches a killed process left behind, once every module is initialised (the store is
 * migrated in StoreModule's onModuleInit) and before the application listens.
 */
@Injectable()
class IngestRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger('Ingest');
  constructor(@Inject(Ingestor) private readonly ingestor: Ingestor) {}

  async onApplicationBootstrap(): Promise<void> {
    const { committed, discarded } = await this.ingestor.recover();
    if (committed.length > 0) this.logger.log(`recovered interrupted commits: ${committed.join(', ')}`);
    if (discarded.length > 0) this.logger.log(`discarded batches interrupted before their commit: ${discarded.join(', ')}`);
  }
}

/** POST /api/ingest/:dataset, plus start-up recovery of interrupted batches. */
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
            new Ingestor(store, { chunkRows: options.chunkRows, hooks: options.hooks }),
          inject: [options.storeToken],
        },
        IngestRecovery,
      ],
      exports: [Ingestor],
    };
  }
}
