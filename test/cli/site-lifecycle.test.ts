// Issue 13 (items 3 and 4): the CLI finds the running host through its state file, asks it for each
// site's state, prints its real address, and changes sites through it so they apply at once.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logIn, member } from '../support/admin.ts';
import { guild } from '../support/cli.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import type { Host } from '../../core/host/index.ts';

describe('guild site lifecycle against a running host', { timeout: 90_000 }, () => {
  let box: Sandbox;
  let host: Host;
  let port: number;
  const stateFile = () => path.join(box.root, '.guild', 'data', 'host.json');
  const get = (hostname: string, url = '/') => request(host.app).get(url).set('Host', hostname);

  beforeEach(async () => {
    box = sandbox();
    box.site('bakery', { title: 'Harbour Bakery', domains: ['bakery.example'], theme: { id: 'journal', settings: { accent_color: '#112233', header_style: 'Left aligned' } } });
    box.site('florist', { title: 'Florist', domains: ['florist.example'] });
    host = await box.host();
    port = await host.listen();
  });
  afterEach(() => box.remove());

  it('writes a state file only its user can read, and removes it on a clean shutdown', async () => {
    const state = JSON.parse(readFileSync(stateFile(), 'utf8'));
    expect(state).toMatchObject({ pid: process.pid, port, sitesDir: box.sitesDir, control: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) } });
    expect(statSync(stateFile()).mode & 0o777).toBe(0o600);
    const refused = await fetch(`${state.control.url}/sites`, { headers: { authorization: 'Bearer wrong' } });
    expect(refused.status).toBe(401);
    await host.close();
    expect(existsSync(stateFile())).toBe(false);
  });

  it('lists the sites as the running host sees them, with its real address', async () => {
    const listed = await guild(box, 'site', 'list');
    expect(listed.stdout).toContain(`The host running as pid ${process.pid}`);
    expect(listed.stdout).toMatch(/bakery\s+serving\s+bakery\.example, bakery\.localhost/);
    const json = JSON.parse((await guild(box, 'site', 'list', '--json')).stdout);
    expect(json.find((site: { slug: string }) => site.slug === 'bakery')).toMatchObject({
      state: 'serving',
      domains: ['bakery.example', 'bakery.localhost'],
      urls: { site: `http://bakery.localhost:${port}/`, admin: `http://bakery.admin.localhost:${port}/admin/` },
      updates: null,
      lastBackup: null,
    });
    const created = await guild(box, 'site', 'new', 'fresh', '--title', 'Fresh', '--built-by', 'ada');
    expect(created.stdout).toContain(`http://fresh.localhost:${port}/`);
    expect(created.stdout).toContain(`Its admin: http://fresh.admin.localhost:${port}/admin/`);
    // The builder's one-time login link is on the running host's admin origin and port too.
    expect(created.stdout).toMatch(new RegExp(`http://fresh\\.admin\\.localhost:${port}/admin/login/[\\w-]+`));
    expect(created.stdout).not.toContain(':3000');
  });

  it('disables a site with a 503 maintenance page and Retry-After, keeps its admin open, and enables it again', async () => {
    const disabled = await guild(box, 'site', 'disable', 'bakery', '--message', 'Back on Monday.');
    expect(disabled.code).toBe(0);
    for (const hostname of ['bakery.localhost', 'bakery.example']) {
      const page = await get(hostname);
      expect(page.status).toBe(503);
      expect(page.headers['retry-after']).toBeDefined();
      expect(page.text).toContain('Back on Monday.');
    }
    // The admin stays open on its own origin, and /admin on a public name still leads there.
    expect((await get('bakery.admin.localhost', '/admin/')).status).toBe(200);
    const redirect = await get('bakery.example', '/admin/');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe(`http://bakery.admin.localhost:${port}/admin/`);
    expect((await guild(box, 'site', 'list')).stdout).toMatch(/bakery\s+disabled/);
    await guild(box, 'site', 'enable', 'bakery');
    expect((await get('bakery.example')).status).toBe(200);
  });

  it('adds and removes domains at once, refusing one another site serves', async () => {
    expect((await guild(box, 'site', 'domain', 'add', 'bakery', 'Bread.Example')).code).toBe(0);
    expect((await get('bread.example')).status).toBe(200);
    const taken = await guild(box, 'site', 'domain', 'add', 'bakery', 'florist.example');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('The domain "florist.example" is already served by site "florist"');
    await guild(box, 'site', 'domain', 'remove', 'florist', 'florist.example');
    expect((await get('florist.example')).status).toBe(404);
    expect((await guild(box, 'site', 'domain', 'add', 'bakery', 'florist.example')).code).toBe(0);
    expect((await get('florist.example')).text).toContain('Harbour Bakery');
  });

  it('switches the theme, keeping the settings the new theme knows and naming the ones dropped', async () => {
    const switched = await guild(box, 'site', 'theme', 'bakery', 'atelier');
    expect(switched.code).toBe(0);
    expect(switched.stdout).toContain('Dropped the settings atelier does not have (or accept): header_style');
    const manifest = JSON.parse(readFileSync(path.join(box.sitesDir, 'bakery', 'site.json'), 'utf8'));
    expect(manifest.theme).toEqual({ id: 'atelier', settings: { accent_color: '#112233' } });
    const page = await get('bakery.example');
    expect(page.status).toBe(200);
    expect(page.text).toContain('#112233');
  });

  it('renames a site: its custom domains and its logins follow, the old address is free', async () => {
    await member(host, 'bakery', 'owner@bakery.test', 'owner');
    const renamed = await guild(box, 'site', 'rename', 'bakery', 'harbour');
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toContain(`http://harbour.localhost:${port}/`);
    expect((await get('bakery.localhost')).status).toBe(404);
    expect((await get('harbour.localhost')).text).toContain('Harbour Bakery');
    expect((await get('bakery.example')).text).toContain('Harbour Bakery');
    expect((await host.auth.accounts.members('harbour')).map((one) => one.email)).toEqual(['owner@bakery.test']);
    expect((await guild(box, 'site', 'rename', 'harbour', 'Not A Slug')).stderr).toContain('/id: must be a slug');
  });

  it('removes a site after writing its archive, asking first unless --yes, and frees its domains at once', async () => {
    await member(host, 'bakery', 'owner@bakery.test', 'owner');
    const unconfirmed = await guild(box, 'site', 'remove', 'bakery');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('--yes');
    expect((await get('bakery.example')).status).toBe(200);

    const removed = await guild(box, 'site', 'remove', 'bakery', '--yes', '--out', 'bakery.tar.gz');
    expect(removed.code).toBe(0);
    expect(existsSync(path.join(box.root, 'bakery.tar.gz'))).toBe(true);
    expect((await get('bakery.example')).status).toBe(404);
    expect(existsSync(path.join(box.sitesDir, 'bakery'))).toBe(false);
    expect((await guild(box, 'site', 'domain', 'add', 'florist', 'bakery.example')).code).toBe(0);
    expect((await guild(box, 'site', 'restore', 'bakery.tar.gz', '--domain', 'bakery.test')).code).toBe(0);
    await eventually(async () => expect((await get('bakery.localhost')).text).toContain('Harbour Bakery'));
    // The archive carried the site's people: its owner logs in to the restored site with the old password.
    await logIn(host, 'bakery.localhost', 'owner@bakery.test');
  });

  it('validates domain conflicts as the host does', async () => {
    box.site('copycat', { domains: ['bakery.example'] });
    const result = await guild(box, 'site', 'validate', 'copycat');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('sites/copycat/site.json /domains/0: "bakery.example" is already served by site "bakery"');
  });
});

describe('guild site with no host running', { timeout: 60_000 }, () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
    box.site('bakery', { domains: ['bakery.example'] });
  });
  afterEach(() => box.remove());

  it('says no host is running instead of claiming the sites serve, and sees a stale state file for what it is', async () => {
    box.write('.guild/data/host.json', { pid: 2 ** 22 + 12345, port: 4321, sitesDir: box.sitesDir, startedAt: new Date().toISOString(), control: { url: 'http://127.0.0.1:1', token: 'x' } });
    const listed = await guild(box, 'site', 'list');
    expect(listed.stdout).toContain('No host is running');
    expect(listed.stdout).toMatch(/bakery\s+stopped/);
    expect(listed.stdout).not.toContain('serving ');
    expect(existsSync(path.join(box.root, '.guild', 'data', 'host.json'))).toBe(false);
    expect(JSON.parse((await guild(box, 'site', 'list', '--json')).stdout)[0]).toMatchObject({ slug: 'bakery', state: 'stopped' });
  });

  it('does not take a live process that is no host (a reused pid) for the host', async () => {
    box.write('.guild/data/host.json', { pid: process.pid, port: 4321, sitesDir: box.sitesDir, startedAt: new Date().toISOString(), control: { url: 'http://127.0.0.1:1', token: 'x' } });
    const listed = await guild(box, 'site', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('No host is running');
  });

  it('changes the files itself: a disabled site starts disabled', async () => {
    expect((await guild(box, 'site', 'disable', 'bakery')).stdout).toContain('No host is running');
    const host = await box.host();
    expect((await request(host.app).get('/').set('Host', 'bakery.example')).status).toBe(503);
  });
});
