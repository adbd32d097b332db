import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Store } from '@amanah/store';
import { ACCESS_CONFIG, ACCESS_STORE } from './access.tokens.js';
import type { AccessConfig } from './access-config.js';
import { ApiKeyService } from './api-key.service.js';
import { createDemoViewerKey } from './api-keys.js';
import { constantTimeEquals } from './key-secret.js';
import type { Principal } from './principal.js';

export const DEMO_LOGIN_PATH = '/api/session/demo';

/**
 * The local demo's sign-in: with KPI_DEMO_LOGIN=true, start-up calls `prepare()`, which makes sure the demo viewer
 * key exists (createDemoViewerKey) and answers the path to print. The link's token is random per process and
 * kept only in memory; whoever opens it gets a viewer session (every amanah, read only) for the demo key, which
 * can be revoked like any other key.
 */
@Injectable()
export class DemoLogin {
  private readonly token = randomBytes(24).toString('base64url');
  private keyId: string | undefined;

  constructor(
    @Inject(ACCESS_STORE) private readonly store: Store,
    @Inject(ACCESS_CONFIG) private readonly config: AccessConfig,
    private readonly keys: ApiKeyService,
  ) {}

  get enabled(): boolean {
    return this.config.demoLogin;
  }

  /** Creates (or finds) the demo viewer key and answers the sign-in path, `/api/session/demo?token=…`. */
  async prepare(): Promise<string> {
    if (!this.enabled) throw new Error('The demo sign-in is disabled: set KPI_DEMO_LOGIN=true to enable it.');
    this.keyId = (await createDemoViewerKey(this.store)).id;
    return `${DEMO_LOGIN_PATH}?token=${this.token}`;
  }

  /** The demo viewer for the right token, once prepared; undefined otherwise (or once the demo key is revoked). */
  async principalFor(token: string): Promise<Principal | undefined> {
    if (!this.enabled || this.keyId === undefined || !constantTimeEquals(token, this.token)) return undefined;
    return this.keys.principalForSession(this.keyId);
  }
}
