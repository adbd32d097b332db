export * from './graphql-types.js';
