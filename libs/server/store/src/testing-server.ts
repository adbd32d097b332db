import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real ClickHouse server process for tests of the store's HTTP path: Debian's clickhouse-server (the only server
 * installable here, version 18.16), started on loopback with a throw-away config, data and logs in a temp dir.
 * Too old for our SQL, so tests use it for what happens on connect: the version refusal, a wrong password, and how a
 * server formats results.
 */
export interface ClickHouseTestServer {
  readonly url: string;
  readonly user: string;
  readonly password: string;
  /** Wall time from spawn until the server answered /ping. */
  readonly startupMs: number;
  readonly dir: string;
  stop(): Promise<void>;
}

/** Where Debian's clickhouse-server package puts the server (`dpkg -L clickhouse-server`). */
export const CLICKHOUSE_SERVER_BIN = process.env.CLICKHOUSE_SERVER_BIN ?? '/usr/sbin/clickhouse-server';

const STARTUP_TIMEOUT_MS = 20_000;

export async function startClickHouseServer(): Promise<ClickHouseTestServer> {
  if (!fs.existsSync(CLICKHOUSE_SERVER_BIN)) {
    // Fail, never skip: a missing server would silently leave the HTTP path untested.
    throw new Error(
      `${CLICKHOUSE_SERVER_BIN} not found: the store's HTTP tests need Debian's clickhouse-server; run \`npm run test:deps\`.`,
    );
  }
  // A free port can be taken between probing and binding by another process; the server then exits at once.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(await freeLoopbackPort());
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortTakenError)) throw error;
    }
  }
  throw lastError;
}

class PortTakenError extends Error {}

async function startOnce(port: number): Promise<ClickHouseTestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amanah-kpi-clickhouse-'));
  const user = 'kpi_test';
  const password = randomBytes(12).toString('hex');
  fs.writeFileSync(path.join(dir, 'config.xml'), serverConfig(dir, port));
  fs.writeFileSync(path.join(dir, 'users.xml'), usersConfig(user, password));
  const output = fs.openSync(path.join(dir, 'stdout.log'), 'w');
  const started = performance.now();
  const child = spawn(CLICKHOUSE_SERVER_BIN, [`--config-file=${path.join(dir, 'config.xml')}`], {
    cwd: dir,
    stdio: ['ignore', output, output],
  });
  fs.closeSync(output);
  // If the test process dies without calling stop(), the server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopProcess(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(child, url, dir);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, user, password, startupMs: Math.round(performance.now() - started), dir, stop };
}

async function waitUntilAnswering(child: ChildProcess, url: string, dir: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = serverLog(dir);
      if (/Address already in use/i.test(log)) throw new PortTakenError(`port taken: ${url}`);
      throw new Error(`clickhouse-server exited during start-up (${child.exitCode ?? child.signalCode}):\n${log}`);
    }
    try {
      const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`clickhouse-server did not answer on ${url} within ${STARTUP_TIMEOUT_MS} ms:\n${serverLog(dir)}`);
}

/**
 * SIGKILL, not SIGTERM: 18.16 takes 2-5 s to exit after SIGTERM (longer while clients hold keep-alive
 * connections), and its data is thrown away with the temp dir anyway.
 */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

function serverLog(dir: string): string {
  const tail = (file: string) => {
    try {
      return fs.readFileSync(path.join(dir, file), 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '';
    }
  };
  return [tail('stdout.log'), tail('server.err.log')].filter(Boolean).join('\n');
}

/** A loopback port nothing listens on right now: bound by the OS a moment ago, then released. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** HTTP only (no native TCP or interserver port), loopback only, small caches, everything inside `dir`. */
function serverConfig(dir: string, port: number): string {
  const data = path.join(dir, 'data') + '/';
  return `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>information</level>
    <log>${path.join(dir, 'server.log')}</log>
    <errorlog>${path.join(dir, 'server.err.log')}</errorlog>
    <console>0</console>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${port}</http_port>
  <path>${data}</path>
  <tmp_path>${data}tmp/</tmp_path>
  <user_files_path>${data}user_files/</user_files_path>
  <format_schema_path>${data}format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
</yandex>
`;
}

function usersConfig(user: string, password: string): string {
  return `<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users>
    <${user}>
      <password>${password}</password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </${user}>
  </users>
  <quotas><default></default></quotas>
</yandex>
`;
}
