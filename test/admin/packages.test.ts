// The directory page over the Admin API: an owner browses the host's embedded directory, installs
// a free plugin and the site uses it, buys a paid one on invoice, switches the theme and removes
// a plugin; every refusal (tampered archive, bad signature, wrong engine, no licence) is answered
// with its message and changes nothing. Only owners may.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DirectoryClient } from '../../core/directory/index.ts';
import type { Host } from '../../core/host/index.ts';
import { extractPackage } from '../../core/packages/index.ts';
import { Keyring, type StoredKey } from '../../core/signing/index.ts';
import { buildThemePackage } from '../../core/themes/index.ts';
import { team, type Client } from '../support/admin.ts';
import { developer, publishPlugin, publishTheme, themeFolder } from '../support/directory.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost, keptManifest } from '../support/stores.ts';

describeEachHost('the directory page in the Admin API', (engine) => {
  let box: Sandbox;
  let drop: () => Promise<void>;
  let host: Host;
  let owner: Client;
  let editor: Client;
  let mira: StoredKey;
  let work: string;
  const home = () => request(host.app).get('/').set('Host', 'harbour.localhost');
  let siteJson: () => Promise<{ theme: { id: string; licence?: string }; plugins?: Array<{ id: string; licence?: string }> }>;
  // Any version of the package on the host (each is kept in <id>@<version>).
  const installedDir = (kind: string, id: string) => {
    const dir = path.join(box.root, 'packages', kind);
    const found = existsSync(dir) ? readdirSync(dir).find((name) => name === id || name.startsWith(`${id}@`)) : undefined;
    return found ? path.join(dir, found) : path.join(dir, id);
  };

  beforeAll(async () => {
    box = sandbox();
    work = mkdtempSync(path.join(os.tmpdir(), 'guild-admin-packages-'));
    // The site's builder ("tester") holds a key on this machine, as a freelancer running the host would.
    process.env.GUILD_HOME = path.join(box.root, 'home');
    box.site('harbour', { title: 'Harbour', domains: ['harbour.example'], plugins: [{ id: 'guild.seo' }] });
    const prepared = await engine.prepare();
    drop = prepared.drop;
    siteJson = () => keptManifest(prepared.options, path.join(box.sitesDir, 'harbour', 'site.json'));
    host = await box.host(prepared.options);
    const port = await host.listen();
    const client = new DirectoryClient(`http://directory.localhost:${port}`);
    mira = await developer({ client }, 'mira', 'Mira Okafor');
    await client.registerKey(await new Keyring().create('tester'));
    await publishPlugin(client, mira, work, { id: 'mira.hours', version: '1.0.0', author: 'mira', marker: '<p class="hours">Open 8–18</p>' });
    await publishPlugin(client, mira, work, { id: 'mira.hours', version: '1.1.0', author: 'mira', marker: '<p class="hours">Open 8–19</p>' });
    await publishPlugin(client, mira, work, { id: 'mira.future', version: '2.0.0', author: 'mira', engine: '^9.0.0' });
    await publishPlugin(client, mira, work, { id: 'mira.shop', version: '1.0.0', author: 'mira', price: { amount: 4900, currency: 'EUR', months: 12, terms: 'One site.' }, marker: '<p>shop open</p>' });
    await publishPlugin(client, mira, work, { id: 'mira.tampered', version: '1.0.0', author: 'mira' });
    await publishPlugin(client, mira, work, { id: 'mira.resigned', version: '1.0.0', author: 'mira' });
    await publishTheme(client, mira, work, { name: 'harbourline', version: '1.0.0', marker: '<p>harbourline theme</p>' });
    ({ owner, editor } = await team(host, 'harbour'));
  });
  afterAll(async () => {
    delete process.env.GUILD_HOME;
    await box.remove();
    await drop();
  });

  it('lets an owner search the directory, with what this site and host already use', async () => {
    const all = await owner.get('/admin/api/packages').expect(200);
    expect(all.body.directory).toMatch(/^http:\/\/directory\.localhost:\d+$/);
    const hours = all.body.items.find((item: { id: string }) => item.id === 'mira.hours');
    expect(hours).toMatchObject({ kind: 'plugin', owner: 'mira', latest: '1.1.0', price: null, onSite: null, installed: null });
    const shop = (await owner.get('/admin/api/packages?q=mira.shop').expect(200)).body.items;
    expect(shop).toEqual([expect.objectContaining({ id: 'mira.shop', price: expect.objectContaining({ amount: 4900, currency: 'EUR' }) })]);
    const themes = (await owner.get('/admin/api/packages?kind=theme').expect(200)).body.items;
    expect(themes.map((item: { id: string }) => item.id)).toEqual(['harbourline']);
  });

  it("shows a package's versions, capabilities, price, safe readme and screenshots", async () => {
    const detail = (await owner.get('/admin/api/packages/mira.hours').expect(200)).body;
    expect(detail.package).toMatchObject({ id: 'mira.hours', version: '1.1.0', capabilities: ['hooks'], author: { handle: 'mira', name: 'Mira Okafor' } });
    expect(detail.package.readmeHtml).toContain('<strong>marker</strong>');
    expect(detail.package.readmeHtml).not.toContain('<script>');
    expect(detail.package.screenshots).toEqual([`${detail.directory}/packages/mira.hours/1.1.0/files/screenshots/front.png`]);
    expect(detail.versions.map((version: { version: string; fits: boolean }) => [version.version, version.fits])).toEqual([['1.1.0', true], ['1.0.0', true]]);
    expect(detail).toMatchObject({ latest: '1.1.0', onSite: null, installed: null, url: `${detail.directory}/packages/mira.hours`, sites: [] });
    expect((await owner.get('/admin/api/packages/mira.future').expect(200)).body.versions[0]).toMatchObject({ version: '2.0.0', engine: '^9.0.0', fits: false });
    const missing = await owner.get('/admin/api/packages/nobody.nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('GUILD_ERR_DIRECTORY_NOT_FOUND');
  });

  it('installs a free plugin on the site, which then uses it', async () => {
    const installed = await owner.post('/admin/api/packages/mira.hours/install', {});
    expect(installed.status).toBe(200);
    expect(installed.body.installed).toEqual({ kind: 'plugin', id: 'mira.hours', version: '1.1.0' });
    expect((await siteJson()).plugins).toEqual([{ id: 'guild.seo' }, { id: 'mira.hours', version: '1.1.0', range: '^1.1.0' }]);
    await eventually(async () => expect((await home()).text).toContain('Open 8–19'));
    const onSite = (await owner.get('/admin/api/installed').expect(200)).body;
    expect(onSite.plugins.find((plugin: { id: string }) => plugin.id === 'mira.hours')).toMatchObject({ version: '1.1.0', state: 'active', installedFrom: expect.stringMatching(/^http:\/\/directory\.localhost/) });
    expect((await owner.get('/admin/api/packages/mira.hours').expect(200)).body).toMatchObject({ onSite: 'plugin', installed: '1.1.0' });
  });

  it('refuses a tampered archive, a bad signature, a wrong engine and a missing licence with their messages, changing nothing', async () => {
    const tampered = host.directory!.archiveFile('mira.tampered', '1.0.0')!;
    const bytes = readFileSync(tampered);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0xff;
    writeFileSync(tampered, bytes);
    host.directory!.sql.run("UPDATE versions SET signature = @signature WHERE package_id = 'mira.resigned'", { signature: Buffer.alloc(64, 1).toString('base64url') });
    const before = await siteJson();
    const refusals: Array<[string, number, string, string]> = [
      ['mira.tampered', 422, 'GUILD_ERR_INSTALL_INTEGRITY', 'Nothing was changed'],
      ['mira.resigned', 422, 'GUILD_ERR_INSTALL_SIGNATURE', "does not match mira's key"],
      ['mira.future', 422, 'GUILD_ERR_INSTALL_ENGINE', 'needs Guild ^9.0.0, but this host runs Guild'],
      ['mira.shop', 402, 'GUILD_ERR_LICENCE', 'there is no licence for it'],
    ];
    for (const [id, status, code, message] of refusals) {
      const refused = await owner.post(`/admin/api/packages/${id}/install`, {});
      expect(refused.status, id).toBe(status);
      expect(refused.body.error.code, id).toBe(code);
      expect(refused.body.error.message, id).toContain(message);
      expect(existsSync(installedDir('plugins', id)), id).toBe(false);
    }
    const forged = await owner.post('/admin/api/packages/mira.shop/install', { licence: 'not a licence' });
    expect(forged.status).toBe(422);
    expect(forged.body.error.problems).toEqual([{ field: 'licence', message: expect.stringContaining('licence token') }]);
    expect(await siteJson()).toEqual(before);
  });

  it('buys a paid plugin on invoice: the order waits for payment, then the licence comes and it is installed', async () => {
    const ordered = await owner.post('/admin/api/packages/mira.shop/buy');
    expect(ordered.status).toBe(202);
    expect(ordered.body).toMatchObject({ status: 'pending', order: { amount: 4900, currency: 'EUR', buyer: 'tester', instructions: expect.stringContaining('Invoice INV-') } });
    expect((await siteJson()).plugins?.some((plugin) => plugin.id === 'mira.shop')).toBe(false);
    // Asking again while unpaid gives the same order back, not a second one.
    expect((await owner.post('/admin/api/packages/mira.shop/buy')).body.order.id).toBe(ordered.body.order.id);

    host.directory!.confirmPayment(ordered.body.order.id);
    const bought = await owner.post('/admin/api/packages/mira.shop/buy');
    expect(bought.status).toBe(200);
    expect(bought.body).toMatchObject({ status: 'licensed', installed: { id: 'mira.shop', version: '1.0.0' }, licence: { sites: ['harbour.example'], seats: 1 } });
    expect((await siteJson()).plugins?.find((plugin) => plugin.id === 'mira.shop')?.licence).toMatch(/^guild-licence\./);
    await eventually(async () => expect((await home()).text).toContain('shop open'));
  });

  it('switches the theme to one on the host, installs one from the directory, and will not remove the theme in use', async () => {
    const onSite = (await owner.get('/admin/api/installed').expect(200)).body;
    expect(onSite.theme).toMatchObject({ id: 'journal', kind: 'theme', problem: null });
    expect(onSite.themes.map((theme: { id: string }) => theme.id)).toEqual(expect.arrayContaining(['atelier', 'journal']));

    expect((await owner.post('/admin/api/themes/atelier/use', {})).status).toBe(200);
    expect((await siteJson()).theme).toEqual({ id: 'atelier' });
    await eventually(async () => expect((await home()).text).toContain('--brand:'));
    // A paid theme on the host is not used without a licence for this site.
    const lux = await buildThemePackage(themeFolder(work, { name: 'lux', version: '1.0.0', price: { amount: 5900, currency: 'EUR' } }), path.join(work, 'lux.tar.gz'));
    if (!lux.ok) throw new Error(lux.reason);
    await extractPackage(lux.packed.file, path.join(box.themesDir, 'lux'));
    const unlicensed = await owner.post('/admin/api/themes/lux/use', {});
    expect(unlicensed.status).toBe(402);
    expect(unlicensed.body.error).toMatchObject({ code: 'GUILD_ERR_LICENCE', message: expect.stringContaining('"lux" is a paid package and there is no licence for it') });
    expect((await siteJson()).theme).toEqual({ id: 'atelier' });
    const unknown = await owner.post('/admin/api/themes/nowhere/use', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('GUILD_ERR_THEME_NOT_INSTALLED');

    expect((await owner.post('/admin/api/packages/harbourline/install', {})).body.installed).toEqual({ kind: 'theme', id: 'harbourline', version: '1.0.0' });
    await eventually(async () => expect((await home()).text).toContain('harbourline theme'));
    const inUse = await owner.delete('/admin/api/packages/harbourline');
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('GUILD_ERR_THEME_IN_USE');
  });

  it('removes a plugin from the site, and from the host once no site uses it', async () => {
    const removed = await owner.delete('/admin/api/packages/mira.hours');
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ kind: 'plugin', deleted: true });
    expect((await siteJson()).plugins?.map((plugin) => plugin.id)).toEqual(['guild.seo', 'mira.shop']);
    expect(existsSync(installedDir('plugins', 'mira.hours'))).toBe(false);
    await eventually(async () => expect((await home()).text).not.toContain('Open 8–19'));
    expect((await owner.delete('/admin/api/packages/mira.hours')).body.error.code).toBe('GUILD_ERR_PACKAGE_NOT_ON_SITE');
  });

  it('is for owners only, and changes need the CSRF token', async () => {
    for (const [method, route] of [['get', '/admin/api/packages'], ['get', '/admin/api/installed'], ['post', '/admin/api/packages/mira.hours/install'], ['delete', '/admin/api/packages/guild.seo'], ['post', '/admin/api/themes/journal/use']] as const) {
      const refused = await (method === 'get' ? editor.get(route) : method === 'post' ? editor.post(route, {}) : editor.delete(route));
      expect(refused.status, route).toBe(403);
      expect(refused.body.error.message, route).toContain('installing and removing themes and plugins');
    }
    const noToken = await owner.agent.post('/admin/api/packages/mira.hours/install').set('Host', 'harbour.admin.localhost').send({});
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('GUILD_ERR_CSRF');
    expect(existsSync(installedDir('plugins', 'mira.hours'))).toBe(false);
  });

  it('says so when the host has no directory', async () => {
    const bare = sandbox();
    const prepared = await engine.prepare();
    try {
      bare.site('lonely');
      const bareHost = await bare.host({ ...prepared.options, directoryEmbedded: false });
      const { owner: lonelyOwner } = await team(bareHost, 'lonely');
      const refused = await lonelyOwner.get('/admin/api/packages');
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('GUILD_ERR_NO_DIRECTORY');
      expect((await lonelyOwner.get('/admin/api/installed').expect(200)).body).toMatchObject({ directory: null, theme: { id: 'journal' } });
    } finally {
      await bare.remove();
      await prepared.drop();
    }
  });
}, { timeout: 60_000 });
