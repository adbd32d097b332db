import type { LoggerService } from '@nestjs/common';
import { seedDemo, storeHasEventData, type SeedReport } from '@amanah/seed';
import type { Store } from '@amanah/store';

/**
 * `npm start` on an empty store shows a working dashboard: the demo data is seeded here, in the API process,
 * because chDB lets only one process open the data directory. A store with any event data is never touched.
 */
export async function seedDemoIfEmpty(store: Store, logger: LoggerService): Promise<SeedReport | 'has-data'> {
  if (await storeHasEventData(store)) return 'has-data';
  logger.log('The store is empty: seeding the demo data (KPI_SEED_DEMO=false skips this)', 'DemoData');
  const report = await seedDemo(store, {
    onProgress: ({ step, done, total }) => logger.log(`seeding demo data: ${step} (${done}/${total})`, 'DemoData'),
  });
  const rows = Object.values(report.rows).reduce((sum, n) => sum + n, 0);
  logger.log(`Demo data seeded: ${rows.toLocaleString('en')} rows in ${report.seconds.toFixed(1)} s`, 'DemoData');
  return report;
}
