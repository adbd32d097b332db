export * from './types.js';
export * from './dimensions.js';
export * from './catalogue.js';
