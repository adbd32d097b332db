export * from './delivery.module.js';
export * from './delivery.resolver.js';
export * from './delivery-types.js';
