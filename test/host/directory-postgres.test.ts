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
import { installPackage, type Host } from '../../core/host/index.ts';
import { buildPluginPackage } from '../../core/plugins/index.ts';
import { developer, pluginFolder } from '../support/directory.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
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
    host = await sb.host({ databaseUrl: database.url, watch: false });
  });

  afterAll(async () => {
    await sb.remove();
    rmSync(work, { recursive: true, force: true });
    await database.drop();
  });

  it('publishes and installs a package through it, with its rows in guild_directory and no directory.db', async () => {
    const port = await host.listen();
    const client = new DirectoryClient(`http://directory.localhost:${port}`);
    const mira = await developer({ client }, 'mira');
    const built = await buildPluginPackage(pluginFolder(work, { id: 'mira.hours', version: '1.0.0', author: 'mira', marker: '<p class="hours">Open 8–18</p>' }));
    await client.publish(mira, { id: 'mira.hours', version: '1.0.0', archive: readFileSync(built.packed.file) });

    const installed = await installPackage({ config: host.config, registry: host.registry, services: host.services, client }, { slug: 'bakery', packageId: 'mira.hours' });
    expect(installed).toMatchObject({ kind: 'plugin', id: 'mira.hours', version: '1.0.0' });
    const page = await request(host.app).get('/').set('Host', 'bakery.example').expect(200);
    expect(page.text).toContain('<p class="hours">Open 8–18</p>');

    const reader = new pg.Client({ connectionString: database.url });
    await reader.connect();
    try {
      const versions = await reader.query('SELECT package_id, version, published_by FROM guild_directory.versions');
      expect(versions.rows).toEqual([{ package_id: 'mira.hours', version: '1.0.0', published_by: 'mira' }]);
      const keys = await reader.query('SELECT handle FROM guild_directory.keys');
      expect(keys.rows).toEqual([{ handle: 'mira' }]);
    } finally {
      await reader.end();
    }
    expect(existsSync(path.join(host.config.directoryDataDir, 'directory.db'))).toBe(false);
    // Its archives stay files in the directory's data folder.
    expect(host.directory!.archiveFile('mira.hours', '1.0.0')).toMatch(new RegExp(`^${host.config.directoryDataDir}`));
  });
});
