import { Module, type DynamicModule } from '@nestjs/common';
import { PdfRenderer } from '@amanah/reports';
import { ExportController, PDF_RENDERER } from './export.controller.js';

/**
 * The export endpoints. `services` are the API's analytics and press modules, the same instances GraphQL uses (one
 * QueryRunner, one cache, one data version); the PDF renderer is this app's own and closes with it.
 */
@Module({})
export class ExportModule {
  static forRoot(services: DynamicModule[]): DynamicModule {
    return {
      module: ExportModule,
      imports: services,
      controllers: [ExportController],
      providers: [{ provide: PDF_RENDERER, useFactory: () => new PdfRenderer() }],
    };
  }
}
