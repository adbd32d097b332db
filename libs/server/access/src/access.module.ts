import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ACCESS_CONFIG, ACCESS_STORE, ROUTE_OPERATIONS } from './access.tokens.js';
import { DEFAULT_ACCESS_CONFIG, type AccessConfig } from './access-config.js';
import { DEFAULT_ROUTE_OPERATIONS, KeyAccessPolicy } from './access.policy.js';
import { ApiKeyService } from './api-key.service.js';
import { ApiKeysResolver } from './api-keys.resolver.js';
import { AuditLogResolver } from './audit-log.resolver.js';
import { auditLogProvider } from './audit-log.js';
import { Authenticator } from './authenticator.js';
import { DemoLogin } from './demo-login.js';
import { OidcController } from './oidc.controller.js';
import { OidcSignIn } from './oidc-sign-in.js';
import type { Operation } from './roles.js';
import { DemoLoginController, SessionController } from './session.controller.js';
import { SessionCookies } from './session-cookie.js';
import { SignedOutSessions } from './signed-out-sessions.js';

export interface AccessModuleOptions {
  /** Injection token of the open Store (the API's StoreModule provides it globally). */
  storeToken: symbol | string;
  /** Usually `accessConfigFromEnv(process.env)`; missing fields take DEFAULT_ACCESS_CONFIG's values. */
  config?: Partial<AccessConfig>;
  /** More `METHOD /path` → operation entries for routes of other modules (added to DEFAULT_ROUTE_OPERATIONS). */
  routeOperations?: Readonly<Record<string, Operation>>;
}

/**
 * API keys, sessions and the access policy. The app imports `AccessModule.forRoot(…)` and gives its global guard
 * `KeyAccessPolicy` (exported); the module adds `apiKeys` / `createApiKey` / `revokeApiKey` and `auditLog` to the GraphQL schema,
 * `/api/session` (POST, GET, DELETE), `/api/session/oidc` (status, login, callback; OpenID Connect) and, with demoLogin, `GET /api/session/demo`.
 */
@Module({})
export class AccessModule {
  static forRoot(options: AccessModuleOptions): DynamicModule {
    const config: AccessConfig = {
      ...DEFAULT_ACCESS_CONFIG,
      ...options.config,
      rateLimits: { ...DEFAULT_ACCESS_CONFIG.rateLimits, ...options.config?.rateLimits },
    };
    const providers: Provider[] = [
      { provide: ACCESS_CONFIG, useValue: config },
      { provide: ACCESS_STORE, useExisting: options.storeToken },
      { provide: ROUTE_OPERATIONS, useValue: { ...DEFAULT_ROUTE_OPERATIONS, ...options.routeOperations } },
      { provide: SessionCookies, useFactory: () => new SessionCookies(config.sessionSecret, config.sessionTtlSeconds) },
      ApiKeyService,
      SignedOutSessions,
      Authenticator,
      KeyAccessPolicy,
      DemoLogin,
      OidcSignIn,
      ApiKeysResolver,
      AuditLogResolver,
      auditLogProvider(ACCESS_STORE),
    ];
    return {
      module: AccessModule,
      controllers: [SessionController, OidcController, ...(config.demoLogin ? [DemoLoginController] : [])],
      providers,
      exports: [KeyAccessPolicy, ApiKeyService, DemoLogin],
    };
  }
}
