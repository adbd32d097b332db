/** Whether a change is an improvement, by the metric's direction; null when there is no change to judge. */
export function changeTone(change: number | null | undefined, direction: string): 'good' | 'bad' | 'neutral' {
  if (change === null || change === undefined || change === 0 || !Number.isFinite(change)) return 'neutral';
  const up = change > 0;
  return up === (direction !== 'down_is_good') ? 'good' : 'bad';
}

/**
 * Colours of series, in order. Each has at least 3:1 contrast on white (WCAG 1.4.11 for graphical objects) and the
 * first is the brand green.
 */
export const SERIES_COLOURS = ['#0b6e4f', '#1d4ed8', '#b45309', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#57534e'] as const;
export const COMPARISON_COLOUR = '#6b7280';
/** The target line (dashed): 5.6:1 on white, unlike any series colour. */
export const TARGET_COLOUR = '#a21caf';
export const colourAt = (index: number) => SERIES_COLOURS[index % SERIES_COLOURS.length]!;
