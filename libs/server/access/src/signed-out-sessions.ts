import { Inject, Injectable } from '@nestjs/common';
import type { Store } from '@amanah/store';
import { ACCESS_STORE } from './access.tokens.js';
import type { Session } from './session-cookie.js';

/**
 * How long a process trusts its copy of the signed-out list: a session signed out on another process is refused here
 * at most this long after, and each process reads the table at most once per this interval (only while sessions are
 * in use). Two seconds: shorter than anyone takes to copy a cookie to another browser after signing out, long enough
 * that a busy dashboard costs one small query every two seconds, not one per request.
 */
export const SIGNED_OUT_CACHE_MS = 2000;

/**
 * Sessions signed out before they expired (table `signed_out_sessions`, migration 0085), shared by every API process
 * over the same store. A sign-out is written to the store before it is answered and takes effect at once in this
 * process; other processes refuse the session within SIGNED_OUT_CACHE_MS. Applies to every session cookie, API-key
 * and ministry-account ones alike.
 */
@Injectable()
export class SignedOutSessions {
  /** Session id → expiry (Unix seconds): what the store held at the last read, plus this process's sign-outs since. */
  private known = new Map<string, number>();
  private readAt = -Infinity;
  private reading: Promise<void> | undefined;

  constructor(@Inject(ACCESS_STORE) private readonly store: Store) {}

  /** Records the sign-out in the store (awaited: the answer says it is done) and here. */
  async signOut(session: Session): Promise<void> {
    this.known.set(session.sessionId, session.expiresAt);
    await this.store.insert('signed_out_sessions', [{ session_id: session.sessionId, expires_at: session.expiresAt }]);
  }

  async isSignedOut(session: Session): Promise<boolean> {
    if (this.known.has(session.sessionId)) return true;
    if (performance.now() - this.readAt >= SIGNED_OUT_CACHE_MS) await this.refresh();
    return this.known.has(session.sessionId);
  }

  private refresh(): Promise<void> {
    // One read at a time however many requests find the copy stale.
    this.reading ??= (async () => {
      const startedAt = performance.now();
      const rows = await this.store.select<{ session_id: string; expires_at: number | string }>(
        'SELECT session_id, toUnixTimestamp(expires_at) AS expires_at FROM signed_out_sessions WHERE expires_at > now()',
      );
      const known = new Map(rows.map((row) => [row.session_id, Number(row.expires_at)] as const));
      // Sign-outs of this process made while the read ran stay known.
      const nowSeconds = Date.now() / 1000;
      for (const [id, expiresAt] of this.known) if (expiresAt > nowSeconds && !known.has(id)) known.set(id, expiresAt);
      this.known = known;
      this.readAt = startedAt;
    })().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }
}
