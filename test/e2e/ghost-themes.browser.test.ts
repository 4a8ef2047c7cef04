/**
 * Issue 15: Ghost's own Casper and Source (vendored from the `ghost` npm package, MIT) on the
 * WordPress theme unit test content, in real Chromium at 1280 and 375 px, on home, post, page and
 * tag: the site title and the navigation can be seen (their colour differs from the background
 * behind them), posts and pages show their titles, no public post is marked members-only, nothing
 * scrolls sideways, and the themes' own scripts log no errors. Then their search button opens a
 * search served by the site. Screenshots land in test-output/screenshots/ghost-*.png.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteContentStore } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { importWordPress } from '../../core/wxr/index.ts';
import { CHROMIUM, launchChromium, screenshot, sidewaysOverflow } from '../support/browser.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

const WXR = path.join(REPO, '..', 'shared', 'fixtures', 'wxr', 'themeunittestdata.wordpress.xml');
const THEMES = ['casper', 'source'] as const;
const WIDTHS = [1280, 375];
const present = existsSync(WXR);
if (!present) console.warn(`Skipping the Ghost theme fidelity tests: the theme unit test export ${WXR} is not here (a plain clone has no ../shared).`);

interface Paths {
  home: string;
  post: { path: string; title: string };
  page: { path: string; title: string };
  tag: string;
  menu: string;
}

let box: Sandbox;
let host: Host;
let port: number;
let browser: Browser;
let paths: Paths;

/**
 * The colour of an element's text and of what is painted behind its middle: the first element
 * under that point, in paint order, with a background colour ("image" for a background image).
 */
function contrastOf(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((element) => {
    const color = getComputedStyle(element).color;
    const box = element.getBoundingClientRect();
    for (const under of document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)) {
      if (under !== element && element.contains(under)) continue;
      const style = getComputedStyle(under);
      if (style.backgroundImage !== 'none') return { color, background: 'image' };
      if (style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.backgroundColor !== 'transparent') return { color, background: style.backgroundColor };
    }
    return { color, background: 'rgb(255, 255, 255)' };
  });
}

describe.skipIf(!existsSync(CHROMIUM) || !present)('Ghost’s Casper and Source in a browser', () => {
  beforeAll(async () => {
    box = sandbox();
    for (const theme of THEMES) {
      cpSync(path.join(REPO, 'test', 'fixtures', 'themes', theme), path.join(box.themesDir, theme), { recursive: true });
      box.site(theme, { title: `Ghost ${theme}`, domains: [`${theme}.localhost`], theme: { id: theme } });
      const store = new SqliteContentStore(contentDatabaseFile(path.join(box.sitesDir, theme)));
      await importWordPress(store, { data: readFileSync(WXR), name: WXR }, { timezone: 'UTC' });
      if (theme === 'casper') {
        const post = (await store.listPosts({ limit: 1 })).items[0]!;
        const page = (await store.listPosts({ type: 'page', limit: 1 })).items[0]!;
        const tag = (await store.listTags()).sort((a, b) => b.count - a.count)[0]!;
        paths = { home: '/', post: { path: `/${post.slug}/`, title: post.title }, page: { path: `/${page.slug}/`, title: page.title }, tag: `/tag/${tag.slug}/`, menu: (await store.getNavigation())[0]!.label };
      }
      await store.close();
    }
    host = await box.host();
    port = await host.listen();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await box?.remove();
  });

  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      it(`${theme} at ${width} px: title and menu visible, titles shown, no members-only marks, no sideways scroll, no script errors`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => {
          // The content's images live on the WordPress test site, unreachable here; only the theme's own files count.
          if (message.type() === 'error' && message.location().url.includes(`${theme}.localhost`) && /assets|guild-search/.test(message.location().url)) errors.push(message.text());
        });
        page.on('response', (response) => {
          if (response.status() >= 400 && /\/assets\//.test(response.url())) errors.push(`${response.status()} ${response.url()}`);
        });
        const base = `http://${theme}.localhost:${port}`;
        for (const [name, route] of [['home', paths.home], ['post', paths.post.path], ['page', paths.page.path], ['tag', paths.tag]] as const) {
          const response = await page.goto(`${base}${route}`);
          expect(response?.status(), route).toBe(200);
          await screenshot(page, `ghost-${theme}-${name}-${width}`);

          const title = page.getByText(`Ghost ${theme}`, { exact: true }).locator('visible=true').first();
          await expect(title.isVisible(), `${route}: the site title`).resolves.toBe(true);
          const titleColours = await contrastOf(page, `:text-is("Ghost ${theme}") >> visible=true`);
          expect(titleColours.color, `${route}: the site title is not the colour of its background`).not.toBe(titleColours.background);

          let menu = page.getByRole('link', { name: paths.menu, exact: true }).locator('visible=true');
          if ((await menu.count()) === 0) {
            await page.locator('.gh-burger').first().click();
            menu = page.getByRole('link', { name: paths.menu, exact: true }).locator('visible=true');
          }
          await expect(menu.count(), `${route}: the menu item "${paths.menu}"`).resolves.toBeGreaterThan(0);
          const menuColours = await contrastOf(page, `a:text-is("${paths.menu}") >> visible=true`);
          expect(menuColours.color, `${route}: the menu is not the colour of its background`).not.toBe(menuColours.background);

          if (name === 'post' || name === 'page') {
            const heading = page.getByRole('heading', { level: 1, name: name === 'post' ? paths.post.title : paths.page.title, exact: true });
            await expect(heading.isVisible(), `${route}: its title`).resolves.toBe(true);
          }
          await expect(page.locator('.post-card-access, [class*="post-access-"], .gh-card-meta svg').count(), `${route}: members-only marks`).resolves.toBe(0);
          await expect(page.getByText(/members only|paid-members only/i).count(), `${route}: members-only wording`).resolves.toBe(0);
          await expect(sidewaysOverflow(page), `${route} scrolls sideways at ${width} px`).resolves.toBeLessThanOrEqual(0);
        }
        expect(errors).toEqual([]);
        await page.close();
      });
    }

    it(`${theme}’s search button opens a search served by the site, which finds a post`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const outside: string[] = [];
      page.on('request', (request) => {
        if (!request.url().includes(`${theme}.localhost`)) outside.push(request.url());
      });
      await page.goto(`http://${theme}.localhost:${port}/`);
      await page.locator('[data-ghost-search] >> visible=true').first().click();
      const box = page.getByRole('searchbox', { name: 'Search' });
      await box.fill(paths.post.title.split(/\s+/).slice(-1)[0]!);
      await expect(page.locator('dialog.guild-search li a').first().waitFor().then(() => true)).resolves.toBe(true);
      await screenshot(page, `ghost-${theme}-search`);
      await box.press('Enter');
      await page.waitForURL(/\/search\/\?q=/);
      await expect(page.locator('.guild-search-results li').count()).resolves.toBeGreaterThan(0);
      expect(outside.filter((url) => !/wordpress|wp\.com|wpthemetestdata|gravatar/.test(url))).toEqual([]);
      await page.close();
    });
  }
});
