/**
 * The npm-shipped Chromium launches and renders a page here even though the suite never installs a system
 * browser: this is what lets `npm install && npm test` pass on a machine with no apt step.
 */
import { chromium } from 'playwright-core';
import { resolveChromium } from './chromium';

describe('resolveChromium', () => {
  it('extracts @sparticuz/chromium and drives it headless through playwright-core', async () => {
    const found = resolveChromium({ preferNpm: true });
    expect(found.source).toBe('npm');
    const browser = await chromium.launch({
      executablePath: found.executablePath,
      env: found.env,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await browser.newPage();
      await page.setContent('<main><h1 id="t">weft</h1></main>');
      expect(await page.textContent('#t')).toBe('weft');
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('prefers $WEFT_CHROMIUM when set', () => {
    const previous = process.env.WEFT_CHROMIUM;
    process.env.WEFT_CHROMIUM = '/opt/some/chrome';
    try {
      expect(resolveChromium()).toEqual({ executablePath: '/opt/some/chrome', source: 'env' });
    } finally {
      if (previous === undefined) delete process.env.WEFT_CHROMIUM;
      else process.env.WEFT_CHROMIUM = previous;
    }
  });
});
