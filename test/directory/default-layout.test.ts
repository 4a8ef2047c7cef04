/**
 * Issue 13, item 1: directory installs work in the layout a fresh clone has, with no directory
 * variables set. The host keeps its state in a hidden `.guild/` folder beside the sites folder
 * (packages, the embedded directory's archives), and the archive route must serve files from
 * there. The host runs as `npm start` runs it (default config, seeded demo directory, listening
 * on a port); the CLI finds it at directory.localhost:<PORT> as a freelancer's terminal would.
 * A purchase whose install fails keeps its paid order and licence, and buying again installs
 * with the same licence and charges nothing more.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, seedDirectory, type Host } from '../../core/host/index.ts';
import { silentLogger } from '../../core/log/index.ts';
import { logIn, member } from '../support/admin.ts';
import { guildWith, type CliResult } from '../support/cli.ts';
import { eventually, REPO, type Sandbox } from '../support/sandbox.ts';

let root: string;
let host: Host;
let port: number;
let sites: string;

/** The CLI as the freelancer runs it in a second terminal: only the port and where the sites are. */
function guild(person: string, ...args: string[]): Promise<CliResult> {
  const home = path.join(root, 'homes', person);
  mkdirSync(home, { recursive: true });
  const box = { root, sitesDir: sites, pluginsDir: path.join(root, 'no-plugins') } as Sandbox;
  return guildWith(box, { PORT: String(port), GUILD_HOME: home, GUILD_CACHE: path.join(root, '.guild', 'cache') }, ...args);
}

const siteJson = (slug: string) => JSON.parse(readFileSync(path.join(sites, slug, 'site.json'), 'utf8')) as { plugins: { id: string; licence?: string }[] };

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'guild-layout-'));
  sites = path.join(root, 'sites');
  for (const slug of ['harbour-bakery', 'studio-nord']) cpSync(path.join(REPO, 'sites', slug, 'site.json'), path.join(sites, slug, 'site.json'));
  for (const key of Object.keys(process.env)) if (key.startsWith('GUILD_')) delete process.env[key];
  // Only the sites folder is given (a clone's own sites/ is the repository's); everything else is the default layout.
  host = await createHost({ log: silentLogger(), sitesDir: sites, cacheDir: path.join(root, '.guild', 'cache'), port: 0 });
  port = await host.listen();
  await seedDirectory(host.directory!, path.join(REPO, 'directory', 'seed.json'), host);
}, 120_000);

afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

describe('directory installs in the default layout (issue 13)', () => {
  it('keeps the directory and installed packages in the hidden .guild folder beside the sites', () => {
    expect(host.config.directoryDataDir).toBe(path.join(root, '.guild', 'directory'));
    expect(host.config.packagesDir).toBe(path.join(root, '.guild', 'packages'));
    expect(existsSync(path.join(root, '.guild', 'directory', 'archives'))).toBe(true);
  });

  it('serves an archive from under the hidden folder', async () => {
    const archive = await request(`http://127.0.0.1:${port}`).get(`/api/packages/mira.opening-hours/versions/${host.directory!.latestVersion('mira.opening-hours')}/archive`).set('Host', `directory.localhost:${port}`).buffer(true).expect(200);
    expect(archive.headers['content-type']).toContain('application/gzip');
    expect(archive.body.length).toBeGreaterThan(100);
  });

  it('guild add installs a free plugin from the running host’s directory', async () => {
    const added = await guild('ada', 'add', 'harbour-bakery', 'mira.opening-hours@^1');
    expect(added.stderr).toBe('');
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('Installed plugin mira.opening-hours 1.') });
    const version = host.directory!.latestVersion('mira.opening-hours');
    expect(existsSync(path.join(root, '.guild', 'packages', 'plugins', `mira.opening-hours@${version}`, 'plugin.json'))).toBe(true);
    expect(siteJson('harbour-bakery').plugins.map((plugin) => plugin.id)).toContain('mira.opening-hours');
    await eventually(async () => expect((await host.registry.status(host.registry.get('harbour-bakery')!)).state).toBe('serving'));
  });

  it('guild buy orders on invoice; once confirmed, buying again installs with the licence', async () => {
    // The demo's ada is known to the directory without a key: she claims her handle with the operator's invitation.
    const invited = await guild('operator', 'directory', 'invite', 'ada');
    const code = /inv_[\w-]+/.exec(invited.stdout)![0];
    expect((await guild('ada', 'keys', 'new', '--handle', 'ada', '--invitation', code)).code).toBe(0);
    const pending = await guild('ada', 'buy', 'harbour-bakery', 'mira.notice-bar');
    expect(pending.stdout).toMatch(/Ordered mira\.notice-bar for harbourbakery\.example as ada: order ord_[0-9a-f]+/);
    const order = /ord_[0-9a-f]+/.exec(pending.stdout)![0];
    expect((await guild('operator', 'directory', 'confirm', order)).code).toBe(0);
    const bought = await guild('ada', 'buy', 'harbour-bakery', 'mira.notice-bar');
    expect(bought).toMatchObject({ code: 0, stdout: expect.stringContaining('Installed plugin mira.notice-bar 2.') });
    expect(siteJson('harbour-bakery').plugins.find((plugin) => plugin.id === 'mira.notice-bar')?.licence).toMatch(/^guild-licence\./);
  });

  it('the admin’s Install installs from the embedded directory', async () => {
    await member(host, 'studio-nord', 'owner@studio-nord.test', 'owner');
    const owner = await logIn(host, 'studio-nord.localhost', 'owner@studio-nord.test');
    const installed = await owner.post('/admin/api/packages/mira.opening-hours/install', {}).expect(200);
    expect(installed.body.installed).toMatchObject({ kind: 'plugin', id: 'mira.opening-hours' });
    expect(siteJson('studio-nord').plugins.map((plugin) => plugin.id)).toContain('mira.opening-hours');
  });

  it('an install that fails after paying keeps the order and licence; buying again installs without a second charge', async () => {
    mkdirSync(path.join(sites, 'kiosk'));
    writeFileSync(path.join(sites, 'kiosk', 'site.json'), JSON.stringify({ guild: 1, id: 'kiosk', title: 'Kiosk', domains: ['kiosk.example'], theme: { id: 'journal' }, builtBy: 'ada' }));
    await eventually(() => expect(host.registry.get('kiosk')?.manifest).toBeDefined());
    const first = await guild('ada', 'buy', 'kiosk', 'mira.notice-bar');
    const order = /ord_[0-9a-f]+/.exec(first.stdout)![0];
    await guild('operator', 'directory', 'confirm', order);

    const file = host.directory!.archiveFile('mira.notice-bar', host.directory!.latestVersion('mira.notice-bar')!)!;
    const good = readFileSync(file);
    writeFileSync(file, Buffer.concat([good.subarray(0, good.length - 40), Buffer.alloc(40)]));
    const failed = await guild('ada', 'buy', 'kiosk', 'mira.notice-bar');
    writeFileSync(file, good);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/The licence lic_[0-9a-f]+ for "mira\.notice-bar" is issued and stays yours \(order ord_[0-9a-f]+ is paid\), but installing it failed/);
    const licence = /lic_[0-9a-f]+/.exec(failed.stderr)![0];
    expect(siteJson('kiosk').plugins ?? []).toEqual([]);

    const retried = await guild('ada', 'buy', 'kiosk', 'mira.notice-bar');
    expect(retried).toMatchObject({ code: 0, stdout: expect.stringContaining(`Licence ${licence} for mira.notice-bar: kiosk.example`) });
    expect(retried.stdout).toContain('Installed plugin mira.notice-bar');
    expect(host.directory!.orders().filter((each) => each.sites.includes('kiosk.example'))).toHaveLength(1);
    expect(host.directory!.payouts().lines.find((line) => line.handle === 'mira')?.sales).toBe(2);
  });
});
