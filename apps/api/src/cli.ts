// The command-line tool (dist/node/kpi.js, `npm run kpi -- <command>`). Commands that touch the store open it
// themselves, so they cannot run while the API holds an embedded store (chDB: one process per data directory).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { DATASET_NAMES } from '@amanah/domain';
import { ingestFile, IngestBatches, IngestFileError } from '@amanah/ingest';
import { ApiKeyInputError, createApiKey, isRole, listApiKeys, revokeApiKey, ROLES, type AmanahScope } from '@amanah/access';
import { AUDIT_ACTIONS, AuditQueryError, CLI_ACTOR, listAuditEntries, MAX_AUDIT_LIMIT, writeAuditEntry, type AuditAction, type AuditEntry } from '@amanah/access';
import { describeStore, migrate, migrationScript, openStore, StoreConfigError, StoreError, storeConfigFromEnv, type Store } from '@amanah/store';
import { BackupError, backupServer, backupStore, restoreServer, restoreStore, type TableRows } from '@amanah/store';
import { generateSchemaSdl } from './graphql/schema-sdl.js';

const USAGE = `Usage: npm run kpi -- <command> [options]

Commands:
  migrate               open the store (KPI_DATA_DIR, or CLICKHOUSE_URL), apply pending migrations, print what ran
  migrate --print       print every statement migrate would run on the configured store (with CLICKHOUSE_CLUSTER:
                        the cluster form), without connecting to it
  schema [--out FILE]   print the GraphQL schema the API serves (SDL), or write it to FILE
  ingest FILE --dataset NAME [--api URL] [--key KEY] [--chunk-rows N]
                        send a CSV, NDJSON or JSON file to the running API's ingest endpoint, in chunks with one
                        idempotency key each (a rerun after a crash skips what was committed); the key defaults to
                        KPI_API_KEY, then KPI_ADMIN_KEY; the API to http://localhost:$PORT
  keys create --label TEXT --role viewer|press|analyst|ingest|admin --amanahs all|ID[,ID…]
                        create an API key; the key is printed once and stored only hashed
  keys list             list keys (never their secrets)
  keys revoke ID        revoke a key at once
  audit list [--action ACTION] [--since ISO-DATE] [--limit N]
                        the audit log, newest first (ACTION: ${AUDIT_ACTIONS.join(', ')}; N up to ${MAX_AUDIT_LIMIT}, default 100)
  batches list [--dataset NAME] [--limit N]
                        the batch history: id, dataset, status, rows, event span, key, file
  batches purge ID[,ID…] | --withdrawn-before ISO-DATE
                        delete the kept rows of withdrawn batches for good (they stay listed, marked purged)
  backup --out DIR      copy the embedded store (every table, view and the migration ledger) into DIR, a new or
                        empty folder, with the engine's own BACKUP; prints the tables and rows copied
  backup --disk NAME --name BACKUP
                        with CLICKHOUSE_URL: the server's own BACKUP to a disk in its configuration (ON CLUSTER with
                        CLICKHOUSE_CLUSTER); nothing is written on this machine
  restore --from DIR [--force]
                        restore a backup into the embedded store (KPI_DATA_DIR), then apply newer migrations; refused
                        when the store already has tables, unless --force, which replaces them
  restore --disk NAME --name BACKUP
                        with CLICKHOUSE_URL: the server's RESTORE into a database without tables, then newer migrations
  help                  show this text

Commands that open the store cannot run while the API holds the embedded store (chDB allows one process per data
directory): stop the API, or manage keys through the API's GraphQL mutations (createApiKey, revokeApiKey).`;

class UsageError extends Error {}

/** Opens the store from the environment, migrated, for one command; always closes it (chDB locks the directory). */
async function withStore(run: (store: Store) => Promise<void>): Promise<void> {
  const store = await openStore(storeConfigFromEnv());
  try {
    await migrate(store);
    await run(store);
  } finally {
    await store.close();
  }
}

const formatScope = (amanahs: AmanahScope) => (amanahs === 'all' ? 'all' : amanahs.join(','));

const countTables = (tables: readonly TableRows[]) => `${tables.length} tables, ${tables.reduce((sum, t) => sum + t.rows, 0)} rows`;
const printTables = (tables: readonly TableRows[]) => tables.forEach((t) => console.log(`  ${t.table}\t${t.rows}`));

/** Key changes made here are audited as the command line's; a failed audit write is reported, not fatal. */
async function auditFromCli(store: Store, entry: Omit<AuditEntry, 'actor'>): Promise<void> {
  try {
    await writeAuditEntry(store, { ...entry, actor: CLI_ACTOR });
  } catch (error) {
    console.error(`warning: the audit entry could not be written: ${(error as Error).message}`);
  }
}

type Command = (args: string[]) => Promise<void>;

const commands: Record<string, Command> = {
  async migrate(args) {
    const { values } = parseArgs({ args, options: { print: { type: 'boolean' } }, strict: true });
    const config = storeConfigFromEnv();
    if (values.print) {
      process.stdout.write(migrationScript(config));
      return;
    }
    const store = await openStore(config);
    try {
      const report = await migrate(store);
      console.log(`${describeStore(config)} (ClickHouse ${store.serverVersion})`);
      console.log(report.applied.length > 0 ? `applied: ${report.applied.join(', ')}` : 'applied: none (up to date)');
      console.log(`already applied: ${report.alreadyApplied.length > 0 ? report.alreadyApplied.join(', ') : 'none'}`);
    } finally {
      await store.close();
    }
  },

  async schema(args) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
    const sdl = await generateSchemaSdl();
    if (values.out) {
      fs.writeFileSync(values.out, sdl);
      console.log(`wrote ${values.out}`);
    } else {
      process.stdout.write(sdl);
    }
  },

  async ingest(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { dataset: { type: 'string' }, api: { type: 'string' }, key: { type: 'string' }, 'chunk-rows': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const file = positionals[0];
    if (!file || !values.dataset) throw new UsageError('ingest needs a FILE and --dataset NAME.');
    if (!(DATASET_NAMES as string[]).includes(values.dataset)) {
      throw new UsageError(`--dataset must be one of ${DATASET_NAMES.join(', ')}, got "${values.dataset}".`);
    }
    const key = values.key ?? process.env.KPI_API_KEY ?? process.env.KPI_ADMIN_KEY;
    if (!key) throw new UsageError('ingest needs an API key with the ingest role: --key, or KPI_API_KEY.');
    const chunkRows = values['chunk-rows'] === undefined ? undefined : Number(values['chunk-rows']);
    if (chunkRows !== undefined && !(Number.isInteger(chunkRows) && chunkRows > 0)) throw new UsageError('--chunk-rows must be a positive whole number.');
    const api = values.api ?? `http://localhost:${process.env.PORT || 3000}`;
    const bar = new SingleBar({ format: 'ingest {bar} {percentage}% | {value}/{total} bytes | {rows} rows inserted' }, Presets.shades_classic);
    bar.start(fs.statSync(file).size, 0, { rows: 0 });
    try {
      const result = await ingestFile(api, key, file, values.dataset, {
        chunkRows,
        onProgress: (p) => bar.update(p.bytesRead, { rows: p.rowsInserted }),
      });
      bar.stop();
      console.log(
        `${file} → ${values.dataset}: ${result.rowsRead} rows read in ${result.chunks} chunks, ${result.rowsInserted} inserted` +
          (result.rowsSkippedAsDuplicate ? `, ${result.rowsSkippedAsDuplicate} already ingested before (skipped)` : ''),
      );
    } catch (error) {
      bar.stop();
      throw error;
    }
  },

  async keys(args) {
    const [action, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      options: { label: { type: 'string' }, role: { type: 'string' }, amanahs: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    await withStore(async (store) => {
      switch (action) {
        case 'create': {
          if (!values.label || !values.role || !values.amanahs) throw new UsageError('keys create needs --label, --role and --amanahs.');
          if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${values.role}".`);
          const amanahs = values.amanahs === 'all' ? 'all' : values.amanahs.split(',').map((a) => a.trim());
          const { record, key } = await createApiKey(store, { label: values.label, role: values.role, amanahs });
          await auditFromCli(store, {
            action: 'key_created', objectType: 'api_key', objectId: record.id, outcome: 'ok',
            detail: `${record.role}, amanahs ${formatScope(record.amanahs)}: ${record.label}`,
          });
          console.log(`created key ${record.id} (${record.role}, amanahs: ${formatScope(record.amanahs)})`);
          console.log(`key (shown once, keep it safe): ${key}`);
          return;
        }
        case 'list': {
          for (const key of await listApiKeys(store)) {
            console.log([key.id, key.role, formatScope(key.amanahs), key.revokedAt ? `revoked ${key.revokedAt}` : 'active', key.label].join('\t'));
          }
          return;
        }
        case 'revoke': {
          const id = positionals[0];
          if (!id) throw new UsageError('keys revoke needs the key id (see keys list).');
          const revoked = await revokeApiKey(store, id);
          if (!revoked) throw new UsageError(`No key with id "${id}".`);
          await auditFromCli(store, { action: 'key_revoked', objectType: 'api_key', objectId: revoked.id, outcome: 'ok', detail: revoked.label });
          console.log(`revoked ${revoked.id} (${revoked.label})`);
          return;
        }
        default:
          throw new UsageError(`keys needs create, list or revoke${action ? `, not "${action}"` : ''}.`);
      }
    });
  },

  async audit(args) {
    const [action, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: { action: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' } },
      strict: true,
    });
    if (action !== 'list') throw new UsageError(`audit needs list${action ? `, not "${action}"` : ''}.`);
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    await withStore(async (store) => {
      const query = { action: values.action as AuditAction | undefined, since: values.since, limit };
      for (const e of await listAuditEntries(store, query)) {
        console.log([e.at, e.action, e.outcome, e.actorId || '-', e.actorRole || '-', e.actorLabel || '-', `${e.objectType}:${e.objectId || '-'}`, e.detail].join('\t'));
      }
    });
  },

  async batches(args) {
    const [action, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      options: { dataset: { type: 'string' }, limit: { type: 'string' }, 'withdrawn-before': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    await withStore(async (store) => {
      const batches = new IngestBatches(store);
      switch (action) {
        case 'list': {
          const limit = values.limit === undefined ? 100 : Number(values.limit);
          if (!(Number.isInteger(limit) && limit > 0)) throw new UsageError('--limit must be a positive whole number.');
          for (const b of await batches.list({ keyId: 'cli', role: 'admin', amanahs: 'all' }, { dataset: values.dataset, limit })) {
            console.log([b.id, b.dataset, b.status, b.rows, `${b.eventFrom ?? '-'}..${b.eventTo ?? '-'}`, b.committedAt, b.keyLabel || b.keyId,
              b.sourceFile || '-', b.withdrawReason].join('\t'));
          }
          return;
        }
        case 'purge': {
          const ids = positionals[0]?.split(',').map((id) => id.trim()).filter(Boolean);
          const before = values['withdrawn-before'];
          if (!ids?.length && !before) throw new UsageError('batches purge needs batch ids or --withdrawn-before DATE.');
          if (before && Number.isNaN(Date.parse(before))) throw new UsageError(`--withdrawn-before must be a date, got "${before}".`);
          const purged = await batches.purge({ batchIds: ids, withdrawnBefore: before });
          for (const p of purged) console.log(`purged ${p.id}: ${p.rows} withdrawn rows deleted`);
          if (purged.length === 0) console.log('nothing to purge (only withdrawn, not yet purged batches are)');
          return;
        }
        default:
          throw new UsageError(`batches needs list or purge${action ? `, not "${action}"` : ''}.`);
      }
    });
  },

  async backup(args) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' }, disk: { type: 'string' }, name: { type: 'string' } }, strict: true });
    const config = storeConfigFromEnv();
    if (values.disk !== undefined || values.name !== undefined) {
      if (!values.disk || !values.name || values.out) throw new UsageError('backup on a server needs --disk NAME and --name BACKUP (and no --out).');
      const tables = await backupServer(config, { disk: values.disk, name: values.name });
      console.log(`backed up ${describeStore(config)} to Disk('${values.disk}', '${values.name}') on the server: ${countTables(tables)}`);
      printTables(tables);
      return;
    }
    if (!values.out) throw new UsageError('backup needs --out DIR (a new or empty folder), or --disk NAME --name BACKUP on a server.');
    const report = await backupStore(config, values.out);
    console.log(`backed up ${describeStore(config)} to ${report.dir}: ${countTables(report.tables)}`);
    printTables(report.tables);
  },

  async restore(args) {
    const { values } = parseArgs({
      args, options: { from: { type: 'string' }, force: { type: 'boolean' }, disk: { type: 'string' }, name: { type: 'string' } }, strict: true,
    });
    const config = storeConfigFromEnv();
    if (values.disk !== undefined || values.name !== undefined) {
      if (!values.disk || !values.name || values.from || values.force) throw new UsageError('restore on a server needs --disk NAME and --name BACKUP (no --from, no --force).');
      const report = await restoreServer(config, { disk: values.disk, name: values.name });
      console.log(`restored Disk('${values.disk}', '${values.name}') into ${describeStore(config)}: ${countTables(report.tables)}`);
      console.log(`migrations applied after the restore: ${report.migrationsApplied.length > 0 ? report.migrationsApplied.join(', ') : 'none (the backup was up to date)'}`);
      printTables(report.tables);
      return;
    }
    if (!values.from) throw new UsageError('restore needs --from DIR (a folder made by backup), or --disk NAME --name BACKUP on a server.');
    const report = await restoreStore(config, values.from, { force: values.force });
    console.log(`restored ${report.dir} into ${describeStore(config)}: ${countTables(report.tables)}`);
    if (report.replaced.length > 0) console.log(`replaced (--force): ${countTables(report.replaced)} that were there before`);
    console.log(`migrations applied after the restore: ${report.migrationsApplied.length > 0 ? report.migrationsApplied.join(', ') : 'none (the backup was up to date)'}`);
    printTables(report.tables);
  },

  async help() {
    console.log(USAGE);
  },
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') return commands.help!([]);
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) throw new UsageError(`Unknown command "${name}".`);
  try {
    await command(args);
  } catch (error) {
    // parseArgs reports unknown or malformed options with these codes.
    const code = (error as NodeJS.ErrnoException).code;
    if (code?.startsWith('ERR_PARSE_ARGS_')) throw new UsageError((error as Error).message);
    if (error instanceof AuditQueryError) throw new UsageError(`--${error.argument}: ${error.message}`);
    throw error;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof StoreError || error instanceof StoreConfigError || error instanceof ApiKeyInputError || error instanceof IngestFileError || error instanceof BackupError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
