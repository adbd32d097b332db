export * from './analytics.module.js';
export * from './analytics.service.js';
export * from './analytics.resolver.js';
export * from './dashboard-registry.js';
export * from './graphql-types.js';
