import { Inject, Injectable, Logger } from '@nestjs/common';
import { outsideRequests, type Store } from '@amanah/store';
import { ACCESS_CONFIG, ACCESS_STORE } from './access.tokens.js';
import type { AccessConfig } from './access-config.js';
import {
  createApiKey,
  findApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKeyRecord,
  type IssuedApiKey,
  type NewApiKey,
  type StoredApiKey,
} from './api-keys.js';
import { constantTimeEquals, parseKey, sha256, verifySecret } from './key-secret.js';
import { ADMIN_KEY_ID, type Principal } from './principal.js';
import type { SessionKey } from './session-cookie.js';

interface CachedKey {
  /** The stored key, or null when the id is unknown or revoked. */
  stored: StoredApiKey | null;
  expiresAt: number;
  /** SHA-256 digests of full keys whose secret scrypt has already accepted: later requests skip scrypt. */
  verifiedDigests: Set<string>;
  /** A background refresh of this entry failed: no other is tried, and the entry is served until expiresAt at most. */
  refreshFailed?: boolean;
  /** Digests of wrong keys for this id that scrypt has refused: a replayed wrong key costs no scrypt either. */
  rejectedDigests: Set<string>;
  /** scrypt checks running, by digest: requests presenting the same key at the same moment share one. */
  checking: Map<string, Promise<boolean>>;
}

/** Wrong keys remembered per id; past this the set starts again (it is a cost saver, not a security boundary). */
const MAX_REJECTED_DIGESTS = 256;

/**
 * Keys as the API uses them: verification with a short-lived cache (so a request costs neither scrypt nor a store
 * query), and creation/revocation that update the cache at once. A revocation made through this service is
 * effective immediately in this process; one made by another process (the CLI against a ClickHouse server) is
 * effective here once the cache entry expires (AccessConfig.keyCacheTtlMs, default 30 s).
 */
@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger('Access');
  private readonly cache = new Map<string, CachedKey>();
  /** One store lookup per id at a time, however many requests arrive together. */
  private readonly lookups = new Map<string, Promise<CachedKey>>();
  /** Revocation is final, so ids revoked here are refused even if a lookup that began before it lands later. */
  private readonly revokedHere = new Set<string>();

  constructor(
    @Inject(ACCESS_STORE) private readonly store: Store,
    @Inject(ACCESS_CONFIG) private readonly config: AccessConfig,
  ) {}

  create(input: NewApiKey): Promise<IssuedApiKey> {
    return createApiKey(this.store, input);
  }

  async revoke(id: string): Promise<ApiKeyRecord | undefined> {
    const revoked = await revokeApiKey(this.store, id);
    if (revoked) this.revokedHere.add(id);
    this.cache.delete(id);
    return revoked;
  }

  list(): Promise<ApiKeyRecord[]> {
    return listApiKeys(this.store);
  }

  /**
   * The principal a bearer key stands for, or undefined for a wrong, unknown or revoked key. Only a well-formed
   * key of a live id that has not been refused before costs scrypt: the failed-attempt limit counts failures after
   * this check (so that it never refuses a right key), and this keeps those failures cheap.
   */
  async verify(key: string): Promise<Principal | undefined> {
    if (this.config.adminKey !== undefined && constantTimeEquals(key, this.config.adminKey)) return this.adminPrincipal('bearer');
    const parsed = parseKey(key);
    if (!parsed) return undefined; // malformed: neither the store nor scrypt
    const entry = await this.entry(parsed.id);
    if (!entry.stored) return undefined; // unknown or revoked id: no scrypt
    const digest = sha256(key).toString('base64url');
    if (entry.rejectedDigests.has(digest)) return undefined;
    if (!entry.verifiedDigests.has(digest)) {
      const stored = entry.stored;
      let check = entry.checking.get(digest);
      if (!check) {
        check = verifySecret(parsed.secret, stored.secretHash).finally(() => entry.checking.delete(digest));
        entry.checking.set(digest, check);
      }
      if (!(await check)) {
        if (entry.rejectedDigests.size >= MAX_REJECTED_DIGESTS) entry.rejectedDigests.clear();
        entry.rejectedDigests.add(digest);
        return undefined;
      }
      entry.verifiedDigests.add(digest);
    }
    // Revoked while its secret was being checked: refused like any revoked key.
    if (!entry.stored || this.revokedHere.has(parsed.id)) return undefined;
    return toPrincipal(entry.stored, 'bearer');
  }

  /** The principal of a session's key, or undefined once that key is revoked (or the admin key is unset). */
  async principalForSession(keyId: string): Promise<Principal | undefined> {
    return (await this.sessionKey(keyId))?.principal;
  }

  /**
   * A live key by id, for sessions: its principal (via 'session') and the material a session cookie is bound to
   * (SessionCookies.isBoundTo): the bootstrap admin key itself, so that a new KPI_ADMIN_KEY ends the sessions of
   * the old one; a stored key's salted secret hash. Undefined once the key is revoked (or the admin key is unset);
   * through the same cache as `verify`, so revocation through `revoke` counts at once.
   */
  async sessionKey(keyId: string): Promise<{ principal: Principal; key: SessionKey } | undefined> {
    if (keyId === ADMIN_KEY_ID) {
      if (this.config.adminKey === undefined) return undefined;
      return { principal: this.adminPrincipal('session'), key: { id: ADMIN_KEY_ID, material: this.config.adminKey } };
    }
    const entry = await this.entry(keyId);
    if (!entry.stored) return undefined;
    return { principal: toPrincipal(entry.stored, 'session'), key: { id: keyId, material: entry.stored.secretHash } };
  }

  private adminPrincipal(via: Principal['via']): Principal {
    return { keyId: ADMIN_KEY_ID, role: 'admin', amanahs: 'all', label: 'KPI_ADMIN_KEY (bootstrap)', via };
  }

  private async entry(id: string): Promise<CachedKey> {
    const cached = this.cache.get(id);
    const now = Date.now();
    if (cached && cached.expiresAt > now && !this.revokedHere.has(id)) {
      // In the last fifth of its life it is read again in the background, outside any request (no request's deadline
      // or lane): a key in steady use never waits for the store, and none is trusted past expiresAt. A failed
      // refresh is logged and not retried in the background: the entry is served until expiresAt, then read again
      // in the request, which sees the store's error if it persists.
      if (cached.expiresAt - now < this.config.keyCacheTtlMs / 5 && !this.lookups.has(id) && !cached.refreshFailed) {
        void outsideRequests(() => this.lookup(id, cached)).catch((error: unknown) => {
          cached.refreshFailed = true;
          this.logger.warn(
            `API key ${id}: refreshing its cached entry failed; it is served until ${new Date(cached.expiresAt).toISOString()}, then read again: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
      }
      return cached;
    }
    return this.lookups.get(id) ?? this.lookup(id, cached);
  }

  /** One store lookup of a key (at most one per id at a time), cached when the id exists. */
  private lookup(id: string, cached: CachedKey | undefined): Promise<CachedKey> {
    const lookup = findApiKey(this.store, id)
      .then((stored) => {
        const live = stored && stored.revokedAt === null && !this.revokedHere.has(id) ? stored : null;
        // The same secret hash as before (the key neither revoked nor replaced): what scrypt decided about it still
        // holds, so a refresh costs its keys' requests no scrypt (every 30 s, each concurrent request paid one).
        const same = live && cached?.stored?.secretHash === live.secretHash ? cached : undefined;
        const entry: CachedKey = {
          stored: live,
          expiresAt: Date.now() + this.config.keyCacheTtlMs,
          verifiedDigests: same?.verifiedDigests ?? new Set(),
          rejectedDigests: same?.rejectedDigests ?? new Set(),
          checking: same?.checking ?? new Map(),
        };
        // Unknown ids are not cached: a key created a moment ago by another process must work at once, and random
        // ids would only fill the map. Such a failure costs this one query by primary key, never scrypt.
        if (stored) this.cache.set(id, entry);
        return entry;
      })
      .finally(() => this.lookups.delete(id));
    this.lookups.set(id, lookup);
    return lookup;
  }
}

function toPrincipal(stored: StoredApiKey, via: Principal['via']): Principal {
  return { keyId: stored.id, role: stored.role, amanahs: stored.amanahs, label: stored.label, via };
}
