/**
 * Issue 17: with GUILD_DATABASE_URL the host's embedded directory lives in the network's
 * PostgreSQL database (schema guild_directory), beside guild_host and the sites' schemas, and
 * makes no directory.db. Runs when the tests have a PostgreSQL (GUILD_TEST_DATABASE_URL).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryClient } from '../../core/directory/index.ts';
import { installPackage, seedDirectory, type Host } from '../../core/host/index.ts';
import { buildPluginPackage } from '../../core/plugins/index.ts';
import { developer, pluginFolder } from '../support/directory.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';
import { freshDatabase, TEST_DATABASE_URL } from '../support/stores.ts';

const onPostgres = TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('the embedded directory on PostgreSQL (skipped without GUILD_TEST_DATABASE_URL)', () => {
  let sb: Sandbox;
  let host: Host;
  let work: string;
  let database: Awaited<ReturnType<typeof freshDatabase>>;

  beforeAll(async () => {
    database = await freshDatabase();
    work = mkdtempSync(path.join(os.tmpdir(), 'guild-directory-pg-'));
    sb = sandbox();
    sb.site('bakery', { domains: ['bakery.example'] });
    // The demo seed lists these two (directory/seed.json).
    sb.site('harbour-bakery', { title: 'Harbour Bakery', domains: ['harbourbakery.example'], builtBy: 'ada', plugins: [{ id: 'guild.seo' }] });
    sb.site('studio-nord', { title: 'Studio Nord', domains: ['studionord.example'], theme: { id: 'atelier' }, builtBy: 'linus' });
    host = await sb.host({ databaseUrl: database.url, watch: false });
  });

  afterAll(async () => {
    await sb.remove();
    rmSync(work, { recursive: true, force: true });
    await database.drop();
  });

  it('takes the demo seed and answers its pages and searches from PostgreSQL', async () => {
    expect(await seedDirectory(host.directory!, path.join(REPO, 'directory', 'seed.json'), host)).toBe(true);
    const seo = await request(host.app).get('/api/packages/guild.seo').set('Host', 'directory.localhost').expect(200);
    expect(seo.body.freelancers.map((person: { handle: string }) => person.handle).sort()).toEqual(['ada', 'linus', 'sofia']);
    const used = await request(host.app).get('/api/packages?sort=used').set('Host', 'directory.localhost').expect(200);
    expect(used.body.packages[0]).toMatchObject({ id: 'guild.seo' });
    expect(used.body.packages.find((pkg: { id: string }) => pkg.id === 'mira.notice-bar')).toMatchObject({ owner: 'mira', price: { amount: 1900, currency: 'EUR', months: 12 } });
    for (const page of ['/', '/search?q=hours', '/packages/mira.notice-bar', '/people/mira', '/sites']) {
      await request(host.app).get(page).set('Host', 'directory.localhost').expect(200).expect('content-type', /html/);
    }
  });

  it('publishes and installs a package through it, with its rows in guild_directory and no directory.db', async () => {
    const port = await host.listen();
    const client = new DirectoryClient(`http://directory.localhost:${port}`);
    const nina = await developer({ client }, 'nina');
    const built = await buildPluginPackage(pluginFolder(work, { id: 'nina.hours', version: '1.0.0', author: 'nina', marker: '<p class="hours">Open 8–18</p>' }));
    await client.publish(nina, { id: 'nina.hours', version: '1.0.0', archive: readFileSync(built.packed.file) });

    const installed = await installPackage({ config: host.config, registry: host.registry, services: host.services, client }, { slug: 'bakery', packageId: 'nina.hours' });
    expect(installed).toMatchObject({ kind: 'plugin', id: 'nina.hours', version: '1.0.0' });
    const page = await request(host.app).get('/').set('Host', 'bakery.example').expect(200);
    expect(page.text).toContain('<p class="hours">Open 8–18</p>');

    const reader = new pg.Client({ connectionString: database.url });
    await reader.connect();
    try {
      const versions = await reader.query("SELECT package_id, version, published_by FROM guild_directory.versions WHERE published_by = 'nina'");
      expect(versions.rows).toEqual([{ package_id: 'nina.hours', version: '1.0.0', published_by: 'nina' }]);
      const keys = await reader.query("SELECT handle FROM guild_directory.keys WHERE handle = 'nina'");
      expect(keys.rows).toEqual([{ handle: 'nina' }]);
    } finally {
      await reader.end();
    }
    expect(existsSync(path.join(host.config.directoryDataDir, 'directory.db'))).toBe(false);
    // Its archives stay files in the directory's data folder.
    expect(host.directory!.archiveFile('nina.hours', '1.0.0')).toMatch(new RegExp(`^${host.config.directoryDataDir}`));
  });
});
