import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDashboardUnderTest, type DashboardUnderTest } from './testing/dashboard-under-test.js';

// The press page in chromium: a press officer signs in, reads Jeddah's sentences and copies one to the clipboard.
let dut: DashboardUnderTest;

beforeAll(async () => {
  dut = await openDashboardUnderTest();
  await dut.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: dut.api.url });
});
afterAll(() => dut?.close());

describe('press page', () => {
  it('copies an Arabic sentence exactly as the API phrased it', async () => {
    const { page } = dut;
    const pressKey = await dut.api.key('press', ['jeddah']);
    // Latin digits, as the article writes its figures (Arabic-Indic is the Arabic default).
    await page.goto(`${dut.api.url}/press?amanah=jeddah&from=2023-01-01&to=2024-12-31&digits=latn`);
    await page.locator('input[name="key"]').fill(pressKey);
    await page.locator('form.sign-in__form button[type="submit"]').click();
    const sentence = page.getByTestId('press-sentence-ar-0');
    await sentence.waitFor();
    const shown = await sentence.textContent();
    expect(shown).toBe('استقبلت البوابة الإلكترونية لأمانة محافظة جدة أكثر من 6 ملايين زائر خلال الفترة من 1 يناير 2023 إلى 31 ديسمبر 2024');

    await page.getByTestId('press-copy-ar-0').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    expect(dut.pageErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('writes the sentences in the Hijri calendar for a reader who chose it, as the API phrases them: Ramadan 1445', async () => {
    const { page } = dut;
    const pressKey = await dut.api.key('press', ['jeddah']);
    const { data, errors } = await dut.api.graphql<{ pressFigures: Array<{ sentences: { ar: string; en: string } }> }>(
      'query($range: DateRangeInput!) { pressFigures(amanah: "jeddah", range: $range, compare: NONE, digits: LATN, calendar: HIJRI) { sentences { ar en } } }',
      { range: { preset: 'ramadan', hijriYear: 1445 } },
      pressKey,
    );
    expect(errors).toBeUndefined();
    const expected = data!.pressFigures[0]!.sentences.ar;
    expect(expected).toContain('رمضان 1445 هـ');
    await page.goto(`${dut.api.url}/press?amanah=jeddah&range=ramadan&hijriYear=1445&digits=latn&calendar=hijri`);
    const sentence = page.getByTestId('press-sentence-ar-0');
    await sentence.waitFor();
    await expect.poll(() => sentence.textContent()).toBe(expected);
    // The Gregorian reader gets the same figure in Gregorian days.
    await page.goto(`${dut.api.url}/press?amanah=jeddah&range=ramadan&hijriYear=1445&digits=latn`);
    await page.getByTestId('press-sentence-ar-0').waitFor();
    await expect.poll(() => page.getByTestId('press-sentence-ar-0').textContent()).toMatch(/مارس 2024/);
    expect(dut.pageErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
