import type { CSSProperties } from 'react';
import { directionOf, type DisplayPrefs } from '@amanah/web-format';

/**
 * The one convention for time and axes: time runs in the reading direction. In Arabic (RTL) the earliest bucket is
 * on the right (XAxis `reversed`) and the value axis stands on the right (YAxis `orientation="right"`); in English
 * the mirror image. Tooltips and legends take the page direction.
 */
export function axisLayout(prefs: DisplayPrefs) {
  const rtl = directionOf(prefs.lang) === 'rtl';
  return {
    rtl,
    xReversed: rtl,
    yOrientation: (rtl ? 'right' : 'left') as 'right' | 'left',
    tooltipStyle: { direction: rtl ? 'rtl' : 'ltr', textAlign: rtl ? 'right' : 'left' } as CSSProperties,
    legendStyle: { direction: rtl ? 'rtl' : 'ltr' } as CSSProperties,
    // A finger has no hover: on a touch screen a tap on the chart shows the values under it.
    tooltipTrigger: (typeof window !== 'undefined' && window.matchMedia?.('(pointer: coarse)').matches ? 'click' : 'hover') as 'click' | 'hover',
  };
}

export const CHART_FONT = { fontSize: 12, fill: '#374151' };
