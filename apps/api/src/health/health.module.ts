import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { METRICS_TOKEN, MetricsController } from './metrics.controller.js';

/** Health checks and metrics: what an orchestrator and a monitoring system ask of the process. */
@Module({})
export class HealthModule {
  static forRoot(options: { metricsToken?: string }): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController, MetricsController],
      providers: [{ provide: METRICS_TOKEN, useValue: options.metricsToken }],
    };
  }
}
