import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Request } from 'express';
import { isHttps } from '@amanah/access';
import { BackupError, backupStore, migrationScript, MIN_SERVER_VERSION, serverBackupStatement } from '@amanah/store';
import { loadApiConfig } from './api-config.js';

// docs/deploy.md and its files (docs/deploy/) cannot run here (no Docker, no ClickHouse 24.8+): what they say is
// held to the code instead. Every variable they name is one the API's configuration reads, the compose file's
// environment is a configuration the API accepts, the cluster and Keeper files agree with each other and with it,
// and the page pastes no DDL (it names `kpi migrate --print`, which generates it).
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const read = (file: string) => fs.readFileSync(`${root}${file}`, 'utf8');
const page = read('docs/deploy.md');
const compose = read('docs/deploy/compose.yaml');
const clusterXml = read('docs/deploy/clickhouse/cluster.xml');

/** The files that read the environment: the API's own and each library's. */
const CONFIG_READERS = [
  'apps/api/src/config/api-config.ts',
  'libs/server/access/src/access-config.ts',
  'libs/server/store/src/config.ts',
  'libs/server/ingest/src/ingest.settings.ts',
  'libs/server/delivery/src/delivery.settings.ts',
].map(read);

const VARIABLE = /\b(?:KPI|CLICKHOUSE)_[A-Z_]+[A-Z]\b/g;

/** The API processes' environment in compose.yaml (the `x-api` block), with the .env secrets filled in. */
function composeApiEnv(): NodeJS.ProcessEnv {
  const block = /environment: &api-env\n((?:\s{4}.*\n)+?)\s{2}depends_on:/.exec(compose)?.[1];
  expect(block, 'the x-api environment block').toBeDefined();
  const secrets: Record<string, string> = {
    KPI_SESSION_SECRET: 's'.repeat(32),
    KPI_ADMIN_KEY: 'a'.repeat(24),
    KPI_METRICS_TOKEN: 'm'.repeat(16),
    CLICKHOUSE_PASSWORD: 'p',
  };
  const env: NodeJS.ProcessEnv = {};
  for (const line of block!.split('\n')) {
    const entry = /^\s+([A-Z_]+): (.*)$/.exec(line);
    if (!entry) continue;
    const [, name, raw] = entry;
    const secret = /^\$\{([A-Z_]+):\?/.exec(raw!)?.[1];
    env[name!] = secret ? secrets[secret] : raw!.replace(/^'(.*)'$/, '$1');
  }
  return env;
}

const services = new Set([...compose.matchAll(/^ {2}([a-z0-9-]+):/gm)].map((match) => match[1]!));

describe('docs/deploy.md and docs/deploy/', () => {
  it('names only variables the configuration reads', () => {
    const named = new Set([...page.matchAll(VARIABLE), ...compose.matchAll(VARIABLE)].map((match) => match[0]));
    expect(named.size).toBeGreaterThan(8);
    for (const name of named) expect(CONFIG_READERS.some((source) => source.includes(name)), name).toBe(true);
  });

  it('gives the API processes a configuration the API accepts: a cluster, and the session secret it requires there', () => {
    const env = composeApiEnv();
    const config = loadApiConfig(env);
    expect(config.store).toMatchObject({ kind: 'server', url: 'http://ch-s1-r1:8123', database: 'kpi', cluster: 'amanat' });
    expect(config.access.sessionSecret).toBe(env.KPI_SESSION_SECRET);
    expect(config.seedDemo).toBe(false);
    expect(config.production).toBe(true);
    // Without the secret, it would not start.
    expect(() => loadApiConfig({ ...env, KPI_SESSION_SECRET: '' })).toThrow(/KPI_SESSION_SECRET must be set when CLICKHOUSE_URL is/);
    // The page's table says the same values.
    for (const [name, value] of Object.entries(env)) {
      if (!/^\$/.test(value!) && !['CLICKHOUSE_PASSWORD', 'KPI_SESSION_SECRET', 'KPI_ADMIN_KEY', 'KPI_METRICS_TOKEN', 'PORT'].includes(name)) {
        expect(page, name).toMatch(new RegExp(`\\| \`${name}\`.*\\| \`${value!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\``));
      }
    }
  });

  it('describes two shards of two replicas, each host with its macros, all of them compose services', () => {
    const cluster = composeApiEnv().CLICKHOUSE_CLUSTER!;
    const definition = new RegExp(`<remote_servers>\\s*<${cluster}>([\\s\\S]*)</${cluster}>\\s*</remote_servers>`).exec(clusterXml)?.[1];
    expect(definition, `remote_servers names ${cluster}`).toBeDefined();
    const shards = [...definition!.matchAll(/<shard>([\s\S]*?)<\/shard>/g)].map((match) => match[1]!);
    expect(shards).toHaveLength(2);
    shards.forEach((shard, index) => {
      expect(shard).toContain('<internal_replication>true</internal_replication>');
      const hosts = [...shard.matchAll(/<host>([^<]+)<\/host>/g)].map((match) => match[1]!);
      expect(hosts).toHaveLength(2);
      for (const host of hosts) {
        expect(services.has(host), host).toBe(true);
        const macros = read(`docs/deploy/clickhouse/macros-${host.replace(/^ch-/, '')}.xml`);
        expect(macros).toContain(`<shard>${index + 1}</shard>`);
        expect(macros).toContain(`<replica>${host}</replica>`);
        expect(compose).toContain(`./clickhouse/macros-${host.replace(/^ch-/, '')}.xml:/etc/clickhouse-server/config.d/macros.xml`);
      }
    });
  });

  it('makes every insert wait for every replica of its shard (a new data version never meets a replica without the rows)', () => {
    const replicasPerShard = [...clusterXml.matchAll(/<shard>([\s\S]*?)<\/shard>/g)].map((shard) => [...shard[1]!.matchAll(/<replica>/g)].length);
    const users = read('docs/deploy/clickhouse/users.xml');
    const profile = /<users>\s*<kpi>[\s\S]*?<profile>(\w+)<\/profile>/.exec(users)?.[1];
    const quorum = new RegExp(`<profiles>[\\s\\S]*<${profile}>\\s*<insert_quorum>(\\d+)</insert_quorum>`).exec(users)?.[1];
    expect(new Set(replicasPerShard)).toEqual(new Set([Number(quorum)]));
    expect(composeApiEnv().CLICKHOUSE_USER).toBe('kpi');
  });

  it('points every host at the three Keeper nodes, each configured as one of three', () => {
    const keepers = [...clusterXml.matchAll(/<node><host>([^<]+)<\/host><port>(\d+)<\/port><\/node>/g)].map((match) => match[1]!);
    expect(keepers).toEqual(['keeper-1', 'keeper-2', 'keeper-3']);
    keepers.forEach((keeper, index) => {
      expect(services.has(keeper), keeper).toBe(true);
      const config = read(`docs/deploy/clickhouse/${keeper}.xml`);
      expect(config).toContain(`<server_id>${index + 1}</server_id>`);
      for (const other of keepers) expect(config).toContain(`<hostname>${other}</hostname>`);
    });
  });

  it('puts both API processes behind the proxy, on the port they listen on', () => {
    const nginx = read('docs/deploy/nginx.conf');
    const upstream = [...nginx.matchAll(/^\s*server ([a-z0-9-]+):(\d+)/gm)].map((match) => `${match[1]}:${match[2]}`);
    expect(upstream).toEqual([`api-1:${composeApiEnv().PORT}`, `api-2:${composeApiEnv().PORT}`]);
    expect(services.has('api-1') && services.has('api-2') && services.has('proxy')).toBe(true);
  });

  it('terminates TLS in the proxy: 80 only redirects to https, 443 has mounted certificate files, and the API is told https', () => {
    const nginx = read('docs/deploy/nginx.conf');
    const servers = nginx.split(/^server \{$/m).slice(1);
    expect(servers).toHaveLength(2);
    const [plain, tls] = servers as [string, string];
    expect(plain).toMatch(/^\s*listen 80;$/m);
    expect(plain).toMatch(/^\s*return 301 https:\/\/\$host\$request_uri;$/m);
    expect(plain).not.toContain('proxy_pass');
    expect(tls).toMatch(/^\s*listen 443 ssl;$/m);
    expect(tls).not.toMatch(/^\s*listen 80/m);
    // Every location that reaches the API says https (never $scheme, which a plain listener would make http).
    const passes = [...tls.matchAll(/proxy_pass /g)].length;
    expect(passes).toBeGreaterThan(0);
    expect([...tls.matchAll(/^\s*proxy_set_header X-Forwarded-Proto https;$/gm)]).toHaveLength(passes);
    expect(nginx).not.toMatch(/X-Forwarded-Proto \$scheme/);
    // The API reads that header as https: Secure cookies, an https OpenID redirect URI.
    expect(isHttps({ secure: false, headers: { 'x-forwarded-proto': 'https' } } as unknown as Request)).toBe(true);
    // The certificate files are mounted read-only into the proxy where nginx reads them, and published on 443.
    const proxy = /^ {2}proxy:\n((?: {4}.*\n)+)/m.exec(compose)?.[1] ?? '';
    const mount = /'\.\/tls:(\/[^:']+):ro'/.exec(proxy)?.[1];
    expect(mount, 'the ./tls mount of the proxy').toBeDefined();
    for (const directive of ['ssl_certificate', 'ssl_certificate_key']) {
      const file = new RegExp(`^\\s*${directive} ([^;]+);$`, 'm').exec(tls)?.[1];
      expect(file?.startsWith(`${mount}/`), `${directive} ${file}`).toBe(true);
      // The page says which file to put there.
      expect(page).toContain(`\`${file!.slice(mount!.length + 1)}\``);
    }
    expect(proxy).toContain("'443:443'");
    expect(page).toContain('X-Forwarded-Proto: https');
  });

  it('pastes no DDL, names the command that prints it, and states the sharding key and minimum version the code has', () => {
    expect(page).not.toMatch(/CREATE (TABLE|MATERIALIZED VIEW)/);
    expect(page).toContain('CLICKHOUSE_CLUSTER=amanat npm run kpi -- migrate --print');
    const script = migrationScript({ kind: 'server', url: 'http://ch-s1-r1:8123', user: 'kpi', password: '', database: 'kpi', cluster: 'amanat' });
    const key = /ENGINE = Distributed\(amanat, kpi, \w+_local, (.+)\);$/m.exec(script)?.[1];
    expect(key).toBeDefined();
    expect(page).toContain(`**Sharding key: \`${key}\`.**`);
    expect(page).toContain(`needs ${MIN_SERVER_VERSION.major}.${MIN_SERVER_VERSION.minor} or newer`);
  });

  it('links only files that exist', () => {
    for (const [, target] of page.matchAll(/\]\(((?:deploy|\.\.)\/[^)#]+)/g)) expect(fs.existsSync(`${root}docs/${target}`), target).toBe(true);
    for (const file of ['tools/test-server.mjs', 'apps/api/src/store/no-local-files.integration-spec.ts', 'apps/api/src/config/deploy-doc.spec.ts']) {
      expect(page).toContain(file.split('/').pop()!);
      expect(fs.existsSync(`${root}${file}`), file).toBe(true);
    }
  });

  it('shows the backup statements serverBackupStatement writes for the cluster, and kpi backup --out refuses a server', async () => {
    expect(page).toContain(serverBackupStatement('BACKUP', 'kpi', 'amanat'));
    expect(page).toContain(serverBackupStatement('RESTORE', 'kpi', 'amanat'));
    const error = await backupStore({ kind: 'server', url: 'http://ch-s1-r1:8123', user: 'kpi', password: '', database: 'kpi' }, '/tmp/unused').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toContain('use --disk NAME --name BACKUP');
  });
});
