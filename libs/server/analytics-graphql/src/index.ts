export * from './analytics.module.js';
export * from './analytics.resolver.js';
export * from './graphql-types.js';
