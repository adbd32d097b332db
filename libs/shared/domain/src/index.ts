export * from './amanahs.js';
export * from './datasets.js';
export * from './time.js';
export * from './labels.js';
export * from './vocabulary.js';
export * from './errors.js';
export * from './population.js';
