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

/** Where screenshots go: `docs/screenshots/` in the repository (the README shows them). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

/** Saves a screenshot of the page as `docs/screenshots/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
