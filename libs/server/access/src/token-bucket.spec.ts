import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket.js';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('token buckets', () => {
  it('allow a burst, then refuse with the exact wait, then refill at the rate', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perSecond: 20, burst: 60 }, time.now);
    for (let i = 0; i < 60; i++) expect(buckets.take('k').allowed).toBe(true);
    expect(buckets.take('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    time.advance(50); // one token at 20/s
    expect(buckets.take('k').allowed).toBe(true);
    expect(buckets.take('k').allowed).toBe(false);
    time.advance(1000);
    for (let i = 0; i < 20; i++) expect(buckets.take('k').allowed).toBe(true);
    expect(buckets.take('k').allowed).toBe(false);
  });

  it('sustain the rate and never exceed the burst after a long idle', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perSecond: 2, burst: 3 }, time.now);
    time.advance(3_600_000);
    expect([1, 2, 3, 4].map(() => buckets.take('k').allowed)).toEqual([true, true, true, false]);
    let allowed = 0;
    for (let ms = 0; ms < 10_000; ms += 100) {
      time.advance(100);
      if (buckets.take('k').allowed) allowed++;
    }
    expect(allowed).toBe(20);
  });

  it('say how long until a token at slow rates, rounded up to whole seconds', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perSecond: 0.2, burst: 1 }, time.now);
    buckets.take('k');
    expect(buckets.take('k')).toEqual({ allowed: false, retryAfterSeconds: 5 });
    time.advance(2500);
    expect(buckets.take('k')).toEqual({ allowed: false, retryAfterSeconds: 3 });
    expect(buckets.peek('k')).toEqual({ allowed: false, retryAfterSeconds: 3 });
  });

  it('keep one bucket per key; peek takes nothing', () => {
    const buckets = new TokenBuckets({ perSecond: 1, burst: 1 }, clock().now);
    expect(buckets.peek('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('drop idle full buckets once there are many keys', () => {
    const time = clock();
    const buckets = new TokenBuckets({ perSecond: 10, burst: 10 }, time.now);
    for (let i = 0; i < 10_000; i++) buckets.take(`client-${i}`);
    time.advance(1000); // all full again
    buckets.take('newcomer');
    expect(buckets.size).toBe(1);
  });

  it('refuse a rate that could never refill', () => {
    expect(() => new TokenBuckets({ perSecond: 0, burst: 5 })).toThrow(/perSecond > 0/);
  });
});
