// The directory page of the browser admin in real Chromium: an owner searches the host's embedded
// directory by keyboard, opens a plugin, installs it and the site uses it; a tampered package is
// refused with its message and nothing changes; the owner switches the theme and removes the
// plugin again. At a desktop's width and a 375 px phone's, with screenshots to look at.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryClient } from '../../core/directory/index.ts';
import type { Host } from '../../core/host/index.ts';
import { member } from '../support/admin.ts';
import { adminPage, CHROMIUM, launchChromium, screenshot, sidewaysOverflow } from '../support/browser.ts';
import { developer, publishPlugin, publishTheme } from '../support/directory.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe.skipIf(!existsSync(CHROMIUM))('the directory page of the browser admin (Chromium)', { timeout: 60_000 }, () => {
  let box: Sandbox;
  let host: Host;
  let browser: Browser;
  let base: string;
  const siteJson = () => JSON.parse(readFileSync(path.join(box.sitesDir, 'harbour', 'site.json'), 'utf8')) as { theme: { id: string }; plugins?: Array<{ id: string }> };

  beforeAll(async () => {
    box = sandbox();
    box.site('harbour', { title: 'Harbour Bakery', domains: ['harbour.example'], plugins: [{ id: 'guild.seo' }] });
    host = await box.host();
    const port = await host.listen();
    base = `http://harbour.localhost:${port}`;
    const client = new DirectoryClient(`http://directory.localhost:${port}`);
    const mira = await developer({ client }, 'mira', 'Mira Okafor');
    const work = mkdtempSync(path.join(os.tmpdir(), 'guild-admin-directory-'));
    await publishPlugin(client, mira, work, { id: 'mira.hours', version: '1.0.0', author: 'mira', marker: '<p class="hours">Open 8–18</p>' });
    await publishPlugin(client, mira, work, { id: 'mira.hours', version: '1.1.0', author: 'mira', marker: '<p class="hours">Open 8–19, every day</p>' });
    await publishPlugin(client, mira, work, { id: 'mira.notice', version: '1.0.0', author: 'mira', price: { amount: 1900, currency: 'EUR', months: 12 } });
    await publishPlugin(client, mira, work, { id: 'mira.tampered', version: '1.0.0', author: 'mira' });
    await publishTheme(client, mira, work, { name: 'harbourline', version: '1.0.0' });
    const tampered = host.directory!.archiveFile('mira.tampered', '1.0.0')!;
    const bytes = readFileSync(tampered);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0xff;
    writeFileSync(tampered, bytes);
    await member(host, 'harbour', 'ada@harbour.test', 'owner');
    await member(host, 'harbour', 'marta@harbour.test', 'editor');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await box.remove();
  });

  it('lets an owner find a plugin by keyboard, install it, and the site uses it', async () => {
    const page = await adminPage(browser, base, 'ada@harbour.test');
    await page.getByRole('link', { name: 'Themes & plugins' }).click();
    await page.getByRole('link', { name: /Plugin mira\.hours/ }).waitFor();
    await screenshot(page, 'admin-directory-browse', { fullPage: true });

    await page.getByLabel('Search themes and plugins').focus();
    await page.keyboard.type('hours');
    await expect.poll(() => page.locator('.package-card').count()).toBe(1);
    // Onwards by Tab, past the kind filter and the directory's link, to the one card found.
    for (let presses = 0; presses < 5 && !(await page.evaluate(() => document.activeElement?.classList.contains('package-card'))); presses++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Plugin mira.hours', level: 1 }).waitFor();
    await expect(page.getByLabel('Version').inputValue()).resolves.toBe('1.1.0');
    await expect(page.locator('.package-facts').textContent()).resolves.toContain('Changes what pages show');
    await screenshot(page, 'admin-directory-package', { fullPage: true });

    await page.getByRole('button', { name: 'Install on this site' }).click();
    await page.getByText('Plugin mira.hours 1.1.0 is installed and running on this site.').waitFor();
    await page.getByRole('heading', { name: 'On this site · 1.1.0' }).waitFor();
    expect(siteJson().plugins?.map((plugin) => plugin.id)).toEqual(['guild.seo', 'mira.hours']);
    const visitor = await browser.newPage();
    await expect.poll(async () => (await visitor.goto(`${base}/`), visitor.content())).toContain('Open 8–19, every day');
    await visitor.close();
    await page.close();
  });

  it('shows a refusal with its message and changes nothing; a paid plugin offers buying', async () => {
    const page = await adminPage(browser, base, 'ada@harbour.test');
    await page.goto(`${base}/admin/directory/packages/mira.tampered`);
    await page.getByRole('button', { name: 'Install on this site' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'was not installed' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Nothing was changed');
    await expect(alert.textContent()).resolves.toContain('GUILD_ERR_INSTALL_INTEGRITY');
    expect(siteJson().plugins?.map((plugin) => plugin.id)).toEqual(['guild.seo', 'mira.hours']);
    await screenshot(page, 'admin-directory-refused');

    await page.goto(`${base}/admin/directory/packages/mira.notice`);
    await page.getByRole('button', { name: 'Buy for this site' }).waitFor();
    await page.getByText('I have a licence').click();
    await page.getByLabel('Licence').fill('guild-licence.forged.token');
    await page.getByRole('button', { name: 'Install with this licence' }).click();
    await page.getByRole('alert').filter({ hasText: 'is a paid package' }).waitFor();
    await screenshot(page, 'admin-directory-paid', { fullPage: true });
    await page.close();
  });

  it('shows what the site runs, switches its theme and removes a plugin', async () => {
    const page = await adminPage(browser, base, 'ada@harbour.test');
    await page.goto(`${base}/admin/directory/installed`);
    await page.getByRole('main').getByRole('heading', { name: 'Plugins', exact: true }).waitFor();
    await screenshot(page, 'admin-directory-installed', { fullPage: true });

    await page.getByRole('button', { name: "Use atelier as this site's theme" }).click();
    await page.getByText("atelier is now the site's theme.").waitFor();
    expect(siteJson().theme.id).toBe('atelier');

    await page.getByRole('button', { name: 'Remove Plugin mira.hours from this site' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Plugin mira.hours?' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Plugin mira.hours is off this site. No other site used it, so it left the host too.').waitFor();
    expect(siteJson().plugins?.map((plugin) => plugin.id)).toEqual(['guild.seo']);
    await page.close();
  });

  it('fits a 375 px phone, and is not offered to editors', async () => {
    const phone = await adminPage(browser, base, 'ada@harbour.test', { width: 375, height: 800 });
    for (const [route, name] of [['/admin/directory', 'browse'], ['/admin/directory/packages/mira.notice', 'package'], ['/admin/directory/installed', 'installed']] as const) {
      await phone.goto(`${base}${route}`);
      await phone.locator('h1').waitFor();
      await phone.waitForLoadState('networkidle');
      expect(await sidewaysOverflow(phone), route).toBeLessThanOrEqual(0);
      await screenshot(phone, `admin-directory-${name}-375`, { fullPage: true });
    }
    await phone.close();

    const editor = await adminPage(browser, base, 'marta@harbour.test');
    await expect(editor.getByRole('link', { name: 'Themes & plugins' }).count()).resolves.toBe(0);
    await editor.goto(`${base}/admin/directory`);
    await editor.getByText(/does not allow installing and removing themes and plugins/).waitFor();
    await editor.close();
  });
});
