import type { Clock } from './clock.js';
import type { DeliveryStore } from './delivery-store.js';

/**
 * "One process runs the schedule", across every process that shares the store. Terms are numbered; a process takes
 * term n+1 only when term n has expired, by claiming it (DeliveryStore.claim: insert, read back, earliest claim wins),
 * so two processes that both see term n expire agree on who holds n+1. The holder renews before half its time is
 * up. A holder that stops (crash, pause) loses the lease when it expires; work it started is guarded again by the
 * per-delivery claims, so a late tick of an old holder cannot send a slot twice.
 */
export class Lease {
  constructor(
    private readonly store: DeliveryStore,
    private readonly name: string,
    readonly holder: string,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /** Whether this process holds the lease now (taking or renewing it when it may). */
  async acquire(): Promise<boolean> {
    const now = this.clock.now().getTime();
    const term = await this.store.leaseTerm(this.name);
    if (term > 0) {
      const current = await this.store.claimOf(this.key(term));
      if (current && current.expiresAt.getTime() > now) {
        if (current.claimant !== this.holder) return false;
        if (current.expiresAt.getTime() - now < this.ttlMs / 2) await this.store.claim(this.key(term), this.holder, new Date(now + this.ttlMs));
        return true;
      }
    }
    return this.store.claim(this.key(term + 1), this.holder, new Date(now + this.ttlMs));
  }

  /** Lets another process take the lease at once (a clean shutdown). */
  async release(): Promise<void> {
    const term = await this.store.leaseTerm(this.name);
    const current = term > 0 ? await this.store.claimOf(this.key(term)) : null;
    if (current?.claimant === this.holder) await this.store.claim(this.key(term), this.holder, new Date(this.clock.now().getTime() - 1));
  }

  private key(term: number): string {
    return `lease:${this.name}:${term}`;
  }
}
