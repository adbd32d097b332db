import { render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { App, createQueryClient } from '../app/App.js';
import { createI18n } from '../i18n/i18n.js';

/** The path and query the app is showing, as the router sees it (read it after interactions). */
export const shown = { location: '' };

function LocationProbe() {
  const current = useLocation();
  shown.location = `${current.pathname}${current.search}`;
  return null;
}

/** The whole app at a URL, with no retries and no refetching, in the language the URL asks for. */
export function renderApp(url: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 60_000 } });
  return render(
    <MemoryRouter initialEntries={[url]}>
      <App i18n={createI18n(new URLSearchParams(url.split('?')[1]).get('lang') === 'en' ? 'en' : 'ar')} queryClient={queryClient} />
      <LocationProbe />
    </MemoryRouter>,
  );
}
