import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { migrate, openStore, type MigrationReport, type Store, type StoreConfig } from '@amanah/store';

/** Injection token of the one open Store of this process. */
export const STORE = Symbol('Store');
const STORE_OWNED = Symbol('StoreOwned');

/**
 * Migrates the store when the application starts (before it listens) and, when this process opened the store,
 * closes it on shutdown: chDB holds a lock on its directory until it is closed.
 */
@Injectable()
export class StoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Store');
  private report: MigrationReport | undefined;

  constructor(
    @Inject(STORE) private readonly store: Store,
    @Inject(STORE_OWNED) private readonly owned: boolean,
  ) {}

  /** Names of every migration the store has, in order; undefined until start-up migration has finished. */
  get migrations(): string[] | undefined {
    return this.report && [...this.report.alreadyApplied, ...this.report.applied];
  }

  async onModuleInit(): Promise<void> {
    this.report = await migrate(this.store);
    this.logger.log(
      `${this.store.description} (ClickHouse ${this.store.serverVersion}): ` +
        (this.report.applied.length > 0 ? `applied ${this.report.applied.join(', ')}` : 'migrations up to date'),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.owned) return;
    await this.store.close();
    this.logger.log(`closed ${this.store.description}`);
  }
}

@Global()
@Module({})
export class StoreModule {
  /**
   * `store`: an open Store, closed at shutdown only with `closeOnShutdown` (the server opens it before Nest so that
   * a locked or unreachable store is one clear line; tests keep and close theirs), or a StoreConfig that this module
   * opens at start-up and closes at shutdown.
   */
  static forRoot(store: Store | StoreConfig, options: { closeOnShutdown?: boolean } = {}): DynamicModule {
    const owned = isStore(store) ? options.closeOnShutdown === true : true;
    return {
      module: StoreModule,
      providers: [
        isStore(store) ? { provide: STORE, useValue: store } : { provide: STORE, useFactory: () => openStore(store) },
        { provide: STORE_OWNED, useValue: owned },
        StoreLifecycle,
      ],
      exports: [STORE, StoreLifecycle],
    };
  }

  /**
   * A stand-in for processes that build the app's module graph without serving it (printing the GraphQL schema):
   * any use of the store is a bug there, and says so.
   */
  static unavailable(purpose: string): DynamicModule {
    const refuse = () => Promise.reject(new Error(`No store is open during ${purpose}.`));
    const store: Store = {
      config: { kind: 'embedded', dataDir: '' },
      description: `no store (${purpose})`,
      serverVersion: 'none',
      queryTimeoutSeconds: 0,
      select: refuse,
      command: refuse,
      insert: refuse,
      insertRowBinary: refuse,
      insertFromLines: refuse,
      readDataVersion: refuse,
      exclusive: refuse,
      close: () => Promise.resolve(),
    };
    return { module: StoreModule, providers: [{ provide: STORE, useValue: store }], exports: [STORE] };
  }
}

export function isStore(source: Store | StoreConfig): source is Store {
  return typeof (source as Store).select === 'function';
}
