/**
 * Browser tests in real Chromium (Debian's, driven by playwright-core): where it is, how it is
 * started, where screenshots go, and logging in to a site's admin as a person would.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PASSWORD } from './admin.ts';
import { REPO } from './sandbox.ts';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = path.join(REPO, 'test-output', 'screenshots');

export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Saves a screenshot as test-output/screenshots/<name>.png for a person to look at. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled', ...options });
}

/** A page logged in to the admin at `base` (e.g. http://harbour.localhost:1234) as `email`, on the posts list. */
export async function adminPage(browser: Browser, base: string, email: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(8000);
  page.on('pageerror', (error) => {
    throw error;
  });
  await logIn(page, base, email);
  return page;
}

/** Logs `page` in to the admin at `base` as `email` (with the tests' password), as a person would. */
export async function logIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/admin/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Posts', exact: true }).waitFor();
}

/** How far the page scrolls sideways (0 when it fits the viewport). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
