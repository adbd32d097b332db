import { afterAll, describe, expect, it } from 'vitest';
import { WorkRefusedError } from '@amanah/store';
import { PdfRenderer } from './pdf.js';

// The renderer's bounds with Debian's chromium: pages printing at once, renders waiting, one owner's share.
const page = (text: string) => ({ html: `<html lang="ar" dir="rtl"><body><p>${text}</p></body></html>`, headerTemplate: '<span></span>', footerTemplate: '<span></span>' });
const renderers: PdfRenderer[] = [];
const renderer = (options: ConstructorParameters<typeof PdfRenderer>[0]) => {
  const made = new PdfRenderer(options);
  renderers.push(made);
  return made;
};
afterAll(async () => {
  await Promise.all(renderers.map((r) => r.close()));
});

const outcome = (render: Promise<Buffer>) =>
  render.then((pdf) => pdf.subarray(0, 5).toString('latin1'), (error: unknown) => (error instanceof WorkRefusedError ? error.code : String(error)));

describe('PdfRenderer', () => {
  it('prints one page at a time with one waiting, and refuses the rest at once with OVERLOADED', async () => {
    const bounded = renderer({ maxPages: 1, maxQueued: 1, maxPerOwner: 10 });
    let most = 0;
    const watch = setInterval(() => { most = Math.max(most, bounded.load.active); }, 2);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => outcome(bounded.render(page('أمانة'), owner))));
    clearInterval(watch);
    expect(results).toEqual(['%PDF-', '%PDF-', 'OVERLOADED', 'OVERLOADED']);
    expect(most).toBe(1);
    expect(bounded.load).toEqual({ active: 0, queued: 0 });
  }, 60_000);

  it('bounds one owner’s renders, not another’s', async () => {
    const bounded = renderer({ maxPages: 2, maxQueued: 8, maxPerOwner: 1 });
    const results = await Promise.all([bounded.render(page('1'), 'k1'), bounded.render(page('2'), 'k1'), bounded.render(page('3'), 'k2')].map(outcome));
    expect(results).toEqual(['%PDF-', 'OVERLOADED', '%PDF-']);
  }, 60_000);

  it('launches chromium again after it was closed', async () => {
    const reused = renderer({});
    expect(await outcome(reused.render(page('أ')))).toBe('%PDF-');
    await reused.close();
    expect(await outcome(reused.render(page('ب')))).toBe('%PDF-');
  }, 60_000);
});
