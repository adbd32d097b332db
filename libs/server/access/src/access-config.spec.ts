import { describe, expect, it } from 'vitest';
import { accessConfigFromEnv, DEFAULT_ACCESS_CONFIG } from './access-config.js';

describe('accessConfigFromEnv', () => {
  it('defaults: no admin key, random session secret, 8 h sessions, no demo sign-in, 20/s burst 60', () => {
    expect(accessConfigFromEnv({})).toEqual({ ...DEFAULT_ACCESS_CONFIG, adminKey: undefined, sessionSecret: undefined });
    expect(DEFAULT_ACCESS_CONFIG.rateLimits.graphql).toEqual({ perSecond: 20, burst: 60 });
  });

  it('reads every variable', () => {
    const config = accessConfigFromEnv({
      KPI_ADMIN_KEY: 'k'.repeat(24),
      KPI_SESSION_SECRET: 's'.repeat(32),
      KPI_SESSION_HOURS: '0.5',
      KPI_DEMO_LOGIN: 'true',
      KPI_RATE_LIMIT_PER_SECOND: '5',
      KPI_RATE_LIMIT_BURST: '10',
    });
    expect(config).toMatchObject({ adminKey: 'k'.repeat(24), sessionSecret: 's'.repeat(32), sessionTtlSeconds: 1800, demoLogin: true });
    expect(config.rateLimits.graphql).toEqual({ perSecond: 5, burst: 10 });
    expect(config.rateLimits.http).toEqual({ perSecond: 5, burst: 10 });
  });

  it('KPI_TRUST_PROXY: false (default), true, a hop count, or proxy addresses and CIDRs; anything else is refused', () => {
    const trust = (value?: string) => accessConfigFromEnv(value === undefined ? {} : { KPI_TRUST_PROXY: value }).trustProxy;
    expect(trust()).toBe(false);
    expect(trust(' ')).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('loopback, 10.0.0.0/8,192.168.1.7, fd00::/8, ::1')).toEqual(['loopback', '10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1']);
    for (const bad of ['yes', '0', '101', '-1', '10.0.0.0/33', '10.0.0.0/8/1', 'fd00::/129', '10.0.0.256', 'proxy.example.com', '10.0.0.1,', 'loopback;1']) {
      expect(() => accessConfigFromEnv({ KPI_TRUST_PROXY: bad }), bad).toThrow(`KPI_TRUST_PROXY must be false, true, a number of proxy hops`);
      expect(() => accessConfigFromEnv({ KPI_TRUST_PROXY: bad }), bad).toThrow(`(got "${bad}")`);
    }
  });

  it('names every bad variable in one error, without echoing secrets', () => {
    const env = { KPI_ADMIN_KEY: 'short-secret', KPI_DEMO_LOGIN: 'yes', KPI_RATE_LIMIT_BURST: '-1' };
    expect(() => accessConfigFromEnv(env)).toThrow(
      'Invalid access configuration: KPI_ADMIN_KEY must be at least 24 characters (e.g. openssl rand -hex 24); ' +
        'KPI_DEMO_LOGIN must be true or false (got "yes"); KPI_RATE_LIMIT_BURST must be a positive number (got "-1")',
    );
  });
});
