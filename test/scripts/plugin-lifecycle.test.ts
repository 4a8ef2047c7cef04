// A plugin's life on sites through the CLI: activate on many sites (each runs its own install
// step and migrations, when the host serves it: the CLI never runs a third party's code),
// deactivate keeping data, upgrade with a new migration, uninstall only when confirmed, an engine
// range that does not fit refused; other sites never change.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guild } from '../support/cli.ts';
import { pluginManifest } from '../support/plugins.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const NOTES_V1 = `import { definePlugin } from '@guild/sdk';
export default definePlugin({
  migrations: [{ version: 1, name: 'notes', up: (db) => db.exec('CREATE TABLE ' + db.table('notes') + ' (text TEXT NOT NULL)') }],
  install({ storage }) { storage.run('INSERT INTO ' + storage.table('notes') + " (text) VALUES ('installed')"); },
  setup() {},
});`;

const NOTES_V2 = `import { definePlugin } from '@guild/sdk';
export default definePlugin({
  migrations: [
    { version: 1, name: 'notes', up: (db) => db.exec('CREATE TABLE ' + db.table('notes') + ' (text TEXT NOT NULL)') },
    { version: 2, name: 'pinned notes', up: (db) => db.exec('ALTER TABLE ' + db.table('notes') + ' ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0') },
  ],
  install({ storage }) { storage.run('INSERT INTO ' + storage.table('notes') + " (text) VALUES ('installed')"); },
  setup() {},
});`;

describe('guild plugin activate | deactivate | uninstall | status', () => {
  let box: Sandbox;
  const query = (site: string, sql: string) => {
    const db = new Database(path.join(box.sitesDir, site, 'data', 'content.db'), { readonly: true });
    try {
      return db.prepare(sql).all();
    } finally {
      db.close();
    }
  };
  const tables = (site: string) => query(site, "SELECT name FROM sqlite_schema WHERE name LIKE 'test__notes__%'").map((row) => (row as { name: string }).name);
  /** Serves the sites once, as the host does: a sandboxed plugin's migrations and install run there. */
  const serve = async (...sites: string[]) => {
    const host = await box.host({ watch: false });
    for (const site of sites) await host.registry.status(host.registry.get(site)!);
    await host.close();
  };
  const manifest = (site: string) => JSON.parse(readFileSync(path.join(box.sitesDir, site, 'site.json'), 'utf8')) as { plugins?: Array<{ id: string; active?: boolean }> };

  beforeAll(async () => {
    box = sandbox();
    box.write('plugins/notes/plugin.json', pluginManifest('test.notes', ['storage']));
    box.write('plugins/notes/index.ts', NOTES_V1);
    box.write('plugins/future/plugin.json', pluginManifest('test.future', [], { engine: '^9.0.0' }));
    box.write('plugins/future/index.ts', `import { definePlugin } from '@guild/sdk';\nexport default definePlugin({ setup() {} });`);
    for (const slug of ['alpha', 'beta', 'gamma']) box.site(slug);
    // Open each site once, so each has its database before the plugin arrives.
    expect((await guild(box, 'site', 'list')).code).toBe(0);
  });
  afterAll(() => box.remove());

  it('activates on many sites at once, each running its own install step and migrations', async () => {
    const result = await guild(box, 'plugin', 'activate', 'test.notes', 'alpha', 'beta');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('test.notes activated on alpha: active (sandboxed; checked here, it starts when the host serves the site)');
    expect(result.stdout).toContain('test.notes activated on beta: active (sandboxed; checked here, it starts when the host serves the site)');
    expect(tables('alpha')).toEqual([]);
    await serve('alpha', 'beta', 'gamma');
    for (const site of ['alpha', 'beta']) {
      expect(tables(site)).toEqual(['test__notes__notes']);
      expect(query(site, 'SELECT text FROM test__notes__notes')).toEqual([{ text: 'installed' }]);
      expect(query(site, "SELECT plugin, version FROM plugin_installs")).toEqual([{ plugin: 'test.notes', version: '1.0.0' }]);
    }
    expect(tables('gamma')).toEqual([]);
    expect(manifest('gamma').plugins ?? []).toEqual([]);
  });

  it('upgrades with the new version’s migrations, without installing again', async () => {
    box.write('plugins/notes/plugin.json', pluginManifest('test.notes', ['storage'], { version: '1.1.0' }));
    box.write('plugins/notes/index.ts', NOTES_V2);
    const status = await guild(box, 'plugin', 'status', 'alpha');
    expect(status.stdout).toMatch(/test\.notes\s+active\s+1\.1\.0\s+sandbox \(checked; runs in the host\)/);
    await serve('alpha');
    expect(query('alpha', 'SELECT text, pinned FROM test__notes__notes')).toEqual([{ text: 'installed', pinned: 0 }]);
    expect(query('alpha', "SELECT version FROM guild_migrations WHERE namespace = 'test.notes' ORDER BY version")).toEqual([{ version: 1 }, { version: 2 }]);
    expect(query('alpha', 'SELECT version FROM plugin_installs')).toEqual([{ version: '1.1.0' }]);
  });

  it('deactivates on one site, keeping its settings and data', async () => {
    const result = await guild(box, 'plugin', 'deactivate', 'test.notes', 'alpha');
    expect(result.stdout).toContain('test.notes deactivated on alpha: inactive');
    expect(manifest('alpha').plugins).toEqual([{ id: 'test.notes', active: false }]);
    expect(tables('alpha')).toEqual(['test__notes__notes']);
    expect(manifest('beta').plugins).toEqual([{ id: 'test.notes' }]);
  });

  it('uninstalls only when confirmed, then removes the plugin’s data from that site alone', async () => {
    const refused = await guild(box, 'plugin', 'uninstall', 'test.notes', 'alpha');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Uninstalling test.notes from alpha removes data for good; run it again with --yes to confirm.');
    expect(tables('alpha')).toEqual(['test__notes__notes']);
    const done = await guild(box, 'plugin', 'uninstall', 'test.notes', 'alpha', '--yes');
    expect(done).toMatchObject({ code: 0, stdout: 'Uninstalled test.notes from alpha: removed 1 table(s) (test__notes__notes) and 0 entries.\n' });
    expect(tables('alpha')).toEqual([]);
    expect(query('alpha', "SELECT * FROM guild_migrations WHERE namespace = 'test.notes'")).toEqual([]);
    expect(manifest('alpha').plugins).toEqual([]);
    expect(tables('beta')).toEqual(['test__notes__notes']);
  });

  it('refuses a plugin made for another Guild version, with a clear message, and changes nothing', async () => {
    const before = readFileSync(path.join(box.sitesDir, 'gamma', 'site.json'), 'utf8');
    const result = await guild(box, 'plugin', 'activate', 'test.future', 'gamma');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Plugin "test.future" supports Guild ^9.0.0, but this host runs Guild 0.1.0. Install a version of the plugin made for 0.1.0.');
    expect(readFileSync(path.join(box.sitesDir, 'gamma', 'site.json'), 'utf8')).toBe(before);
    expect(existsSync(path.join(box.sitesDir, 'gamma', 'data', 'content.db'))).toBe(true);
  });
});
