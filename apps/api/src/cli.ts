// The command-line tool (dist/node/kpi.js, `npm run kpi -- <command>`). Commands that touch the store open it
// themselves, so they cannot run while the API holds an embedded store (chDB: one process per data directory).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { describeStore, migrate, openStore, StoreConfigError, StoreError, storeConfigFromEnv } from '@amanah/store';
import { generateSchemaSdl } from './graphql/schema-sdl.js';

const USAGE = `Usage: npm run kpi -- <command> [options]

Commands:
  migrate               open the store (KPI_DATA_DIR, or CLICKHOUSE_URL), apply pending migrations, print what ran
  schema [--out FILE]   print the GraphQL schema the API serves (SDL), or write it to FILE
  help                  show this text`;

class UsageError extends Error {}

type Command = (args: string[]) => Promise<void>;

const commands: Record<string, Command> = {
  async migrate(args) {
    parseArgs({ args, options: {}, strict: true });
    const config = storeConfigFromEnv();
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
    throw error;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof StoreError || error instanceof StoreConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
