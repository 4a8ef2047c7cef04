// Issue 13 (items 3, 5 and 9): the freelancer's Sites overview, and an owner's control of the whole
// site from the admin (maintenance, domains, rename, remove), applied by the host at once.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { backupSite, type Host } from '../../core/host/index.ts';
import { logIn, member, team } from '../support/admin.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost, siteSchemas } from '../support/stores.ts';

describeEachHost('the Sites overview and site controls in the admin', (engine) => {
  let box: Sandbox;
  let drop: () => Promise<void>;
  let databaseUrl: string | undefined;
  let host: Host;
  const get = (hostname: string, url = '/') => request(host.app).get(url).set('Host', hostname);

  beforeEach(async () => {
    box = sandbox();
    box.site('bakery', { title: 'Harbour Bakery', domains: ['bakery.example'], builtBy: 'ada' });
    box.site('florist', { title: 'Florist', builtBy: 'ada', plugins: [{ id: 'acme.absent' }] });
    box.site('other', { title: 'Someone else’s', builtBy: 'zoe' });
    const prepared = await engine.prepare();
    drop = prepared.drop;
    databaseUrl = prepared.options.databaseUrl;
    host = await box.host(prepared.options);
  });
  afterEach(async () => {
    await box.remove();
    await drop();
  });

  it('lists every site the person owns or built, with state, failing plugins, domains, updates, backups and admin links', async () => {
    await member(host, 'bakery', 'ada@guild.localhost', 'owner');
    const ada = await logIn(host, 'bakery.localhost', 'ada@guild.localhost');
    const { body } = await ada.get('/admin/api/network/sites').expect(200);
    expect(body.sites.map((site: { slug: string }) => site.slug)).toEqual(['bakery', 'florist']);
    const [bakery, florist] = body.sites;
    // The admin is on an origin of its own; the site link is the name that reaches this host.
    expect(bakery).toMatchObject({ role: 'owner', state: 'serving', domains: ['bakery.example', 'bakery.localhost'], updates: null, lastBackup: null, urls: { site: 'http://bakery.localhost/', admin: 'http://bakery.admin.localhost/admin/' } });
    expect(florist).toMatchObject({ role: 'builder', pluginsFailing: [{ id: 'acme.absent', state: 'failed', reason: expect.stringContaining('not installed') }] });

    const backup = await backupSite({ config: host.config, registry: host.registry, auth: host.auth, media: host.services.media }, 'bakery');
    const again = await ada.get('/admin/api/network/sites').expect(200);
    expect(again.body.sites[0].lastBackup).toBe(backup.at.toISOString());

    const { owner } = await team(host, 'other');
    const others = await owner.get('/admin/api/network/sites').expect(200);
    expect(others.body.sites.map((site: { slug: string }) => site.slug)).toEqual(['other']);
  });

  it('lets an owner disable and enable the site, and nobody else', async () => {
    const { owner, editor } = await team(host, 'bakery');
    expect((await editor.post('/admin/api/site/disable')).status).toBe(403);
    await owner.post('/admin/api/site/disable', { message: 'Closed for renovation.' }).expect(200);
    const page = await get('bakery.example');
    expect(page.status).toBe(503);
    expect(page.headers['retry-after']).toBeDefined();
    expect(page.text).toContain('Closed for renovation.');
    expect((await owner.get('/admin/api/site/state')).body).toMatchObject({ state: 'disabled', disabled: { message: 'Closed for renovation.' } });
    await owner.post('/admin/api/site/enable').expect(200);
    expect((await get('bakery.example')).status).toBe(200);
  });

  it('shows the owner a broken site.json while the last valid version serves', async () => {
    const { owner } = await team(host, 'bakery');
    writeFileSync(host.registry.get('bakery')!.manifestFile, '{ "guild": 1,\n  "id": "bakery",\n  "domains": [1] }');
    await host.registry.reload('bakery');
    const { body } = await owner.get('/admin/api/site/state').expect(200);
    expect(body.state).toBe('serving');
    expect(body.manifestProblems.join('\n')).toMatch(/site\.json:3 \/domains\/0: /);
    expect((await get('bakery.example')).status).toBe(200);
  });

  it('adds and removes domains, refusing one another site serves', async () => {
    const { owner } = await team(host, 'bakery');
    await owner.post('/admin/api/site/domains', { domain: 'bread.example' }).expect(200);
    expect((await get('bread.example')).text).toContain('Harbour Bakery');
    const taken = await owner.post('/admin/api/site/domains', { domain: 'florist.localhost' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('GUILD_ERR_DOMAIN_TAKEN');
    await owner.delete('/admin/api/site/domains/bread.example').expect(200);
    expect((await get('bread.example')).status).toBe(404);
  });

  it('removes the site only when its slug is typed to confirm, archiving it first', async () => {
    const { owner } = await team(host, 'bakery');
    await owner.post('/admin/api/posts', { title: 'Rye at dawn', html: '<p>Dark.</p>', status: 'published' }).expect(201);
    if (databaseUrl) expect(await siteSchemas(databaseUrl)).toContain('site_bakery');
    const unconfirmed = await owner.post('/admin/api/site/remove', { confirm: 'florist' });
    expect(unconfirmed.status).toBe(422);
    expect(host.registry.get('bakery')).toBeDefined();
    const removed = await owner.post('/admin/api/site/remove', { confirm: 'bakery' }).expect(200);
    expect(existsSync(removed.body.archive)).toBe(true);
    await eventually(async () => expect((await get('bakery.example')).status).toBe(404));
    expect(await host.auth.accounts.members('bakery')).toEqual([]);
    // Its content goes with it once archived: the folder (with the SQLite file), and on PostgreSQL its schema.
    expect(existsSync(path.join(box.sitesDir, 'bakery'))).toBe(false);
    if (databaseUrl) expect(await siteSchemas(databaseUrl)).not.toContain('site_bakery');
  });
});
