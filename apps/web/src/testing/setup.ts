import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has no layout: recharts' ResponsiveContainer observes sizes (and draws nothing at width 0).
class NoLayoutResizeObserver {
  observe() { /* nothing to observe without layout */ }
  unobserve() { /* idem */ }
  disconnect() { /* idem */ }
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver as unknown as typeof ResizeObserver;

afterEach(() => cleanup());
