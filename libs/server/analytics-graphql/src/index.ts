export * from './analytics.module.js';
export * from './analytics.resolver.js';
