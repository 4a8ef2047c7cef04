/**
 * Installing from a directory into a real host: a package that checks out is installed and used;
 * a tampered archive, a bad signature, a wrong engine or a missing licence is refused and nothing
 * changes. And the host itself refuses to run a paid package without a valid licence.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPackage, removePackage, type Host, type InstallContext } from '../../core/host/index.ts';
import { extractPackage } from '../../core/packages/index.ts';
import { buildPluginPackage } from '../../core/plugins/index.ts';
import { generateKeyPair, signLicence, type StoredKey } from '../../core/signing/index.ts';
import { buildThemePackage } from '../../core/themes/index.ts';
import { developer, directoryServer, pluginFolder, themeFolder, type DirectoryBox } from '../support/directory.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';

let box: DirectoryBox;
let sb: Sandbox;
let host: Host;
let mira: StoredKey;
let work: string;
let context: InstallContext;

async function publishPlugin(spec: Parameters<typeof pluginFolder>[1]): Promise<void> {
  const built = await buildPluginPackage(pluginFolder(work, spec));
  await box.client.publish(mira, { id: spec.id, version: spec.version, archive: readFileSync(built.packed.file) });
}

const siteJson = (slug: string) => JSON.parse(readFileSync(path.join(sb.sitesDir, slug, 'site.json'), 'utf8')) as { theme: { id: string; licence?: string }; plugins?: { id: string; licence?: string }[] };

function licence(pkg: string, sites: string[], options: { expires?: string | null; key?: string } = {}): string {
  const now = new Date();
  return signLicence(
    { id: `lic_${pkg}`, package: pkg, buyer: 'ada', sites, seats: sites.length, issued: now.toISOString(), expires: options.expires === undefined ? new Date(now.getTime() + 86_400_000).toISOString() : options.expires },
    options.key ?? readFileSync(path.join(box.directory.dataDir, 'directory-key.pem'), 'utf8'),
  );
}

beforeAll(async () => {
  box = await directoryServer();
  work = mkdtempSync(path.join(os.tmpdir(), 'guild-install-test-'));
  mira = await developer(box, 'mira');
  sb = sandbox();
  for (const slug of ['bakery', 'florist', 'tamper', 'signature', 'paid']) sb.site(slug, { domains: [`${slug}.example`] });
  host = await sb.host({ watch: false });
  context = { config: host.config, registry: host.registry, services: host.services, client: box.client };
  await publishPlugin({ id: 'mira.hours', version: '1.0.0', author: 'mira', marker: '<p class="hours">Open 8–18</p>' });
  await publishPlugin({ id: 'mira.hours', version: '1.1.0', author: 'mira', marker: '<p class="hours">Open 8–19</p>' });
});
afterAll(async () => {
  await sb.remove();
  await box.close();
});

describe('installing from a directory', () => {
  it('installs the highest matching version into the host and onto the site, which then uses it', async () => {
    const installed = await installPackage(context, { slug: 'bakery', packageId: 'mira.hours', range: '^1.0.0' });
    expect(installed).toMatchObject({ kind: 'plugin', id: 'mira.hours', version: '1.1.0', dir: path.join(sb.root, 'packages', 'plugins', 'mira.hours@1.1.0') });
    expect(JSON.parse(readFileSync(path.join(installed.dir, '.guild-install.json'), 'utf8'))).toMatchObject({ version: '1.1.0', directory: box.url, publishedBy: 'mira' });
    expect(siteJson('bakery').plugins).toEqual([{ id: 'mira.hours', version: '1.1.0', range: '^1.0.0' }]);
    await host.registry.reload('bakery');
    const page = await request(host.app).get('/').set('Host', 'bakery.localhost').expect(200);
    expect(page.text).toContain('Open 8–19');
  });

  it('installs an exact older version when asked, beside the newer one: each site runs its own (issue 13)', async () => {
    expect((await installPackage(context, { slug: 'florist', packageId: 'mira.hours', range: '1.0.0' })).version).toBe('1.0.0');
    await host.registry.reload('bakery');
    expect((await request(host.app).get('/').set('Host', 'florist.localhost').expect(200)).text).toContain('Open 8–18');
    expect((await request(host.app).get('/').set('Host', 'bakery.localhost').expect(200)).text).toContain('Open 8–19');
  });

  it('refuses a tampered archive and installs nothing', async () => {
    await publishPlugin({ id: 'mira.tampered', version: '1.0.0', author: 'mira' });
    const file = box.directory.archiveFile('mira.tampered', '1.0.0')!;
    const bytes = readFileSync(file);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0xff;
    writeFileSync(file, bytes);
    await expect(installPackage(context, { slug: 'tamper', packageId: 'mira.tampered' })).rejects.toMatchObject({ code: 'GUILD_ERR_INSTALL_INTEGRITY', message: expect.stringContaining('Nothing was changed') });
    expect(existsSync(path.join(sb.root, 'packages', 'plugins', 'mira.tampered@1.0.0'))).toBe(false);
    expect(siteJson('tamper').plugins).toBeUndefined();
  });

  it('refuses a package whose signature is not its author\'s and installs nothing', async () => {
    await publishPlugin({ id: 'mira.resigned', version: '1.0.0', author: 'mira' });
    const stranger = await developer(box, 'stranger');
    box.directory.sql.run("UPDATE versions SET signature = @signature WHERE package_id = 'mira.resigned'", { signature: Buffer.alloc(64, 1).toString('base64url') });
    await expect(installPackage(context, { slug: 'signature', packageId: 'mira.resigned' })).rejects.toMatchObject({ code: 'GUILD_ERR_INSTALL_SIGNATURE', message: expect.stringContaining("does not match mira's key") });
    box.directory.sql.run("UPDATE versions SET signed_with = @key WHERE package_id = 'mira.resigned'", { key: stranger.publicKey });
    await expect(installPackage(context, { slug: 'signature', packageId: 'mira.resigned' })).rejects.toMatchObject({ code: 'GUILD_ERR_INSTALL_SIGNATURE', message: expect.stringContaining('a key that mira does not hold') });
    expect(existsSync(path.join(sb.root, 'packages', 'plugins', 'mira.resigned@1.0.0'))).toBe(false);
    expect(siteJson('signature').plugins).toBeUndefined();
  });

  it('refuses a version made for another Guild, naming one that fits', async () => {
    await publishPlugin({ id: 'mira.future', version: '2.0.0', author: 'mira', engine: '^9.0.0' });
    await expect(installPackage(context, { slug: 'signature', packageId: 'mira.future' })).rejects.toMatchObject({ code: 'GUILD_ERR_INSTALL_ENGINE', message: expect.stringContaining('needs Guild ^9.0.0, but this host runs Guild 0.1.0') });
  });

  it('refuses a paid package without a licence for the site, and installs it with one', async () => {
    await publishPlugin({ id: 'mira.shop', version: '1.0.0', author: 'mira', price: { amount: 4900, currency: 'EUR' } });
    await expect(installPackage(context, { slug: 'paid', packageId: 'mira.shop' })).rejects.toMatchObject({ code: 'GUILD_ERR_LICENCE', message: expect.stringContaining('there is no licence for it') });
    await expect(installPackage(context, { slug: 'paid', packageId: 'mira.shop', licence: licence('mira.shop', ['other.example']) })).rejects.toMatchObject({ code: 'GUILD_ERR_LICENCE', message: expect.stringContaining('not this site') });
    expect(existsSync(path.join(sb.root, 'packages', 'plugins', 'mira.shop@1.0.0'))).toBe(false);
    const token = licence('mira.shop', ['paid.example']);
    await installPackage(context, { slug: 'paid', packageId: 'mira.shop', licence: token });
    expect(siteJson('paid').plugins).toEqual([{ id: 'mira.shop', licence: token, version: '1.0.0', range: '^1.0.0' }]);
  });

  it('removes a plugin from a site, and from the host once no site uses it', async () => {
    // florist's 1.0.0 is used by no other site, so that copy goes; bakery's 1.1.0 stays until bakery lets it go.
    expect(await removePackage(context, 'florist', 'mira.hours')).toEqual({ kind: 'plugin', deleted: true });
    expect(siteJson('florist').plugins).toEqual([]);
    expect(existsSync(path.join(sb.root, 'packages', 'plugins', 'mira.hours@1.0.0'))).toBe(false);
    expect(existsSync(path.join(sb.root, 'packages', 'plugins', 'mira.hours@1.1.0'))).toBe(true);
    expect(await removePackage(context, 'bakery', 'mira.hours')).toEqual({ kind: 'plugin', deleted: true });
    expect(existsSync(path.join(sb.root, 'packages', 'plugins', 'mira.hours@1.1.0'))).toBe(false);
    await expect(removePackage(context, 'bakery', 'mira.hours')).rejects.toMatchObject({ code: 'GUILD_ERR_PACKAGE_NOT_ON_SITE' });
    await expect(removePackage(context, 'bakery', 'journal')).rejects.toMatchObject({ code: 'GUILD_ERR_THEME_IN_USE' });
  });
});

describe('upgrading on a running host', () => {
  it('swaps in a new version of a theme and the sites using it show it without a restart', async () => {
    const watched = await sb.host({ watch: true });
    const live: InstallContext = { config: watched.config, registry: watched.registry, services: watched.services, client: box.client };
    const publishTheme = async (version: string) => {
      const built = await buildThemePackage(themeFolder(work, { name: 'calm', version, marker: `<p>calm ${version}</p>` }), path.join(work, `calm-${version}.tar.gz`));
      if (!built.ok) throw new Error(built.reason);
      await box.client.publish(mira, { id: 'calm', version, archive: readFileSync(built.packed.file) });
    };
    await publishTheme('1.0.0');
    sb.site('calm-site', { domains: ['calm-site.example'] });
    await watched.registry.scan();
    await installPackage(live, { slug: 'calm-site', packageId: 'calm' });
    await eventually(async () => expect((await request(watched.app).get('/').set('Host', 'calm-site.localhost').expect(200)).text).toContain('calm 1.0.0'));
    await publishTheme('1.1.0');
    await installPackage(live, { slug: 'calm-site', packageId: 'calm' });
    await eventually(async () => expect((await request(watched.app).get('/').set('Host', 'calm-site.localhost').expect(200)).text).toContain('calm 1.1.0'));
  });
});

describe('a paid package on a host', () => {
  beforeAll(async () => {
    const built = await buildThemePackage(themeFolder(work, { name: 'lux', version: '1.0.0', price: { amount: 5900, currency: 'EUR', months: 12 } }), path.join(work, 'lux.tar.gz'));
    if (!built.ok) throw new Error(built.reason);
    await extractPackage(built.packed.file, path.join(sb.themesDir, 'lux'));
  });

  it.each([
    ['none', undefined, 'there is no licence for it'],
    ['other', () => licence('lux', ['elsewhere.example']), 'its licence covers elsewhere.example, not this site'],
    ['expired', (domain: string) => licence('lux', [domain], { expires: '2020-01-01T00:00:00.000Z' }), 'its licence expired on 2020-01-01'],
    ['forged', (domain: string) => licence('lux', [domain], { key: generateKeyPair().privateKeyPem }), 'its licence is not signed by a directory this host trusts'],
  ])('refuses a site whose paid theme has a licence that is %s, naming the problem', async (name, token, problem) => {
    const slug = `lux-${name}`;
    sb.site(slug, { domains: [`${slug}.example`], theme: { id: 'lux', ...(token ? { licence: token(`${slug}.example`) } : {}) } });
    await host.registry.scan();
    await request(host.app).get('/').set('Host', `${slug}.localhost`).expect(503);
    const status = await host.registry.status(host.registry.get(slug)!);
    expect(status).toMatchObject({ state: 'refused', reason: expect.stringContaining(`"lux" is a paid package and ${problem}`) });
  });

  it('serves a site whose paid theme has a valid licence for it', async () => {
    sb.site('lux-ok', { domains: ['lux-ok.example'], theme: { id: 'lux', licence: licence('lux', ['lux-ok.example']) } });
    await host.registry.scan();
    await request(host.app).get('/').set('Host', 'lux-ok.localhost').expect(200);
  });

  it('leaves out a paid plugin without a valid licence and serves the site without it', async () => {
    sb.site('unlicensed', { domains: ['unlicensed.example'], plugins: [{ id: 'mira.shop' }] });
    await host.registry.scan();
    const page = await request(host.app).get('/').set('Host', 'unlicensed.localhost').expect(200);
    expect(page.text).not.toContain('mira.shop 1.0.0');
    const status = await host.registry.status(host.registry.get('unlicensed')!);
    expect(status.plugins).toEqual([{ id: 'mira.shop', state: 'failed', reason: expect.stringContaining('/plugins/0/licence: "mira.shop" is a paid package and there is no licence for it') }]);
    const licensed = await request(host.app).get('/').set('Host', 'paid.localhost').expect(200);
    expect(licensed.text).toContain('mira.shop 1.0.0');
  });
});
