export * from './config.js';
export * from './errors.js';
export * from './store.js';
export * from './migrations.js';
export * from './rollups.js';
export { backupStore, restoreStore, BackupError, type BackupReport, type RestoreReport, type TableRows } from './backup.js';
export * from './refusals.js';
export { currentWork, outsideRequests, runWithWork, type WorkContext } from './work-context.js';
export { recordDataChange, type DataChangeKind } from './data-version.js';
