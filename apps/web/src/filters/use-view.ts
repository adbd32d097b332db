import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { APP_DEFAULTS, parseView, serializeView, type ViewDefaults, type ViewState } from './view-state.js';

/** The page's view state from the URL, and a setter that writes a change back to the URL (a new history entry). */
export function useView(defaults: ViewDefaults = APP_DEFAULTS): [ViewState, (patch: Partial<ViewState>) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params, defaults), [params, defaults]);
  const update = useCallback(
    (patch: Partial<ViewState>) => setParams((current) => serializeView({ ...parseView(current, defaults), ...patch }, defaults)),
    [setParams, defaults],
  );
  return [view, update];
}

/**
 * Sets some parameters (null removes one) without reinterpreting the others: the header's language, digits and
 * calendar, which apply to every page whatever its defaults. One call per change: the router does not chain updates.
 */
export function useParamSetter(): (changes: Record<string, string | null>) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (changes) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value === null) next.delete(name);
          else next.set(name, value);
        }
        return next;
      }),
    [setParams],
  );
}
