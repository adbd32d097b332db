import { cleanup } from '@testing-library/react';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterEach } from 'vitest';
import { UI_NAMESPACE, uiResources } from '@amanah/web-ui';

// jsdom has no layout: recharts' ResponsiveContainer observes sizes and falls back to its initialDimension.
class NoLayoutResizeObserver {
  observe() { /* nothing to observe without layout */ }
  unobserve() { /* idem */ }
  disconnect() { /* idem */ }
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver as unknown as typeof ResizeObserver;

await i18next.use(initReactI18next).init({
  lng: 'ar',
  fallbackLng: 'en',
  ns: [UI_NAMESPACE],
  defaultNS: UI_NAMESPACE,
  resources: { ar: { ui: uiResources.ar }, en: { ui: uiResources.en } },
  interpolation: { escapeValue: false },
});

afterEach(() => cleanup());
