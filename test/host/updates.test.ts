/**
 * Issue 13, item 2 (in part): each site records the exact version and the range of every package
 * it installs from a directory; `guild outdated` lists newer versions within and beyond each
 * site's range; `guild update <site> [package]` moves within the range, and `--dry-run` only says
 * what would change.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPackage, outdatedPackages, type Host, type InstallContext } from '../../core/host/index.ts';
import type { StoredKey } from '../../core/signing/index.ts';
import { guildWith } from '../support/cli.ts';
import { developer, directoryServer, publishPlugin, type DirectoryBox } from '../support/directory.ts';
import { logIn, member } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

let box: DirectoryBox;
let sb: Sandbox;
let host: Host;
let mira: StoredKey;
let work: string;
let context: InstallContext;

const plugins = () => (JSON.parse(readFileSync(path.join(sb.sitesDir, 'bakery', 'site.json'), 'utf8')) as { plugins: unknown[] }).plugins;
const cli = (...args: string[]) => guildWith(sb, { GUILD_DIRECTORY: box.url, GUILD_PACKAGES: path.join(sb.root, 'packages'), GUILD_DIRECTORY_EMBEDDED: '0' }, ...args);

beforeAll(async () => {
  box = await directoryServer();
  mira = await developer(box, 'mira');
  work = mkdtempSync(path.join(os.tmpdir(), 'guild-updates-'));
  sb = sandbox();
  sb.site('bakery', { domains: ['bakery.example'] });
  sb.site('florist', { domains: ['florist.example'] });
  host = await sb.host({ watch: false, directoryUrl: box.url });
  context = { config: host.config, registry: host.registry, services: host.services, client: box.client };
  await publishPlugin(box.client, mira, work, { id: 'mira.hours', version: '1.0.0', author: 'mira' });
});
afterAll(async () => {
  await sb.remove();
  await box.close();
});

describe('versions per site', () => {
  it('records the exact version and the range asked for in site.json', async () => {
    await installPackage(context, { slug: 'bakery', packageId: 'mira.hours', range: '^1.0.0' });
    expect(plugins()).toEqual([{ id: 'mira.hours', version: '1.0.0', range: '^1.0.0' }]);
    await host.registry.reload('bakery');
    expect(await outdatedPackages(context)).toEqual([]);
  });

  it('lists newer versions within and beyond the range', async () => {
    await publishPlugin(box.client, mira, work, { id: 'mira.hours', version: '1.1.0', author: 'mira' });
    await publishPlugin(box.client, mira, work, { id: 'mira.hours', version: '2.0.0', author: 'mira' });
    expect(await outdatedPackages(context, 'bakery')).toEqual([{ site: 'bakery', kind: 'plugin', id: 'mira.hours', current: '1.0.0', range: '^1.0.0', wanted: '1.1.0', latest: '2.0.0' }]);
    const printed = await cli('outdated');
    expect(printed.stdout).toMatch(/bakery\s+mira\.hours\s+1\.0\.0\s+\^1\.0\.0\s+1\.1\.0\s+2\.0\.0/);
  });

  it('update --dry-run says what would change and changes nothing; update moves within the range only', async () => {
    const dry = await cli('update', 'bakery', '--dry-run');
    expect(dry).toMatchObject({ code: 0, stdout: expect.stringContaining('Would update plugin mira.hours 1.0.0 → 1.1.0 on bakery.') });
    expect(plugins()).toEqual([{ id: 'mira.hours', version: '1.0.0', range: '^1.0.0' }]);

    const updated = await cli('update', 'bakery', 'mira.hours');
    expect(updated).toMatchObject({ code: 0, stdout: expect.stringContaining('Updated plugin mira.hours 1.0.0 → 1.1.0 on bakery.') });
    expect(plugins()).toEqual([{ id: 'mira.hours', version: '1.1.0', range: '^1.0.0' }]);
    const again = await cli('update', 'bakery');
    expect(again.stdout).toContain('bakery: every directory package is at the newest version within its range.');
  });

  it("the admin's Themes & plugins shows the owner the updates, and Update moves within the range", async () => {
    await publishPlugin(box.client, mira, work, { id: 'mira.clock', version: '1.0.0', author: 'mira' });
    await installPackage(context, { slug: 'florist', packageId: 'mira.clock' });
    await host.registry.reload('florist');
    await publishPlugin(box.client, mira, work, { id: 'mira.clock', version: '1.2.0', author: 'mira' });
    await publishPlugin(box.client, mira, work, { id: 'mira.clock', version: '2.0.0', author: 'mira' });
    await member(host, 'florist', 'owner@florist.test', 'owner');
    const owner = await logIn(host, 'florist.localhost', 'owner@florist.test');
    const onSite = (await owner.get('/admin/api/installed').expect(200)).body;
    expect(onSite.updates).toEqual([{ kind: 'plugin', id: 'mira.clock', current: '1.0.0', range: '^1.0.0', wanted: '1.2.0', latest: '2.0.0' }]);
    await owner.post('/admin/api/packages/mira.clock/update').expect(200, { updated: { kind: 'plugin', id: 'mira.clock', version: '1.2.0' } });
    await host.registry.reload('florist');
    expect((await owner.get('/admin/api/installed').expect(200)).body.updates).toEqual([expect.objectContaining({ id: 'mira.clock', current: '1.2.0', wanted: '1.2.0', latest: '2.0.0' })]);
    await owner.post('/admin/api/packages/mira.clock/update').expect(200, { updated: null });
  });
});
