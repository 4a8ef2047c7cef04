/**
 * The whole loop, as people run it, against a real directory (`guild directory serve`) and a real
 * host on temp folders: a developer publishes a plugin, a freelancer installs it on a client site
 * and the site uses it; a paid theme is bought on invoice, the operator confirms the payment, the
 * licence comes and the theme is activated; the ledger balances; and the directory answers who
 * builds what. Each person has their own home folder, so keys never touch the real one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryClient } from '../../core/directory/index.ts';
import type { Host } from '../../core/host/index.ts';
import { guildWith, type CliResult } from '../support/cli.ts';
import { pluginFolder, themeFolder } from '../support/directory.ts';
import { eventually, REPO, sandbox, type Sandbox } from '../support/sandbox.ts';
import { freePort } from '../support/ports.ts';

let sb: Sandbox;
let host: Host;
let server: ChildProcess;
let url: string;
let client: DirectoryClient;
const dataDir = () => path.join(sb.root, 'directory-standalone');

function guild(person: 'mira' | 'ada' | 'operator', ...args: string[]): Promise<CliResult> {
  const home = path.join(sb.root, 'homes', person);
  mkdirSync(home, { recursive: true });
  return guildWith(sb, {
    GUILD_HOME: home,
    GUILD_THEMES: sb.themesDir,
    GUILD_PACKAGES: path.join(sb.root, 'packages'),
    GUILD_DIRECTORY: url,
    GUILD_DIRECTORY_DATA: dataDir(),
    GUILD_DIRECTORY_EMBEDDED: '0',
  }, ...args);
}

const siteJson = () => JSON.parse(readFileSync(path.join(sb.sitesDir, 'bakery', 'site.json'), 'utf8')) as { theme: { id: string; licence?: string }; plugins: { id: string }[] };


beforeAll(async () => {
  sb = sandbox();
  sb.site('bakery', { title: 'Harbour Bakery', domains: ['bakery.example'], builtBy: 'ada' });
  host = await sb.host({ packagesDir: path.join(sb.root, 'packages') });
  // The directory checks a listed site's domain by asking it for a token; the host serves bakery.example here.
  const hostPort = await host.listen();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(REPO, 'scripts/guild.mjs'), 'directory', 'serve', '--port', String(port)], {
    env: { ...process.env, GUILD_DIRECTORY_DATA: dataDir(), GUILD_DIRECTORY_PROOF_VIA: `127.0.0.1:${hostPort}`, GUILD_LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
  client = new DirectoryClient(url);
  await eventually(() => client.info(), 20_000);
});

afterAll(async () => {
  server.kill('SIGTERM');
  await sb.remove();
});

describe('the directory loop', () => {
  it('a developer and a freelancer make keys and register them', async () => {
    const mira = await guild('mira', 'keys', 'new', '--handle', 'mira', '--name', 'Mira Okafor');
    expect(mira.stdout).toContain('Registered its public key with the directory.');
    expect(mira.stdout).toContain(path.join('homes', 'mira', 'keys', 'mira.json'));
    const ada = await guild('ada', 'keys', 'new', '--handle', 'ada', '--name', 'Ada Ferreira');
    expect(ada.code).toBe(0);
    expect((await client.person('mira')).person).toMatchObject({ handle: 'mira', name: 'Mira Okafor', keys: [expect.any(String)] });
  });

  it('the developer publishes a plugin', async () => {
    const dir = pluginFolder(path.join(sb.root, 'work'), { id: 'mira.hours', version: '1.0.0', author: 'mira', marker: '<p class="hours">Open 8–18</p>' });
    const published = await guild('mira', 'publish', dir);
    expect(published.stdout).toContain('Published plugin mira.hours 1.0.0 as mira');
    expect(published.stdout).toContain(`${url}/packages/mira.hours`);
  });

  it('the freelancer installs it on a client site, and the site uses it', async () => {
    const added = await guild('ada', 'add', 'bakery', 'mira.hours@^1.0.0');
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('Installed plugin mira.hours 1.0.0') });
    expect(siteJson().plugins).toEqual([{ id: 'mira.hours', version: '1.0.0', range: '^1.0.0' }]);
    await eventually(async () => {
      const page = await request(host.app).get('/').set('Host', 'bakery.localhost').expect(200);
      expect(page.text).toContain('Open 8–18');
    });
  });

  it('the developer publishes a paid theme; buying it on invoice waits for payment', async () => {
    const dir = themeFolder(path.join(sb.root, 'work'), { name: 'lux', version: '1.0.0', price: { amount: 5900, currency: 'EUR', months: 12, terms: 'One site per licence.' } });
    expect((await guild('mira', 'publish', dir)).stdout).toContain('Published theme lux 1.0.0 as mira');
    const pending = await guild('ada', 'buy', 'bakery', 'lux');
    expect(pending.code).toBe(1);
    expect(pending.stdout).toMatch(/Ordered lux for bakery\.example as ada: order ord_[0-9a-f]+, EUR 59\.00\./);
    expect(pending.stderr).toContain('is waiting for payment. Invoice INV-');
    expect(siteJson().theme).toEqual({ id: 'journal' });
  });

  it('the operator confirms the payment; buying again brings the licence and activates the theme', async () => {
    const orders = await guild('operator', 'directory', 'orders', '--pending');
    const order = /ord_[0-9a-f]+/.exec(orders.stdout)![0];
    expect((await guild('operator', 'directory', 'confirm', order)).stdout).toContain(`Order ${order} is paid (EUR 59.00)`);
    const bought = await guild('ada', 'buy', 'bakery', 'lux');
    expect(bought.code).toBe(0);
    expect(bought.stdout).toMatch(/Licence lic_[0-9a-f]+ for lux: bakery\.example \(1 of 1 site\), valid until \d{4}-\d\d-\d\d\./);
    expect(bought.stdout).toContain('Installed theme lux 1.0.0 on bakery with its licence.');
    expect(siteJson().theme).toMatchObject({ id: 'lux', licence: expect.stringMatching(/^guild-licence\./) });
    await eventually(async () => {
      const status = await host.registry.status(host.registry.get('bakery')!);
      expect(status).toMatchObject({ state: 'serving', theme: 'lux' });
    });
    await request(host.app).get('/').set('Host', 'bakery.localhost').expect(200);
  });

  it('the ledger balances and the developer is owed their share', async () => {
    const payouts = await guild('operator', 'directory', 'payouts', '--json');
    const report = JSON.parse(payouts.stdout) as { lines: { handle: string; gross: number; fee: number; authorShare: number; owed: number }[]; totals: { gross: number; fee: number; authorShare: number; balanced: boolean }[] };
    expect(report.lines).toEqual([expect.objectContaining({ handle: 'mira', currency: 'EUR', sales: 1, gross: 5900, fee: 177, authorShare: 5723, owed: 5723 })]);
    expect(report.totals).toEqual([expect.objectContaining({ gross: 5900, fee: 177, authorShare: 5723, balanced: true })]);
    const table = await guild('operator', 'directory', 'payouts');
    expect(table.stdout).toMatch(/mira\s+1\s+EUR 59\.00\s+EUR 1\.77\s+EUR 57\.23\s+EUR 0\.00\s+EUR 57\.23/);
    expect(table.stdout).toContain('Every total balances');
  });

  it('the site is registered, and the directory answers who builds what', async () => {
    const registered = await guild('ada', 'directory', 'register', 'bakery');
    expect(registered.stdout).toContain('Registered bakery.example (Harbour Bakery), built by ada, with lux 1.0.0, mira.hours 1.0.0.');

    const mira = await request(url).get('/api/people/mira').expect(200);
    expect(mira.body.packages.map((pkg: { id: string; sites: number }) => [pkg.id, pkg.sites]).sort()).toEqual([['lux', 1], ['mira.hours', 1]]);
    const ada = await request(url).get('/api/people/ada').expect(200);
    expect(ada.body.sites).toEqual([expect.objectContaining({ domain: 'bakery.example', builtBy: 'ada', packages: [{ id: 'lux', kind: 'theme', version: '1.0.0', listed: true }, { id: 'mira.hours', kind: 'plugin', version: '1.0.0', listed: true }] })]);
    const hours = await request(url).get('/api/packages/mira.hours').expect(200);
    expect(hours.body).toMatchObject({ package: { id: 'mira.hours', author: { handle: 'mira' } }, versions: [{ version: '1.0.0' }], sites: [{ domain: 'bakery.example', builtBy: 'ada', version: '1.0.0' }], freelancers: [{ handle: 'ada', sites: 1 }] });
    const used = await request(url).get('/api/packages?sort=used').expect(200);
    expect(used.body.packages.map((pkg: { id: string }) => pkg.id)).toEqual(expect.arrayContaining(['lux', 'mira.hours']));
    const page = await request(url).get('/people/ada').expect(200);
    expect(page.text).toContain('bakery.example');
  });

  it('removing the plugin takes it off the site and the host', async () => {
    expect((await guild('ada', 'remove', 'bakery', 'mira.hours')).stdout).toContain('Removed plugin mira.hours from bakery. No other site used it, so its files left the host too.');
    expect(siteJson().plugins).toEqual([]);
    await eventually(async () => {
      const page = await request(host.app).get('/').set('Host', 'bakery.localhost').expect(200);
      expect(page.text).not.toContain('Open 8–18');
    });
  });
});
