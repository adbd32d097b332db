import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES } from '@amanah/ingest';
import { ConfigError, loadApiConfig } from './api-config.js';

const DASHBOARDS = fileURLToPath(new URL('../../../../dashboards', import.meta.url));

describe('loadApiConfig', () => {
  it('defaults to port 3000, demo seeding on, the embedded store in ./data, info logs, not production', () => {
    expect(loadApiConfig({})).toEqual({
      port: 3000,
      seedDemo: true,
      production: false,
      logLevel: 'info',
      store: { kind: 'embedded', dataDir: path.resolve('./data') },
      access: expect.objectContaining({ demoLogin: false, adminKey: undefined, trustProxy: false }),
      ingest: { maxBodyBytes: DEFAULT_MAX_BODY_BYTES },
      delivery: { smtpUrl: null, mailFrom: 'Amanah KPI <kpi@localhost>', webhookAllowedHosts: [] },
      dashboardsDir: undefined,
      answerCache: true,
      queryTimeoutSeconds: 15,
      maxRequestCostMs: 10_000,
      frameAncestors: ["'none'"],
    });
  });

  it('reads every variable it knows', () => {
    const config = loadApiConfig({
      PORT: '8080',
      KPI_SEED_DEMO: 'false',
      KPI_DEMO_LOGIN: 'true',
      KPI_DASHBOARDS_DIR: DASHBOARDS,
      KPI_ANSWER_CACHE: 'false',
      KPI_QUERY_TIMEOUT_SECONDS: '5',
      KPI_MAX_REQUEST_COST_MS: '2500',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      KPI_DATA_DIR: '/var/lib/amanah',
      KPI_INGEST_MAX_BYTES: '1000000',
      KPI_FRAME_ANCESTORS: "'self' https://portal.example.sa",
      KPI_TRUST_PROXY: '10.0.0.0/8',
      KPI_SMTP_URL: 'smtps://reports:secret@mail.example.sa:465',
      KPI_MAIL_FROM: 'KPI <kpi@example.sa>',
      KPI_WEBHOOK_ALLOWED_HOSTS: 'hooks.example.sa, 10.1.2.3',
    });
    expect(config).toEqual({
      port: 8080,
      seedDemo: false,
      production: true,
      logLevel: 'warn',
      store: { kind: 'embedded', dataDir: '/var/lib/amanah' },
      access: expect.objectContaining({ demoLogin: true, trustProxy: ['10.0.0.0/8'] }),
      ingest: { maxBodyBytes: 1_000_000 },
      delivery: { smtpUrl: 'smtps://reports:secret@mail.example.sa:465', mailFrom: 'KPI <kpi@example.sa>', webhookAllowedHosts: ['hooks.example.sa', '10.1.2.3'] },
      dashboardsDir: DASHBOARDS,
      answerCache: false,
      queryTimeoutSeconds: 5,
      maxRequestCostMs: 2_500,
      frameAncestors: ["'self'", 'https://portal.example.sa'],
    });
  });

  it('names every bad variable in one line, the access and ingest ones included', () => {
    expect(() =>
      loadApiConfig({ KPI_ANSWER_CACHE: 'maybe', KPI_QUERY_TIMEOUT_SECONDS: '0', KPI_ADMIN_KEY: 'short', KPI_INGEST_MAX_BYTES: 'lots' }),
    ).toThrow(
      /KPI_ANSWER_CACHE must be true or false.*KPI_QUERY_TIMEOUT_SECONDS must be a whole number.*KPI_ADMIN_KEY must be at least 24 characters.*KPI_INGEST_MAX_BYTES must be a positive whole number of bytes, got "lots"/,
    );
  });

  it('reads KPI_METRICS_TOKEN, and refuses one too short to be a secret', () => {
    expect(loadApiConfig({}).metricsToken).toBeUndefined();
    expect(loadApiConfig({ KPI_METRICS_TOKEN: 'scrape-token-0123456789' }).metricsToken).toBe('scrape-token-0123456789');
    expect(() => loadApiConfig({ KPI_METRICS_TOKEN: 'short' })).toThrow(
      'Invalid configuration: KPI_METRICS_TOKEN must be 16 to 256 printable characters without spaces (got "short")',
    );
  });

  it('names a bad delivery variable without echoing an SMTP URL, which may hold a password', () => {
    expect(() => loadApiConfig({ KPI_SMTP_URL: 'http://user:secret@mail', KPI_WEBHOOK_ALLOWED_HOSTS: 'hooks.example.sa/path' })).toThrow(
      /KPI_SMTP_URL must be smtp:\/\/host:port or smtps:\/\/user:pass@host:port; KPI_WEBHOOK_ALLOWED_HOSTS must be comma-separated host names or addresses$/,
    );
    expect(() => loadApiConfig({ KPI_SMTP_URL: 'http://user:secret@mail' })).not.toThrow(/secret/);
  });

  it.each([
    ['none', ["'none'"]],
    ["'none'", ["'none'"]],
    ['self', ["'self'"]],
    ['self, https://portal.example.sa https://*.momrah.gov.sa:8443', ["'self'", 'https://portal.example.sa', 'https://*.momrah.gov.sa:8443']],
  ])('reads KPI_FRAME_ANCESTORS=%s', (value, sources) => {
    expect(loadApiConfig({ KPI_FRAME_ANCESTORS: value }).frameAncestors).toEqual(sources);
  });

  it.each(['*', 'https://portal.example.sa/embed', 'none self', 'javascript:alert(1)', 'portal.example.sa', "https://a.sa'; script-src *"])(
    'rejects KPI_FRAME_ANCESTORS=%s with one line naming the variable and value',
    (value) => {
      expect(catchConfigError({ KPI_FRAME_ANCESTORS: value }).message).toBe(
        'Invalid configuration: KPI_FRAME_ANCESTORS must be none, self or http(s) origins such as https://portal.example.sa, ' +
          `separated by spaces (got "${value}")`,
      );
    },
  );

  it('rejects a KPI_DASHBOARDS_DIR that does not exist or is a file, naming the variable and the path', () => {
    const missing = path.join(DASHBOARDS, 'no-such-folder');
    expect(catchConfigError({ KPI_DASHBOARDS_DIR: missing }).message).toBe(
      `Invalid configuration: KPI_DASHBOARDS_DIR must be an existing folder of dashboard files: ${missing} does not exist (got "${missing}")`,
    );
    const file = path.join(DASHBOARDS, 'executive.json');
    expect(catchConfigError({ KPI_DASHBOARDS_DIR: file }).message).toContain(`KPI_DASHBOARDS_DIR must be an existing folder of dashboard files: ${file} is not a folder`);
  });

  it('names KPI_SEED_DEMO beside every other bad variable, the dashboards folder and the libraries\' included', () => {
    const message = catchConfigError({
      KPI_SEED_DEMO: 'maybe', PORT: '0', KPI_DASHBOARDS_DIR: '/no/such/folder', KPI_FRAME_ANCESTORS: '*', KPI_SESSION_HOURS: 'x', CLICKHOUSE_URL: 'x',
      KPI_INGEST_MAX_BYTES: 'x',
    }).message;
    expect(message.split('\n')).toHaveLength(1);
    for (const name of ['KPI_SEED_DEMO', 'PORT', 'KPI_DASHBOARDS_DIR', 'KPI_FRAME_ANCESTORS', 'KPI_SESSION_HOURS', 'CLICKHOUSE_URL', 'KPI_INGEST_MAX_BYTES']) {
      expect(message).toContain(`${name} `);
    }
  });

  it('treats a blank variable as unset', () => {
    expect(loadApiConfig({ PORT: '', KPI_SEED_DEMO: '  ' })).toMatchObject({ port: 3000, seedDemo: true });
  });

  it('accepts the edges of the port range', () => {
    expect(loadApiConfig({ PORT: '1' }).port).toBe(1);
    expect(loadApiConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it.each(['0', '65536', 'abc', '80.5', '-1'])('rejects PORT=%s with one line naming the variable and value', (port) => {
    const error = catchConfigError({ PORT: port });
    expect(error.message).toBe(`Invalid configuration: PORT must be an integer from 1 to 65535 (got "${port}")`);
  });

  it.each(['yes', '1', 'TRUE'])('rejects KPI_SEED_DEMO=%s', (value) => {
    expect(catchConfigError({ KPI_SEED_DEMO: value }).message).toBe(
      `Invalid configuration: KPI_SEED_DEMO must be true or false (got "${value}")`,
    );
  });

  it('names every bad variable at once, store settings included, on a single line', () => {
    const error = catchConfigError({ PORT: '99999', LOG_LEVEL: 'loud', CLICKHOUSE_URL: 'not a url' });
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message).toContain('PORT must be an integer from 1 to 65535 (got "99999")');
    expect(error.message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
    expect(error.message).toContain('CLICKHOUSE_URL is not a URL: "not a url"');
    expect(catchConfigError({ KPI_TRUST_PROXY: 'nginx' }).message).toContain('KPI_TRUST_PROXY must be false, true, a number of proxy hops');
  });

  it('requires KPI_SESSION_SECRET with CLICKHOUSE_URL, so that every API process over the server accepts a session', () => {
    const error = catchConfigError({ CLICKHOUSE_URL: 'http://db:8123', PORT: '0' });
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message).toContain('PORT must be');
    expect(error.message).toContain('KPI_SESSION_SECRET must be set when CLICKHOUSE_URL is');
    const config = loadApiConfig({ CLICKHOUSE_URL: 'http://db:8123', KPI_SESSION_SECRET: 's'.repeat(32) });
    expect(config.store).toMatchObject({ kind: 'server', url: 'http://db:8123' });
    expect(config.access.sessionSecret).toBe('s'.repeat(32));
    // The embedded store is one process: a random secret of its own still does.
    expect(loadApiConfig({}).access.sessionSecret).toBeUndefined();
  });

  it('names a bad CLICKHOUSE_CLUSTER on the same single line', () => {
    const error = catchConfigError({ PORT: '0', CLICKHOUSE_URL: 'http://db:8123', CLICKHOUSE_CLUSTER: 'two-shards' });
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message).toContain('PORT must be');
    expect(error.message).toContain('CLICKHOUSE_CLUSTER must be a plain identifier (a cluster of the server\'s remote_servers), got "two-shards"');
  });
});

function catchConfigError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadApiConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
