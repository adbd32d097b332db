export * from './press.module.js';
export * from './press.service.js';
export * from './press.resolver.js';
export * from './press-types.js';
export * from './sentences.js';
export { FactSheetStore, type LockedFigure, type LockedSheet, type IngestSinceLock } from './fact-sheet-store.js';
