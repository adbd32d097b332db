export { seedDemo, storeHasEventData, truncateEventData, countRows, validateScale, SeedRefusedError, DEFAULT_SCALE, MAX_SCALE } from './seed.js';
export type { SeedOptions, SeedProgress, SeedReport } from './seed.js';
export { PUBLISHED_FIGURES, ARTICLES, ARTICLE_RANGES, NON_TWITTER_PLATFORMS, RAQMI_LICENSE_TYPES, figureById } from './figures.js';
export type { PublishedFigure, FigureExpectation, FigureFilter, ArticleId } from './figures.js';
export { DEMO_WINDOW } from './calendar.js';
export * from './factories.js';
