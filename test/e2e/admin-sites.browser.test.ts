// Issue 13 (item 9) in real Chromium: a freelancer sees every site they own or built on one screen,
// with a failing plugin and a broken site.json called out, and takes this site offline and back.
import { existsSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { member } from '../support/admin.ts';
import { adminPage, CHROMIUM, launchChromium, screenshot, sidewaysOverflow } from '../support/browser.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe.skipIf(!existsSync(CHROMIUM))('the Sites screen (Chromium)', { timeout: 60_000 }, () => {
  let box: Sandbox;
  let host: Host;
  let browser: Browser;
  let base: string;
  let port: number;

  beforeAll(async () => {
    box = sandbox();
    box.site('harbour', { title: 'Harbour Bakery', domains: ['harbour.example'], builtBy: 'ada' });
    box.site('corner', { title: 'Corner Shop', builtBy: 'ada', plugins: [{ id: 'acme.absent' }] });
    box.site('elsewhere', { title: 'Not Ada’s', builtBy: 'zoe' });
    host = await box.host();
    await member(host, 'harbour', 'ada@guild.localhost', 'owner');
    port = await host.listen();
    // The admin answers on its own origin.
    base = `http://harbour.admin.localhost:${port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await box.remove();
  });

  it('lists the sites the person owns or built, and lets the owner take this one offline and back', async () => {
    writeFileSync(host.registry.get('harbour')!.manifestFile.replace('harbour', 'corner'), '{ "guild": 1 ');
    await host.registry.reload('corner');
    const page = await adminPage(browser, base, 'ada@guild.localhost');
    await page.getByRole('link', { name: 'Sites' }).click();
    await page.getByRole('heading', { name: 'Your sites' }).waitFor();
    // The heading shows before the host answers; the rows come with the answer.
    await expect.poll(() => page.locator('table.site-overview tbody tr').count()).toBe(2);
    await expect(page.locator('tr[data-site="corner"]').innerText()).resolves.toContain('Plugin acme.absent failed');
    await expect(page.locator('tr[data-site="corner"]').innerText()).resolves.toContain('site.json is broken');
    await expect(page.locator('tr[data-site="harbour"]').innerText()).resolves.toContain('harbour.example');
    await expect(page.locator('tr[data-site="corner"]').getByRole('link', { name: 'Admin' }).getAttribute('href')).resolves.toBe(`http://corner.admin.localhost:${port}/admin/`);
    await screenshot(page, 'admin-sites');

    await page.getByLabel('Message for visitors (optional)').fill('Back on Monday.');
    await page.getByRole('button', { name: 'Take offline for maintenance' }).click();
    await page.getByRole('button', { name: 'Put back online' }).waitFor();
    expect((await request(host.app).get('/').set('Host', 'harbour.example')).status).toBe(503);
    await expect(page.locator('tr[data-site="harbour"]').innerText()).resolves.toContain('Maintenance');
    await page.getByRole('button', { name: 'Put back online' }).click();
    await page.getByRole('button', { name: 'Take offline for maintenance' }).waitFor();
    expect((await request(host.app).get('/').set('Host', 'harbour.example')).status).toBe(200);

    await page.setViewportSize({ width: 375, height: 760 });
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });
});
