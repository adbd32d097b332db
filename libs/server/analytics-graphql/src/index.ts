export * from './analytics.module.js';
export * from './analytics.resolver.js';
export * from './response-cache.js';
