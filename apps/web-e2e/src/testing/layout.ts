import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// Layout checks shared by the browser suites (phones, upload): nothing outside the viewport on either side, no
// sideways scroll, and "the page has its data".

interface Layout {
  scrollWidth: number;
  /** Where the page ends up after asking it to scroll as far as it can to the left, then to the right. */
  scrolledTo: [number, number];
  offenders: string[];
}

/**
 * Every rendered element's box against the viewport, on both sides. An element inside a box that clips sideways (a
 * table's scroll frame, a visually hidden label) shows only within that box, which is checked itself.
 */
function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders: string[] = [];
    const clips = (element: Element) => getComputedStyle(element).overflowX !== 'visible';
    const insideClip = (element: Element) => {
      for (let a = element.parentElement; a && a !== document.body; a = a.parentElement) if (clips(a)) return true;
      return false;
    };
    for (const element of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.left >= -0.5 && box.right <= width + 0.5) continue;
      if (insideClip(element)) continue;
      const name = `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}`;
      offenders.push(`${name} [${Math.round(box.left)}, ${Math.round(box.right)}] "${(element.textContent ?? '').trim().slice(0, 40)}"`);
    }
    window.scrollTo({ left: -100_000, behavior: 'instant' });
    const left = window.scrollX;
    window.scrollTo({ left: 100_000, behavior: 'instant' });
    const right = window.scrollX;
    window.scrollTo({ left: 0, behavior: 'instant' });
    return { scrollWidth: document.documentElement.scrollWidth, scrolledTo: [left, right] as [number, number], offenders };
  });
}

/** Waits until the page has its data: no busy region, no skeleton, every chart drawn. */
export async function waitForPage(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const main = document.querySelector('main');
      if (!main || (!main.querySelector('h1') && !document.querySelector('form.sign-in__form'))) return false;
      if (main.querySelector('[aria-busy="true"], [data-state="loading"], .skeleton')) return false;
      return [...main.querySelectorAll('.widget[data-state="ready"] .chart')].every((chart) => chart.querySelector('svg.recharts-surface'));
    },
    null,
    { polling: 'raf', timeout: 30_000 },
  );
}

export async function expectInsideViewport(page: Page, width: number, what: string): Promise<void> {
  const layout = await measure(page);
  expect(layout.offenders, `${what}: elements outside the ${width} px viewport`).toEqual([]);
  expect(layout.scrollWidth, `${what}: page width`).toBeLessThanOrEqual(width);
  expect(layout.scrolledTo, `${what}: sideways scroll`).toEqual([0, 0]);
}

