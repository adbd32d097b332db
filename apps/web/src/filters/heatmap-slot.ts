import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { HeatmapSlot } from '@amanah/web-ui';
import { useParamSetter } from './use-view.js';

/** The URL parameter of a heatmap's chosen hour: `slot=<weekday>-<hour>`, 0 = Sunday, hour 0–23. */
export const SLOT_PARAM = 'slot';

/** `"0-10"` → Sunday 10:00; anything else (out of range, not two integers) → null. */
export function parseSlot(raw: string | null): HeatmapSlot | null {
  const match = raw === null ? null : /^([0-6])-(\d{1,2})$/.exec(raw);
  if (!match) return null;
  const hour = Number(match[2]);
  return hour <= 23 ? { weekday: Number(match[1]), hour } : null;
}

export function slotParam(slot: HeatmapSlot | null): string | null {
  return slot ? `${slot.weekday}-${slot.hour}` : null;
}

/**
 * The heatmap's chosen hour from the URL and its setter (a new history entry, so Back returns to the whole week). It
 * lives beside the view, not in it: it narrows no query, and a new filter or range leaves it behind.
 */
export function useHeatmapSlot(): [HeatmapSlot | null, (slot: HeatmapSlot | null) => void] {
  const [params] = useSearchParams();
  const setParams = useParamSetter();
  const raw = params.get(SLOT_PARAM);
  const slot = useMemo(() => parseSlot(raw), [raw]);
  const select = useCallback((next: HeatmapSlot | null) => setParams({ [SLOT_PARAM]: slotParam(next) }), [setParams]);
  return [slot, select];
}
