// A client runs their site from the browser admin in real Chromium: logs in, writes a post with a
// heading, a link and an uploaded image, publishes it and sees it on the site; previews a draft;
// restores an earlier version. Screenshots of the main screens go to test-output/screenshots/.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { member } from '../support/admin.ts';
import { adminPage, CHROMIUM, launchChromium, screenshot, sidewaysOverflow } from '../support/browser.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const seed = {
  authors: [{ slug: 'marta', name: 'Marta Sousa' }],
  tags: [{ name: 'Bread' }, { name: 'News' }],
  posts: [
    { title: 'Why our sourdough takes 36 hours', html: '<p>Flour, water, salt and time.</p>', tags: ['Bread'], authors: ['marta'], publishedAt: '2026-01-02T08:00:00Z' },
    { title: 'New summer hours', html: '<p>Open until eight.</p>', tags: ['News'], authors: ['marta'], publishedAt: '2026-01-05T08:00:00Z' },
  ],
  pages: [{ title: 'About', slug: 'about', html: '<p>A bakery by the harbour.</p>' }],
  navigation: [{ label: 'Home', url: '/' }, { label: 'About', url: '/about/' }],
};

describe.skipIf(!existsSync(CHROMIUM))('the browser admin (Chromium)', { timeout: 60_000 }, () => {
  let box: Sandbox;
  let host: Host;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    box = sandbox();
    box.site('harbour', { title: 'Harbour Bakery' }, seed);
    host = await box.host();
    await member(host, 'harbour', 'marta@harbour.test', 'editor');
    await host.auth.accounts.setName((await host.auth.accounts.findByEmail('marta@harbour.test'))!.id, 'Marta Sousa');
    const port = await host.listen();
    base = `http://harbour.localhost:${port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await box.remove();
  });

  const loggedIn = (width = 1280, height = 860): Promise<Page> => adminPage(browser, base, 'marta@harbour.test', { width, height });
  const shot = (page: Page, name: string) => screenshot(page, name);

  it('logs in, writes a post with a heading, a link and an uploaded image, publishes it, and it is on the site', async () => {
    const login = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await login.goto(`${base}/admin/`);
    await login.getByLabel('Email').waitFor();
    await shot(login, 'login');
    await login.getByLabel('Email').fill('marta@harbour.test');
    await login.getByLabel('Password').fill('wrong password');
    await login.getByRole('button', { name: 'Log in' }).click();
    await login.getByText('That email and password do not match').waitFor();
    await login.close();

    const page = await loggedIn();
    await page.getByText('Why our sourdough takes 36 hours').waitFor();
    await shot(page, 'posts');

    await page.getByRole('link', { name: 'New post' }).click();
    await page.getByPlaceholder('Post title').fill('Pastéis de nata, every morning');
    const body = page.getByRole('textbox', { name: 'Post text' });
    await body.click();
    await page.getByLabel('Text style').selectOption('h2');
    await page.keyboard.type('Still warm at seven');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Order ahead on our shop page.');
    // Select "shop page" and link it with Ctrl+K.
    for (let i = 0; i < 1; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.down('Shift');
    for (let i = 0; i < 'shop page'.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.up('Shift');
    // As with the caret below, the editor takes in the selection on the browser's next selectionchange.
    await page.waitForFunction(() => {
      const { state } = (document.querySelector('.ProseMirror') as HTMLElement & { editor: { state: { selection: { from: number; to: number }; doc: { textBetween(from: number, to: number): string } } } }).editor;
      return state.doc.textBetween(state.selection.from, state.selection.to) === 'shop page';
    });
    await page.keyboard.press('Control+k');
    await page.getByLabel('Link to').fill('https://shop.example/nata');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.prose a[href="https://shop.example/nata"]').waitFor();
    // The editor takes focus back on the next frame, as a person would see before typing on.
    await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
    await page.keyboard.press('End');
    // The editor takes in a moved caret on the browser's next selectionchange; a person is never faster.
    await page.waitForFunction(() => (document.querySelector('.ProseMirror') as HTMLElement & { editor: { state: { selection: { empty: boolean } } } }).editor.state.selection.empty);
    await page.keyboard.press('Enter');

    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#d9a441' } }).jpeg().toBuffer();
    await page.getByRole('button', { name: 'Image from the media library' }).click();
    await page.locator('dialog input[type=file]').setInputFiles({ name: 'nata.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('.prose img').waitFor();
    await page.getByRole('button', { name: 'Video from YouTube or Vimeo' }).click();
    await page.getByLabel('Video address').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    await page.getByRole('button', { name: 'Embed' }).click();
    await page.locator('.prose figure.embed iframe').waitFor();
    await page.getByText('Saved', { exact: true }).waitFor();
    await shot(page, 'editor');

    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Published. It is live now.').waitFor();

    const site = await browser.newPage();
    await site.goto(`${base}/pasteis-de-nata-every-morning/`);
    expect(await site.locator('h1').textContent()).toContain('Pastéis de nata, every morning');
    expect(await site.locator('.article-content h2').textContent()).toBe('Still warm at seven');
    expect(await site.locator('.article-content a[href="https://shop.example/nata"]').textContent()).toBe('shop page');
    const src = await site.locator('.article-content img').getAttribute('src');
    expect(src).toMatch(/^\/content\/images\/\d{4}\/\d{2}\/nata-[0-9a-f]{6}\.jpg$/);
    expect(await site.locator('.article-content img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
    expect(await site.locator('.article-content figure.embed iframe').getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    await site.goto(`${base}/`);
    expect(await site.content()).toContain('Pastéis de nata, every morning');
    await site.close();
    await page.close();
  });

  it("previews a draft through the site's theme before it is published", async () => {
    const page = await loggedIn();
    await page.getByRole('link', { name: 'New post' }).click();
    await page.getByPlaceholder('Post title').fill('A secret recipe');
    await page.getByRole('textbox', { name: 'Post text' }).click();
    await page.keyboard.type('Cinnamon, lemon zest and patience.');
    await page.getByText('Saved', { exact: true }).waitFor();
    const [preview] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Preview' }).click()]);
    await preview.waitForLoadState();
    expect(await preview.locator('h1.article-title').textContent()).toBe('A secret recipe');
    expect(await preview.locator('.article-content').textContent()).toContain('Cinnamon, lemon zest and patience.');
    await shot(preview, 'preview');
    const visitor = await browser.newPage();
    expect((await visitor.goto(`${base}/a-secret-recipe/`))?.status()).toBe(404);
    await visitor.close();
    await page.close();
  });

  it('shows the history of a post and restores an earlier version', async () => {
    const page = await loggedIn();
    await page.getByRole('link', { name: 'New summer hours' }).click();
    const body = page.getByRole('textbox', { name: 'Post text' });
    await body.waitFor();
    await body.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Closed for the summer.');
    await page.getByRole('button', { name: 'Update' }).click();
    await page.getByText('Updated.').waitFor();
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('dialog', { name: 'History' }).waitFor();
    await page.locator('.revision-list button').last().click();
    await page.locator('.diff del').first().waitFor();
    await shot(page, 'revisions');
    await page.getByRole('button', { name: 'Restore this version' }).click();
    await page.getByText(/Restored the version of/).waitFor();
    await expect.poll(() => body.textContent()).toContain('Open until eight.');
    const site = await browser.newPage();
    await site.goto(`${base}/new-summer-hours/`);
    expect(await site.locator('.article-content').textContent()).toContain('Open until eight.');
    await site.close();
    await page.close();
  });

  it('keeps screenshots of the other main screens, on a desktop and on a 375 px phone', async () => {
    const page = await loggedIn();
    for (const [screen, name] of [['/admin/media', 'media'], ['/admin/navigation', 'navigation'], ['/admin/settings', 'settings'], ['/admin/settings/theme', 'theme-settings'], ['/admin/pages', 'pages']] as const) {
      await page.goto(`${base}${screen}`);
      await page.locator('h1').waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, name);
    }
    await page.close();

    const phone = await loggedIn(375, 740);
    await shot(phone, 'phone-posts');
    expect(await sidewaysOverflow(phone)).toBeLessThanOrEqual(0);
    await phone.getByRole('button', { name: 'Menu' }).click();
    await phone.getByRole('link', { name: 'Media' }).waitFor();
    await shot(phone, 'phone-menu');
    await phone.getByRole('link', { name: 'Posts' }).click();
    await phone.getByRole('link', { name: 'Why our sourdough takes 36 hours' }).click();
    await phone.getByRole('textbox', { name: 'Post text' }).waitFor();
    await shot(phone, 'phone-editor');
    expect(await sidewaysOverflow(phone)).toBeLessThanOrEqual(0);
    await phone.close();
  });
});
