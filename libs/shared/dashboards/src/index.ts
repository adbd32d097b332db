export * from './definition.js';
export * from './validate.js';
