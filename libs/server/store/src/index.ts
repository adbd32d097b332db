export * from './config.js';
export * from './errors.js';
export * from './store.js';
export * from './migrations.js';
export * from './derived-tables.js';
export * from './refusals.js';
export { currentWork, outsideRequests, runWithWork, type WorkContext } from './work-context.js';
