import { useCallback, useContext, useMemo } from 'react';
import { UNSAFE_NavigationContext, useSearchParams, type Navigator, type Path } from 'react-router';
import { APP_DEFAULTS, parseView, serializeView, type ViewDefaults, type ViewState } from './view-state.js';

/** The page's view state from the URL, and a setter that writes a change back to the URL (a new history entry). */
export function useView(defaults: ViewDefaults = APP_DEFAULTS): [ViewState, (patch: Partial<ViewState>) => void] {
  const [params] = useSearchParams();
  const write = useSearchWriter();
  const view = useMemo(() => parseView(params, defaults), [params, defaults]);
  const update = useCallback(
    (patch: Partial<ViewState>) => write((current) => serializeView({ ...parseView(current, defaults), ...patch }, defaults)),
    [write, defaults],
  );
  return [view, update];
}

/**
 * Sets some parameters (null removes one) without reinterpreting the others: the header's language, digits and
 * calendar, which apply to every page whatever its defaults.
 */
export function useParamSetter(): (changes: Record<string, string | null>) => void {
  const write = useSearchWriter();
  return useCallback(
    (changes) =>
      write((current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value === null) next.delete(name);
          else next.set(name, value);
        }
        return next;
      }),
    [write],
  );
}

/**
 * Writes the query string computed from the one the router is at when called, so that changes in quick succession
 * compose (Apply a custom period, then pick a comparison at once; or two changes in one handler).
 *
 * react-router's `setSearchParams(current => …)` hands over the parameters of the last render, and the router renders
 * a navigation later (in a transition): a second change made before that render would start from the page before the
 * first one and drop it. The router's history (BrowserRouter's, MemoryRouter's: the navigator the router is given)
 * knows its location as soon as a change is pushed, before React renders it. A router without one (a data router)
 * falls back to the rendered parameters.
 */
function useSearchWriter(): (next: (current: URLSearchParams) => URLSearchParams) => void {
  const { navigator } = useContext(UNSAFE_NavigationContext);
  const [rendered, setParams] = useSearchParams();
  return useCallback(
    (next) => setParams(next(new URLSearchParams(hasLocation(navigator) ? navigator.location.search : rendered))),
    [navigator, rendered, setParams],
  );
}

function hasLocation(navigator: Navigator): navigator is Navigator & { location: Path } {
  const { location } = navigator as Navigator & { location?: Partial<Path> };
  return typeof location?.search === 'string';
}
