export * from './days.js';
export * from './hijri.js';
export * from './ranges.js';
export * from './buckets.js';
