import { Module, type DynamicModule } from '@nestjs/common';
import { auditLogProvider } from '@amanah/access';
import { sharedPdfRenderer } from '@amanah/reports';
import { STORE } from '../store/store.module.js';
import { ExportController, PDF_RENDERER } from './export.controller.js';

/**
 * The export endpoints. `services` are the API's analytics and press modules, the same instances GraphQL uses (one
 * QueryRunner, one cache, one data version). The PDF renderer is the process's shared one (one chromium, one bound
 * on pages, whoever prints: these endpoints or scheduled deliveries); it closes with the app and relaunches on use.
 */
@Module({})
export class ExportModule {
  static forRoot(services: DynamicModule[]): DynamicModule {
    return {
      module: ExportModule,
      imports: services,
      controllers: [ExportController],
      // Every file sent is audited (audit_log, @amanah/access).
      providers: [{ provide: PDF_RENDERER, useFactory: sharedPdfRenderer }, auditLogProvider(STORE)],
    };
  }
}
