import type { AddressInfo } from 'node:net';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Store } from '@amanah/store';
import { exemptIngestFromJsonBodyParser } from '../body-parser.js';
import { IngestModule, type IngestModuleOptions } from '../ingest.module.js';
import { Ingestor, type IngestPrincipal } from '../ingestor.js';

export const TEST_STORE = Symbol('TestStore');

@Global()
@Module({})
class TestStoreModule {
  static forStore(store: Store): DynamicModule {
    return { module: TestStoreModule, providers: [{ provide: TEST_STORE, useValue: store }], exports: [TEST_STORE] };
  }
}

/**
 * A minimal Nest application with the ingest module on a random port, as the API wires it. The access layer is
 * stood in for by a middleware that maps `Authorization: Bearer <name>` to one of `principals`.
 */
export async function startIngestApp(
  store: Store,
  principals: Record<string, IngestPrincipal>,
  { onWrite, ...options }: Omit<IngestModuleOptions, 'storeToken'> & { onWrite?: () => void } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  @Module({ imports: [TestStoreModule.forStore(store), IngestModule.forRoot({ storeToken: TEST_STORE, ...options })] })
  class TestAppModule {}

  const app = await NestFactory.create<NestExpressApplication>(TestAppModule, { logger: false, abortOnError: false });
  exemptIngestFromJsonBodyParser(app);
  if (onWrite) app.get(Ingestor).addWriteListener(onWrite);
  app.use((req: { headers: Record<string, string | undefined>; principal?: IngestPrincipal }, _res: unknown, next: () => void) => {
    const name = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (name && principals[name]) req.principal = principals[name];
    next();
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
