export * from './definition.js';
export * from './validate.js';
export * from './targets.js';
