import type { AddressInfo } from 'node:net';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Controller, Get, Global, Module, Param, Post, Req, ValidationPipe, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD, APP_PIPE, NestFactory } from '@nestjs/core';
import { Context, Field, GraphQLModule, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Store } from '@amanah/store';
import { AccessModule } from '../access.module.js';
import { AccessOperation, KeyAccessPolicy } from '../access.policy.js';
import type { AccessConfig } from '../access-config.js';
import { principalOf, type AccessRequest } from '../principal.js';

/**
 * A minimal API for the integration tests: the access module, GraphQL, and probes standing for every kind of
 * operation (a read, a press and an analysis feature, an undeclared mutation, the health check, ingest, an
 * undeclared route). Wired as apps/api wires its global guard: APP_GUARD → `policy.allows(context)`.
 */
export const STORE = Symbol('TestStore');

// A real OpenID provider for sign-in tests here and in the browser suite.
export { listenTestOidcProvider, type TestOidcProvider } from './oidc-test-provider.js';

@ObjectType({ description: 'What the access layer left on the request.' })
class Probe {
  @Field(() => String, { nullable: true, description: 'req.principal.keyId' }) keyId!: string | null;
  @Field(() => String, { nullable: true, description: 'req.principal.role' }) role!: string | null;
  @Field(() => [String], { nullable: true, description: 'req.amanahScope (null = every amanah)' }) scope!: string[] | null;
}

function probe(req: AccessRequest): Probe {
  const principal = principalOf(req);
  return { keyId: principal?.keyId ?? null, role: principal?.role ?? null, scope: req.amanahScope ? [...req.amanahScope] : null };
}

@Resolver()
class ProbeResolver {
  @Query(() => Probe, { description: 'An undeclared query: a read.' })
  readProbe(@Context('req') req: AccessRequest): Probe {
    return probe(req);
  }

  @Query(() => Probe, { nullable: true, description: 'A read whose refusal nulls only itself (GraphQL nullability).' })
  optionalProbe(@Context('req') req: AccessRequest): Probe {
    return probe(req);
  }

  @Query(() => Probe, { description: 'A press feature.' })
  @AccessOperation('press')
  pressProbe(@Context('req') req: AccessRequest): Probe {
    return probe(req);
  }

  @Query(() => Probe, { description: 'An analyst feature.' })
  @AccessOperation('analysis')
  analysisProbe(@Context('req') req: AccessRequest): Probe {
    return probe(req);
  }

  @Mutation(() => Probe, { description: 'An undeclared mutation: admin only.' })
  undeclaredMutation(@Context('req') req: AccessRequest): Probe {
    return probe(req);
  }
}

@Controller()
class ProbeController {
  @Get('healthz')
  health() {
    return { status: 'ok' };
  }

  @Post('api/ingest/:dataset')
  ingest(@Param('dataset') dataset: string, @Req() req: Request) {
    return { dataset, ...probe(req as AccessRequest) };
  }

  @Get('api/undeclared')
  undeclared(@Req() req: Request) {
    return probe(req as AccessRequest);
  }
}

@Global()
@Module({})
class TestStoreModule {
  static forRoot(store: Store): DynamicModule {
    return { module: TestStoreModule, providers: [{ provide: STORE, useValue: store }], exports: [STORE] };
  }
}

export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startAccessTestApp(store: Store, config: Partial<AccessConfig>, extraImports: DynamicModule[] = []): Promise<TestApp> {
  @Module({
    imports: [
      TestStoreModule.forRoot(store),
      // As apps/api: a RATE_LIMITED error's `extensions.http` (429, Retry-After) is not reset to 200.
      GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true, path: '/graphql', preserveHttpStatusForExecutionErrors: false }),
      AccessModule.forRoot({ storeToken: STORE, config }),
      ...extraImports,
    ],
    controllers: [ProbeController],
    providers: [
      ProbeResolver,
      {
        provide: APP_GUARD,
        useFactory: (policy: KeyAccessPolicy) => ({ canActivate: (context: ExecutionContext) => policy.allows(context) }),
        inject: [KeyAccessPolicy],
      },
      { provide: APP_PIPE, useValue: new ValidationPipe({ transform: true, errorHttpStatusCode: 422 }) },
    ],
  })
  class AccessTestAppModule {}

  const app = await NestFactory.create<NestExpressApplication>(AccessTestAppModule, { logger: false, abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return { app, baseUrl, close: () => app.close() };
}

export interface GraphqlAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions: { code: string; [key: string]: unknown } }>;
}

/** POST /graphql with a bearer key, a cookie, or nothing. */
export async function graphql<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  auth: { key?: string; cookie?: string; authorization?: string } = {},
  variables?: Record<string, unknown>,
): Promise<GraphqlAnswer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth.key) headers.authorization = `Bearer ${auth.key}`;
  if (auth.authorization) headers.authorization = auth.authorization;
  if (auth.cookie) headers.cookie = auth.cookie;
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as Omit<GraphqlAnswer<T>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...body };
}

/** The `name=value` part of a Set-Cookie header, to send back as a Cookie header. */
export function cookieFrom(response: Response): string {
  const setCookie = response.headers.get('set-cookie');
  if (!setCookie) throw new Error('no Set-Cookie in the answer');
  return setCookie.split(';')[0]!;
}
