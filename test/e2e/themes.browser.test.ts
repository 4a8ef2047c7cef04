/**
 * Both first-party themes in real Chromium at a phone's width (375 px) and a desktop's (1280 px):
 * the demo sites' pages render without console errors or sideways scrolling, the menu button works
 * on a phone, and screenshots land in test-output/screenshots/ for a person to look at.
 */
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { CHROMIUM, launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

const WIDTHS = [375, 1280];

const PAGES: Record<string, Array<[string, string]>> = {
  'studio-nord': [
    ['home', '/'],
    ['post', '/identity-for-fjord-tours/'],
    ['services', '/services/'],
    ['page', '/about/'],
    ['tag', '/tag/work/'],
    ['author', '/author/ingrid/'],
    ['404', '/no-such-page/'],
  ],
  'harbour-bakery': [['home', '/']],
};

let box: Sandbox;
let host: Host;
let port: number;
let browser: Browser;

describe.skipIf(!existsSync(CHROMIUM))('first-party themes in a browser', () => {
  beforeAll(async () => {
    box = sandbox();
    for (const slug of Object.keys(PAGES)) {
      for (const file of ['site.json', 'seed.json']) cpSync(path.join(REPO, 'sites', slug, file), path.join(box.sitesDir, slug, file));
    }
    host = await box.host();
    port = await host.listen();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await box?.remove();
  });

  for (const [slug, pages] of Object.entries(PAGES)) {
    for (const width of WIDTHS) {
      it(`${slug} renders its pages cleanly at ${width} px`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
        const errors: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error' && !/status of 404/.test(message.text())) errors.push(message.text());
        });
        page.on('pageerror', (error) => errors.push(error.message));
        for (const [name, route] of pages) {
          const response = await page.goto(`http://${slug}.localhost:${port}${route}`);
          expect(response?.status(), route).toBe(name === '404' ? 404 : 200);
          const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
          expect(overflow, `${route} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: path.join(SCREENSHOTS, `${slug}-${name}-${width}.png`), fullPage: true });
        }
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }

  it('atelier’s menu folds behind a button on a phone, which opens and closes it', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`http://studio-nord.localhost:${port}/`);
    const toggle = page.locator('.nav-toggle');
    const menu = page.locator('#site-menu');
    await expect.poll(() => menu.isVisible()).toBe(false);
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect.poll(() => menu.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'studio-nord-menu-open-375.png') });
    await page.keyboard.press('Escape');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect.poll(() => menu.isVisible()).toBe(false);
    await page.close();
  });

  it('atelier shows every menu item and no button on a desktop, and the skip link comes first', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://studio-nord.localhost:${port}/`);
    await expect(page.locator('.nav-toggle').isVisible()).resolves.toBe(false);
    await expect(page.locator('#site-menu .nav a').count()).resolves.toBe(5);
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement && document.activeElement.textContent')).resolves.toBe('Skip to content');
    await page.close();
  });
});
