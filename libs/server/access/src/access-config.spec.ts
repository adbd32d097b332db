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

  describe('OpenID Connect (all five KPI_OIDC_* variables, or none)', () => {
    const oidcEnv = {
      KPI_OIDC_ISSUER: 'https://login.example.gov.sa/realms/momrah',
      KPI_OIDC_CLIENT_ID: 'amanah-kpi',
      KPI_OIDC_CLIENT_SECRET: 'the-client-secret',
      KPI_OIDC_ROLE_CLAIM: 'kpi_role',
      KPI_OIDC_AMANAH_CLAIM: 'kpi_amanahs',
    };

    it('none: not offered; all: read', () => {
      expect(accessConfigFromEnv({}).oidc).toBeUndefined();
      expect(accessConfigFromEnv(oidcEnv).oidc).toEqual({
        issuer: 'https://login.example.gov.sa/realms/momrah',
        clientId: 'amanah-kpi',
        clientSecret: 'the-client-secret',
        roleClaim: 'kpi_role',
        amanahClaim: 'kpi_amanahs',
      });
    });

    it('some but not all: refused, naming the missing ones (and never echoing the secret)', () => {
      const partial = Object.fromEntries(Object.entries(oidcEnv).filter(([name]) => name !== 'KPI_OIDC_ROLE_CLAIM' && name !== 'KPI_OIDC_CLIENT_ID'));
      expect(() => accessConfigFromEnv(partial)).toThrow(
        'Invalid access configuration: KPI_OIDC_CLIENT_ID must be set with the other KPI_OIDC_* variables (all or none); ' +
          'KPI_OIDC_ROLE_CLAIM must be set with the other KPI_OIDC_* variables (all or none)',
      );
      expect(() => accessConfigFromEnv({ ...oidcEnv, KPI_OIDC_ISSUER: ' ' })).toThrow(/KPI_OIDC_ISSUER must be set with the other/);
    });

    it('the issuer is https (http only on loopback); claim names are names', () => {
      expect(() => accessConfigFromEnv({ ...oidcEnv, KPI_OIDC_ISSUER: 'http://login.example.gov.sa' })).toThrow(
        'KPI_OIDC_ISSUER must be an https URL (http only for 127.0.0.1 or localhost) (got "http://login.example.gov.sa")',
      );
      expect(() => accessConfigFromEnv({ ...oidcEnv, KPI_OIDC_ISSUER: 'login.example' })).toThrow(/KPI_OIDC_ISSUER must be a URL/);
      expect(accessConfigFromEnv({ ...oidcEnv, KPI_OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe('http://127.0.0.1:9000');
      expect(() => accessConfigFromEnv({ ...oidcEnv, KPI_OIDC_ROLE_CLAIM: 'a role' })).toThrow(/KPI_OIDC_ROLE_CLAIM must be a claim name/);
    });
  });
});
