// `npm run seed -- [--scale N] [--force]`: seeds the store named by the environment (KPI_DATA_DIR or CLICKHOUSE_URL).
import { SingleBar, Presets } from 'cli-progress';
import { migrate, openStore, storeConfigFromEnv } from '@amanah/store';
import { parseSeedFlags, SEED_USAGE } from './cli-flags.js';
import { seedDemo } from './seed.js';

async function main(): Promise<void> {
  let flags: ReturnType<typeof parseSeedFlags>;
  try {
    flags = parseSeedFlags(process.argv.slice(2));
    if (flags.help) {
      console.log(SEED_USAGE);
      return;
    }
  } catch (error) {
    console.error(`seed: ${(error as Error).message}\n${SEED_USAGE}`);
    process.exit(2);
  }
  const store = await openStore(storeConfigFromEnv());
  const bar = new SingleBar({ format: 'seeding {bar} {value}/{total} {step}', hideCursor: true }, Presets.shades_classic);
  try {
    await migrate(store);
    console.log(`Seeding ${store.description} at scale ${flags.scale}${flags.force ? ' (--force)' : ''}`);
    let started = false;
    const report = await seedDemo(store, {
      scale: flags.scale,
      force: flags.force,
      onProgress: ({ step, done, total }) => {
        if (!started) bar.start(total, done, { step });
        started = true;
        bar.update(done, { step });
      },
    });
    bar.stop();
    console.log(`Seeded in ${report.seconds.toFixed(1)} s:`);
    for (const [dataset, n] of Object.entries(report.rows)) {
      const seconds = report.steps.find((s) => s.step === dataset)?.seconds ?? 0;
      console.log(`  ${dataset.padEnd(20)} ${n.toLocaleString('en-US').padStart(14)} rows  ${seconds.toFixed(1).padStart(6)} s`);
    }
    for (const s of report.steps.filter((s) => !(s.step in report.rows))) console.log(`  (${s.step}: ${s.seconds.toFixed(1)} s)`);
  } finally {
    bar.stop();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
