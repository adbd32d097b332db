/**
 * Token buckets in memory, one per key (an API key id, or a client address for failed sign-ins). A bucket holds up
 * to `burst` tokens and refills at `perSecond`; a request takes one. Hand-written rather than a library because the
 * whole algorithm is the refill line below and the answer must give an exact Retry-After.
 */
export interface BucketRate {
  perSecond: number;
  burst: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets idle long enough to be full again are dropped when the map grows past this. */
const SWEEP_ABOVE = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly rate: BucketRate,
    /** Milliseconds, monotonic; tests pass their own clock. */
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(rate.perSecond > 0) || !(rate.burst >= 1)) throw new Error(`A rate limit needs perSecond > 0 and burst ≥ 1, got ${JSON.stringify(rate)}`);
  }

  /**
   * Takes `amount` tokens (one request; or a cost) for `key` if it has them; otherwise says how many whole seconds
   * until it will. An amount above the burst is taken from a full bucket (which goes negative), so that a large
   * request is not refused for ever, only paid for by waiting afterwards.
   */
  take(key: string, amount = 1): TakeResult {
    const bucket = this.refilled(key);
    const needed = Math.min(amount, this.rate.burst);
    if (bucket.tokens >= needed) {
      bucket.tokens -= amount;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((needed - bucket.tokens) / this.rate.perSecond)) };
  }

  /** Whether `key` has a token left, without taking it. */
  peek(key: string): TakeResult {
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate.perSecond)) };
  }

  /** Forgets a key's bucket (a revoked key). */
  delete(key: string): void {
    this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep(now);
      bucket = { tokens: this.rate.burst, updatedAt: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(this.rate.burst, bucket.tokens + elapsedSeconds * this.rate.perSecond);
    bucket.updatedAt = now;
    return bucket;
  }

  private sweep(now: number): void {
    const fullAfterMs = (this.rate.burst / this.rate.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt >= fullAfterMs) this.buckets.delete(key);
    }
  }
}
