import { Module, type DynamicModule } from '@nestjs/common';
import { sharedPdfRenderer } from '@amanah/reports';
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
      providers: [{ provide: PDF_RENDERER, useFactory: sharedPdfRenderer }],
    };
  }
}
