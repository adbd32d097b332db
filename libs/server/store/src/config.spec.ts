import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreConfigError, describeStore, storeConfigFromEnv } from './config.js';
import { StoreError } from './errors.js';
import { assertSupportedVersion } from './store.js';

describe('storeConfigFromEnv', () => {
  it('is the embedded store at ./data when nothing is set', () => {
    expect(storeConfigFromEnv({})).toEqual({ kind: 'embedded', dataDir: path.resolve('data') });
  });

  it('is the embedded store at KPI_DATA_DIR, resolved to an absolute path', () => {
    expect(storeConfigFromEnv({ KPI_DATA_DIR: ' stores/demo ' })).toEqual({
      kind: 'embedded',
      dataDir: path.resolve('stores/demo'),
    });
  });

  it('is a server when CLICKHOUSE_URL is set, with default user and database', () => {
    expect(storeConfigFromEnv({ CLICKHOUSE_URL: 'http://db:8123', KPI_DATA_DIR: '/ignored' })).toEqual({
      kind: 'server',
      url: 'http://db:8123',
      user: 'default',
      password: '',
      database: 'default',
    });
  });

  it('takes user, password and database from the environment, keeping the password as given', () => {
    expect(
      storeConfigFromEnv({
        CLICKHOUSE_URL: 'https://ch.example.sa:8443',
        CLICKHOUSE_USER: 'kpi',
        CLICKHOUSE_PASSWORD: ' spaced secret ',
        CLICKHOUSE_DATABASE: 'amanah_kpi',
      }),
    ).toEqual({ kind: 'server', url: 'https://ch.example.sa:8443', user: 'kpi', password: ' spaced secret ', database: 'amanah_kpi' });
  });

  it.each([
    ['host:port without a scheme', 'localhost:8123', /CLICKHOUSE_URL must be http:\/\/ or https:\/\//],
    ['not a URL', 'db host', /CLICKHOUSE_URL is not a URL: "db host"/],
    ['the native protocol', 'tcp://db:9000', /CLICKHOUSE_URL must be http:\/\/ or https:\/\/, got "tcp:"/],
  ])('refuses a CLICKHOUSE_URL that is %s', (_, url, message) => {
    expect(() => storeConfigFromEnv({ CLICKHOUSE_URL: url })).toThrow(StoreConfigError);
    expect(() => storeConfigFromEnv({ CLICKHOUSE_URL: url })).toThrow(message);
  });

  // The database name is put into SQL as an identifier (CREATE DATABASE), which cannot be a query parameter.
  it.each(['kpi; DROP TABLE amanahs', 'kpi-prod', '1kpi', 'kpi`', 'أمانة'])('refuses the database name %j', (database) => {
    expect(() => storeConfigFromEnv({ CLICKHOUSE_URL: 'http://db:8123', CLICKHOUSE_DATABASE: database })).toThrow(
      /CLICKHOUSE_DATABASE must be a plain identifier/,
    );
  });

  it('names the cluster of CLICKHOUSE_CLUSTER, trimmed, and leaves it out when unset or blank', () => {
    expect(storeConfigFromEnv({ CLICKHOUSE_URL: 'http://db:8123', CLICKHOUSE_CLUSTER: ' amanat ' })).toMatchObject({ kind: 'server', cluster: 'amanat' });
    expect(storeConfigFromEnv({ CLICKHOUSE_URL: 'http://db:8123', CLICKHOUSE_CLUSTER: ' ' })).not.toHaveProperty('cluster');
  });

  // The cluster name is put into SQL as an identifier (ON CLUSTER, Distributed(...)).
  it.each(['amanat; DROP TABLE amanahs', 'two-shards', "'{cluster}'", 'أمانات'])('refuses the cluster name %j', (cluster) => {
    expect(() => storeConfigFromEnv({ CLICKHOUSE_URL: 'http://db:8123', CLICKHOUSE_CLUSTER: cluster })).toThrow(
      /CLICKHOUSE_CLUSTER must be a plain identifier/,
    );
  });

  it('refuses CLICKHOUSE_CLUSTER without a server', () => {
    expect(() => storeConfigFromEnv({ CLICKHOUSE_CLUSTER: 'amanat' })).toThrow(/CLICKHOUSE_CLUSTER needs CLICKHOUSE_URL/);
  });
});

describe('describeStore', () => {
  it('hides a password written into the URL', () => {
    const text = describeStore({ kind: 'server', url: 'http://kpi:hunter2@db:8123', user: 'kpi', password: '', database: 'default' });
    expect(text).not.toContain('hunter2');
    expect(text).toBe('ClickHouse server http://kpi:***@db:8123/ (database default, user kpi)');
  });

  it('names the cluster', () => {
    expect(describeStore({ kind: 'server', url: 'http://db:8123', user: 'kpi', password: '', database: 'kpi', cluster: 'amanat' })).toBe(
      'ClickHouse server http://db:8123/ (database kpi, user kpi, cluster amanat)',
    );
  });
});

describe('assertSupportedVersion', () => {
  const config = { kind: 'server', url: 'http://db:8123', user: 'default', password: '', database: 'default' } as const;

  it.each(['24.8.1.2684', '24.8', '24.12.2.29', '25.3.1', '26.7.1.1'])('accepts ClickHouse %s', (version) => {
    expect(() => assertSupportedVersion(config, version)).not.toThrow();
  });

  it.each(['24.7.9.1', '23.8.16.40', '18.16.1', '2.1', 'unknown', ''])('refuses ClickHouse %j as too old', (version) => {
    let thrown: unknown;
    try {
      assertSupportedVersion(config, version);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreError);
    expect((thrown as StoreError).code).toBe('SERVER_TOO_OLD');
    expect((thrown as StoreError).message).toContain('needs 24.8 or newer');
  });
});
