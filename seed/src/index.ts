export { seedDemo, storeHasEventData, countRows } from './seed.js';
export type { SeedOptions, SeedProgress, SeedReport } from './seed.js';
export { PUBLISHED_FIGURES, ARTICLE_RANGES } from './figures.js';
export type { PublishedFigure, FigureExpectation, FigureFilter, ArticleId } from './figures.js';
export { DEMO_WINDOW } from './calendar.js';
export * from './factories.js';
