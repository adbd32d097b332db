import { act, render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useParamSetter, useView } from './use-view.js';
import type { ViewState } from './view-state.js';

// Two changes before React renders the first one (a fast user, or two calls in one handler): both must reach the URL.
// The router renders a navigation later (in a transition), so a change computed from the last render's parameters
// would drop the change before it.
const setters: { update?: (patch: Partial<ViewState>) => void; setParam?: (changes: Record<string, string | null>) => void } = {};
const shown = { search: '' };

function FilterBarLike() {
  const [, update] = useView();
  setters.update = update;
  return null;
}

function HeaderLike() {
  setters.setParam = useParamSetter();
  shown.search = useLocation().search;
  return null;
}

function renderAt(url: string) {
  // Two components, as the page's filter bar and the layout's header are: each has its own hook.
  render(
    <MemoryRouter initialEntries={[url]}>
      <FilterBarLike />
      <HeaderLike />
    </MemoryRouter>,
  );
}

describe('useView and useParamSetter', () => {
  it('compose two view updates made before the first one renders', () => {
    renderAt('/dashboards/executive?lang=en');
    act(() => {
      setters.update!({ amanah: 'tabuk', from: '2024-01-01', to: '2024-06-30' });
      setters.update!({ compare: 'SAME_PERIOD_LAST_YEAR' });
    });
    expect(shown.search).toBe('?amanah=tabuk&from=2024-01-01&to=2024-06-30&compare=SAME_PERIOD_LAST_YEAR&lang=en');
  });

  it('compose two parameter changes, and a view update with a parameter change, made before either renders', () => {
    renderAt('/dashboards/executive?amanah=tabuk');
    act(() => {
      setters.setParam!({ lang: 'en' });
      setters.setParam!({ digits: 'arab' });
    });
    expect(shown.search).toBe('?amanah=tabuk&lang=en&digits=arab');
    act(() => {
      setters.update!({ granularity: 'YEAR' });
      setters.setParam!({ calendar: 'hijri' });
      setters.update!({ amanah: null });
    });
    expect(shown.search).toBe('?granularity=YEAR&lang=en&digits=arab&calendar=hijri');
  });
});
