export * from './locale.js';
export * from './numbers.js';
export * from './dates.js';
