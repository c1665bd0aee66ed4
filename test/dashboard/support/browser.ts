/**
 * The one place the dashboard's browser tests get a browser: playwright-core driving the Chromium that
 * `test/support/chromium.ts` finds (a system one, else the one shipped by the `@sparticuz/chromium` package).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../support/chromium';

/** Starts a headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    ...chromiumLaunchOptions(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Where screenshots go: `test-output/screenshots/` (ignored by git) on every run, so a test run leaves the
 * checkout clean; `npm run screenshots` sets `WEFT_SCREENSHOT_DIR=docs/screenshots` to refresh the README's.
 */
export const SCREENSHOT_DIR =
  process.env.WEFT_SCREENSHOT_DIR ?? join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

/** Saves a screenshot of the page as `<SCREENSHOT_DIR>/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
