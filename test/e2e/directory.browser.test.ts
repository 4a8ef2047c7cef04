/**
 * The seeded directory in real Chromium at a phone's width and a desktop's: every page renders
 * without console errors or sideways scrolling, the skip link comes first, images have text
 * alternatives, every field has a label, the search works by keyboard, and screenshots land in
 * test-output/screenshots/ for a person to look at.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDirectory, type Host } from '../../core/host/index.ts';
import { CHROMIUM, launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

const PAGES: Array<[string, string]> = [
  ['home', '/'],
  ['search', '/search?q=hours'],
  ['themes', '/search?kind=theme'],
  ['package', '/packages/atelier'],
  ['paid-package', '/packages/mira.notice-bar'],
  ['developer', '/people/mira'],
  ['freelancer', '/people/ada'],
  ['sites', '/sites'],
];

let box: Sandbox;
let host: Host;
let base: string;
let browser: Browser;

describe.skipIf(!existsSync(CHROMIUM))('the directory in a browser', () => {
  beforeAll(async () => {
    box = sandbox();
    box.site('harbour-bakery', { title: 'Harbour Bakery', domains: ['harbourbakery.example'], builtBy: 'ada', plugins: [{ id: 'guild.seo' }] });
    box.site('studio-nord', { title: 'Studio Nord', domains: ['studionord.example'], theme: { id: 'atelier' }, builtBy: 'linus' });
    host = await box.host();
    await seedDirectory(host.directory!, path.join(REPO, 'directory', 'seed.json'), host);
    base = `http://directory.localhost:${await host.listen()}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await box?.remove();
  });

  for (const width of [375, 1280]) {
    it(`renders every page cleanly and accessibly at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const errors: string[] = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      for (const [name, route] of PAGES) {
        expect((await page.goto(`${base}${route}`))?.status(), route).toBe(200);
        expect((await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number, `${route} scrolls sideways`).toBeLessThanOrEqual(0);
        await expect(page.locator('h1').count(), `${route} has one h1`).resolves.toBe(1);
        await expect(page.locator('img:not([alt])').count(), `${route} images without alt`).resolves.toBe(0);
        const unlabelled = await page.evaluate(`[...document.querySelectorAll('input')].filter((input) => !input.labels?.length && !input.getAttribute('aria-label')).length`);
        expect(unlabelled, `${route} fields without a label`).toBe(0);
        await page.screenshot({ path: path.join(SCREENSHOTS, `directory-${name}-${width}.png`), fullPage: true });
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('is usable by keyboard: the skip link first, then a search that finds packages', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Skip to content');
    await page.focus('#q');
    await page.keyboard.type('notice');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=notice/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Plugins and themes matching “notice”');
    await page.getByRole('link', { name: 'Notice Bar' }).click();
    await expect(page.locator('aside.facts').textContent()).resolves.toContain('EUR 19.00 / 12 mo');
    await page.close();
  });
});
