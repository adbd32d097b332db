import path from 'node:path';

/** Where the store lives: the embedded chDB directory, or a ClickHouse server reached over HTTP. */
export type StoreConfig =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'server'; url: string; user: string; password: string; database: string; cluster?: string };

export class StoreConfigError extends Error {
  override name = 'StoreConfigError';
}

/**
 * Reads the start-up environment of the public contract: CLICKHOUSE_URL (+ USER, PASSWORD, DATABASE) selects a
 * server, otherwise KPI_DATA_DIR (default ./data) is the embedded store. CLICKHOUSE_CLUSTER (with a server only)
 * names the cluster the schema is created on (see cluster-ddl.ts).
 */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const url = env.CLICKHOUSE_URL?.trim();
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new StoreConfigError(`CLICKHOUSE_URL is not a URL: "${url}" (expected e.g. http://localhost:8123)`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new StoreConfigError(`CLICKHOUSE_URL must be http:// or https://, got "${parsed.protocol}"`);
    }
    const database = env.CLICKHOUSE_DATABASE?.trim() || 'default';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) {
      throw new StoreConfigError(`CLICKHOUSE_DATABASE must be a plain identifier, got "${database}"`);
    }
    const cluster = env.CLICKHOUSE_CLUSTER?.trim();
    if (cluster && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(cluster)) {
      throw new StoreConfigError(`CLICKHOUSE_CLUSTER must be a plain identifier (a cluster of the server's remote_servers), got "${cluster}"`);
    }
    return {
      kind: 'server',
      url,
      user: env.CLICKHOUSE_USER?.trim() || 'default',
      password: env.CLICKHOUSE_PASSWORD ?? '',
      database,
      ...(cluster ? { cluster } : {}),
    };
  }
  if (env.CLICKHOUSE_CLUSTER?.trim()) {
    throw new StoreConfigError('CLICKHOUSE_CLUSTER needs CLICKHOUSE_URL: the embedded store is one server, not a cluster');
  }
  return { kind: 'embedded', dataDir: path.resolve(env.KPI_DATA_DIR?.trim() || './data') };
}

export function describeStore(config: StoreConfig): string {
  return config.kind === 'embedded'
    ? `embedded chDB store at ${config.dataDir}`
    : `ClickHouse server ${redactUrl(config.url)} (database ${config.database}, user ${config.user}` +
        `${config.cluster ? `, cluster ${config.cluster}` : ''})`;
}

function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
