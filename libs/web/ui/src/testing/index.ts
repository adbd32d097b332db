// @amanah/web-ui/testing: fixtures shared by the widget tests of web-ui and web-charts (display preferences, metrics,
// a text matcher without bidi marks). The jsdom setup file (setup.ts) is named by path in each vitest config.
export * from './fixtures.js';
