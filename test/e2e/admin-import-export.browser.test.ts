// Moving content in real Chromium: an editor imports a small WordPress export from the admin,
// follows it, reads the report and finds the imported posts; a malformed file is refused with its
// line on a 375 px phone; the files of an import (from a stand-in old site on 127.0.0.1) are
// fetched on request, with what could not be fetched listed; an owner downloads the site archive
// and the WordPress export.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { member } from '../support/admin.ts';
import { adminPage, CHROMIUM, launchChromium, screenshot, sidewaysOverflow } from '../support/browser.ts';
import { fileServer, type FileServer } from '../support/file-server.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';
import { exportWithFiles } from '../support/wxr.ts';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'wxr');

describe.skipIf(!existsSync(CHROMIUM))('import and export in the browser admin (Chromium)', { timeout: 60_000 }, () => {
  let box: Sandbox;
  let host: Host;
  let browser: Browser;
  let base: string;
  let old: FileServer;

  beforeAll(async () => {
    // The old site in these tests is a server on 127.0.0.1, which the host refuses to fetch from unless told.
    vi.stubEnv('GUILD_FETCH_ALLOW_LOOPBACK', '1');
    old = await fileServer();
    box = sandbox();
    box.site('harbour', { title: 'Harbour Bakery', timezone: 'Europe/London' });
    box.site('corner', { title: 'Corner Shop' });
    host = await box.host();
    await member(host, 'corner', 'marta@harbour.test', 'editor');
    await member(host, 'harbour', 'marta@harbour.test', 'editor');
    await member(host, 'harbour', 'ada@harbour.test', 'owner');
    base = `http://harbour.localhost:${await host.listen()}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await browser?.close();
    await box.remove();
    await old?.close();
  });

  it('lets an editor import a WordPress export, see the report and then the imported posts', async () => {
    const page = await adminPage(browser, base, 'marta@harbour.test');
    await page.getByRole('link', { name: 'Import & export' }).click();
    await page.getByRole('heading', { name: 'Import from WordPress' }).waitFor();
    await page.getByText("Only the site's owners can download the site.").waitFor();
    await screenshot(page, 'admin-import-empty');

    await page.getByLabel('Choose the WordPress export').setInputFiles(path.join(FIXTURES, 'edge-cases.xml'));
    await page.getByText('edge-cases.xml', { exact: true }).waitFor();
    // The rest by keyboard: from the file chooser to the Import button.
    await page.getByRole('button', { name: 'Import', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Imported edge-cases.xml.').waitFor({ timeout: 20_000 });

    const posts = page.getByRole('row', { name: /^Posts/ });
    await expect(posts.textContent()).resolves.toBe('Posts600');
    await page.getByRole('heading', { name: 'Left out' }).waitFor();
    await expect(page.locator('.import-report').textContent()).resolves.toContain('category "Uncategorized"');
    await expect(page.locator('.shortcodes').textContent()).resolves.toContain('[contact-form-7] × 1');
    await screenshot(page, 'admin-import-report', { fullPage: true });

    await page.getByRole('link', { name: 'See the posts' }).click();
    await page.getByRole('link', { name: 'Classic Loaf' }).waitFor();
    await screenshot(page, 'admin-import-posts');
    await page.close();
  });

  it('refuses a malformed export with its line, on a phone, and shows earlier imports', async () => {
    const phone = await adminPage(browser, base, 'marta@harbour.test', { width: 375, height: 800 });
    await phone.goto(`${base}/admin/import-export`);
    await phone.getByLabel('Choose the WordPress export').setInputFiles(path.join(FIXTURES, 'malformed.xml'));
    await phone.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = phone.getByRole('alert').filter({ hasText: 'The file was not imported.' });
    await alert.waitFor({ timeout: 20_000 });
    await expect(alert.textContent()).resolves.toMatch(/malformed\.xml line \d+: not well-formed XML/);
    await phone.getByRole('heading', { name: 'Earlier imports' }).waitFor();
    expect(await sidewaysOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'admin-import-refused-375', { fullPage: true });
    await phone.close();
  });

  it('fetches an import’s files from the old site on request, on a phone, and lists the ones it could not', async () => {
    const files = [
      { id: 10, path: '/uploads/shop.png', alt: 'The shop front' },
      { id: 11, path: '/uploads/gone.png' },
    ];
    old.answer(files[0]!.path, { body: await sharp({ create: { width: 60, height: 40, channels: 3, background: '#c8643c' } }).png().toBuffer() });
    const corner = `http://corner.localhost:${new URL(base).port}`;
    const page = await adminPage(browser, corner, 'marta@harbour.test', { width: 375, height: 800 });
    await page.goto(`${corner}/admin/import-export`);
    await page.getByLabel('Choose the WordPress export').setInputFiles({ name: 'corner.xml', mimeType: 'text/xml', buffer: exportWithFiles(old.origin, files) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported corner.xml.').waitFor({ timeout: 20_000 });
    const card = page.getByRole('region', { name: 'Files from the old site' });
    await card.getByText('2 imported files are still shown from the old WordPress site.').waitFor();
    await card.getByRole('button', { name: 'Fetch them now' }).click();
    await card.getByText('Fetched 1 of 2 files.').waitFor({ timeout: 20_000 });
    await card.getByText('One imported file is still shown from the old WordPress site.').waitFor();
    await card.getByText('answered 404 Not Found').waitFor();
    await card.getByText(`${old.origin}${files[1]!.path}`).waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-import-files', { fullPage: true });
    await page.close();
  });

  it('lets an owner download the site archive and the WordPress export', async () => {
    const page = await adminPage(browser, base, 'ada@harbour.test');
    await page.goto(`${base}/admin/import-export`);
    await page.getByRole('heading', { name: 'Export', exact: true }).waitFor();
    await screenshot(page, 'admin-export', { fullPage: true });
    const folder = mkdtempSync(path.join(os.tmpdir(), 'guild-downloads-'));

    const [archive] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download archive' }).click()]);
    expect(archive.suggestedFilename()).toMatch(/^harbour-\d{4}-\d{2}-\d{2}\.tar\.gz$/);
    await archive.saveAs(path.join(folder, archive.suggestedFilename()));
    const bytes = readFileSync(path.join(folder, archive.suggestedFilename()));
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);

    const [wxr] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download WordPress export' }).click()]);
    expect(wxr.suggestedFilename()).toMatch(/^harbour-\d{4}-\d{2}-\d{2}\.wordpress\.xml$/);
    await wxr.saveAs(path.join(folder, 'export.xml'));
    const xml = readFileSync(path.join(folder, 'export.xml'), 'utf8');
    expect(xml).toContain('<wp:wxr_version>1.2</wp:wxr_version>');
    expect(xml).toContain('Classic Loaf');

    const phone = await adminPage(browser, base, 'ada@harbour.test', { width: 375, height: 800 });
    await phone.goto(`${base}/admin/import-export`);
    await phone.getByRole('heading', { name: 'Export', exact: true }).waitFor();
    expect(await sidewaysOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'admin-export-375', { fullPage: true });
    await phone.close();
    await page.close();
  });
});
