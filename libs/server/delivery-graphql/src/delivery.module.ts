import {
  Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown,
} from '@nestjs/common';
import { AnalyticsService, DashboardRegistry, FactSheetStore, PressService } from '@amanah/analytics';
import { PdfRenderer, sharedPdfRenderer } from '@amanah/reports';
import {
  DELIVERY_SETTINGS, DeliveryService, deliverySettingsFromEnv, NO_SMTP, reportFiles, SmtpMailer, type Clock, type DeliverySettings,
  type ReportAttachments,
} from '@amanah/delivery';
import type { Store } from '@amanah/store';
import { DeliveryResolver } from './delivery.resolver.js';

export interface DeliveryModuleOptions {
  /** Injection token of the open Store (the API's StoreModule provides it). */
  storeToken: symbol | string;
  /** The API's `AnalyticsModule.forRoot(...)` module, the same instance (one QueryRunner, one cache). */
  analytics: DynamicModule;
  /** Default: KPI_SMTP_URL, KPI_MAIL_FROM, KPI_WEBHOOK_ALLOWED_HOSTS from the environment. */
  settings?: DeliverySettings;
  /** Seconds between schedule ticks; 0: no timer (tests tick by hand). Default 30. */
  tickSeconds?: number;
  clock?: Clock;
  /** Default: the view's PDF and XLSX (@amanah/reports, the process's shared chromium, closed with the app). */
  attachments?: ReportAttachments;
}

/** Runs the schedule on a timer from start-up to shutdown; a tick that fails is logged and the next one runs. */
@Injectable()
class DeliveryTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Delivery');
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  constructor(
    @Inject(DeliveryService) private readonly delivery: DeliveryService,
    @Inject('DELIVERY_TICK_MS') private readonly tickMs: number,
    @Inject(PdfRenderer) private readonly renderer: PdfRenderer,
  ) {}

  onApplicationBootstrap(): void {
    if (this.tickMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.delivery.close();
    await this.renderer.close();
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.delivery.tick();
    } catch (error) {
      this.logger.warn({ msg: 'delivery schedule tick failed', error: (error as Error).message });
    } finally {
      this.ticking = false;
    }
  }
}

/** Subscriptions, alert rules and deliveries over GraphQL, and the schedule's timer. Exports DeliveryService. */
@Module({})
export class DeliveryModule {
  static forRoot(options: DeliveryModuleOptions): DynamicModule {
    const logger = new Logger('Delivery');
    return {
      module: DeliveryModule,
      imports: [options.analytics],
      providers: [
        { provide: DELIVERY_SETTINGS, useFactory: () => options.settings ?? deliverySettingsFromEnv() },
        { provide: 'DELIVERY_TICK_MS', useValue: (options.tickSeconds ?? 30) * 1000 },
        // The process's one chromium and page bound, shared with the export endpoints; it relaunches on use.
        { provide: PdfRenderer, useFactory: sharedPdfRenderer },
        {
          provide: DeliveryService,
          useFactory: (store: Store, analytics: AnalyticsService, dashboards: DashboardRegistry, settings: DeliverySettings, renderer: PdfRenderer) => {
            // Press figures over the same AnalyticsService (its runner and cache); the sheets from the store.
            const press = new PressService(analytics, dashboards, new FactSheetStore(store));
            return new DeliveryService({
              store,
              analytics,
              dashboards,
              press,
              settings,
              mailer: settings.smtpUrl ? new SmtpMailer(settings.smtpUrl, settings.mailFrom) : NO_SMTP,
              attachments: options.attachments ?? reportFiles({ analytics, press, renderer }),
              clock: options.clock,
              logger: { info: (msg, fields) => logger.log({ msg, ...fields }), warn: (msg, fields) => logger.warn({ msg, ...fields }) },
            });
          },
          inject: [options.storeToken, AnalyticsService, DashboardRegistry, DELIVERY_SETTINGS, PdfRenderer],
        },
        DeliveryTimer,
        DeliveryResolver,
      ],
      exports: [DeliveryService],
    };
  }
}
