export * from './planner.js';
export * from './input.js';
export * from './runner.js';
