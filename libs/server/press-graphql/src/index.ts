export * from './press.module.js';
export * from './press.resolver.js';
export * from './press-types.js';
