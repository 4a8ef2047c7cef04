// Writing a plugin with the CLI: `guild plugin new` gives a plugin that checks, passes its own
// test and builds at once; `check` names every problem by JSON path; `build` packs one bundled
// file, its manifest and integrity hashes.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackage } from '../../core/packages/index.ts';
import { guild } from '../support/cli.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('guild plugin new | check | test | build', () => {
  let box: Sandbox;
  let dir: string;

  beforeAll(async () => {
    box = sandbox();
    const created = await guild(box, 'plugin', 'new', 'acme.hello-world', '--dir', 'plugins/hello-world');
    expect(created).toMatchObject({ code: 0, stdout: expect.stringContaining('Created plugin acme.hello-world') });
    dir = path.join(box.pluginsDir, 'hello-world');
  });
  afterAll(() => box.remove());

  it('scaffolds a plugin that is valid and passes its own test', async () => {
    expect(await guild(box, 'plugin', 'check', dir)).toMatchObject({ code: 0, stdout: 'acme.hello-world 0.1.0 is valid.\n' });
    const tested = await guild(box, 'plugin', 'test', dir);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toContain('# pass 1');
    expect(tested.stdout).toContain('# fail 0');
  }, 60_000);

  it('builds one bundled file and its manifest into an archive with integrity hashes', async () => {
    const built = await guild(box, 'plugin', 'build', dir);
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/Integrity: sha256-[A-Za-z0-9+/]+=*/);
    const archive = path.join(dir, 'dist', 'acme.hello-world-0.1.0.tar.gz');
    const { manifest, files } = await readPackage(archive);
    expect(manifest).toMatchObject({ kind: 'plugin', id: 'acme.hello-world', version: '0.1.0' });
    expect(manifest.files.map((file) => file.path)).toEqual(['README.md', 'index.mjs', 'plugin.json']);
    expect(JSON.parse(files.get('plugin.json')!.toString())).toMatchObject({ id: 'acme.hello-world', entry: 'index.mjs' });
    // One file: the SDK's helpers are inside, nothing is left to import but Node's own modules.
    expect(files.get('index.mjs')!.toString()).not.toMatch(/from ["']@guild\/sdk["']/);
    expect(files.get('index.mjs')!.toString()).toContain('sourceMappingURL=data:application/json');
  });

  it('reports every problem of a broken plugin by JSON path, with exit 1', async () => {
    const broken = path.join(box.pluginsDir, 'broken');
    box.write('plugins/broken/plugin.json', {
      guild: 1, id: 'Not An Id', name: 'Broken', version: 'one', license: 'MIT', engine: '^0.1.0', entry: 'index.ts', capabilities: ['hooks', 'telepathy'], settings: { type: 'object', properties: {} },
    });
    const result = await guild(box, 'plugin', 'check', broken);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('plugins/broken/plugin.json /id: must be an id like "acme.contact-form"');
    expect(result.stdout).toContain('plugins/broken/plugin.json /version: must be a semantic version');
    expect(result.stdout).toContain('plugins/broken/plugin.json /author: is required');
    expect(result.stdout).toContain('plugins/broken/plugin.json /capabilities/1: must be one of: hooks, routes');
    box.write('plugins/broken/plugin.json', { guild: 1, id: 'acme.broken', name: 'Broken', version: '1.0.0', author: { handle: 'acme' }, license: 'MIT', engine: '^0.1.0', entry: 'index.ts', capabilities: ['hooks'], settings: { type: 'object', properties: {} } });
    box.write('plugins/broken/index.ts', 'export default {\n  setup( {\n};\n');
    const second = await guild(box, 'plugin', 'check', broken);
    expect(second.stdout).toContain('plugins/broken/plugin.json /settings: a settings schema needs the "settings" capability');
    expect(second.stdout).toMatch(/plugins\/broken\/index\.ts line 3 column \d+: does not compile/);
  });

  it('refuses SQL only one database engine accepts, by file and line, naming the construct and what to write instead', async () => {
    const folder = path.join(box.pluginsDir, 'one-engine');
    box.write('plugins/one-engine/plugin.json', { guild: 1, id: 'acme.one-engine', name: 'One engine', version: '1.0.0', author: { handle: 'acme' }, license: 'MIT', engine: '^0.1.0', entry: 'index.ts', capabilities: ['storage'] });
    const source = [
      "import { definePlugin } from '@guild/sdk';",
      '// A comment is not SQL: INSERT OR REPLACE INTO x (a) VALUES (1)',
      "const ask = 'Delete from the list?';",
      'export default definePlugin({',
      '  migrations: [{ version: 1, name: "notes", up: (db) => db.exec(`CREATE TABLE ${db.table("notes")} (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT)`) }],',
      '  setup({ storage }) {',
      '    storage.run(`INSERT OR REPLACE INTO ${storage.table("notes")} (id, at) VALUES (1, datetime(\'now\'))`);',
      '    storage.all(`SELECT id FROM ${storage.table("notes")} WHERE at > now() - 1 LIMIT 10`, ask);',
      '  },',
      '});',
    ].join('\n');
    box.write('plugins/one-engine/index.ts', source);
    const result = await guild(box, 'plugin', 'check', folder);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n').filter((line) => line.includes('GUILD_ERR_PLUGIN_SQL_UNPORTABLE'));
    expect(lines).toEqual([
      expect.stringMatching(/plugins\/one-engine\/index\.ts line 5: .*AUTOINCREMENT: only SQLite accepts it\. Instead: INTEGER PRIMARY KEY/),
      expect.stringMatching(/plugins\/one-engine\/index\.ts line 7: .*INSERT OR REPLACE: only SQLite accepts it\. Instead: INSERT … ON CONFLICT/),
      expect.stringMatching(/plugins\/one-engine\/index\.ts line 7: .*datetime\(\): only SQLite accepts it\. Instead: pass times from the plugin as ISO text/),
      expect.stringMatching(/plugins\/one-engine\/index\.ts line 8: .*now\(\): only PostgreSQL accepts it/),
    ]);
    // The portable spelling passes.
    const portable = source
      .replace(' AUTOINCREMENT', '')
      .replace(/INSERT OR REPLACE INTO (\$\{[^}]+\}) \(id, at\) VALUES \(1, datetime\('now'\)\)/, 'INSERT INTO $1 (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at')
      .replace('now() - 1', '?');
    box.write('plugins/one-engine/index.ts', portable);
    expect(await guild(box, 'plugin', 'check', folder)).toMatchObject({ code: 0, stdout: 'acme.one-engine 1.0.0 is valid.\n' });
  });

  it('refuses to scaffold over a folder that is not empty', async () => {
    writeFileSync(path.join(box.root, 'taken.txt'), 'x');
    const result = await guild(box, 'plugin', 'new', 'taken', '--dir', '.');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already exists and is not empty');
    expect(readFileSync(path.join(box.root, 'taken.txt'), 'utf8')).toBe('x');
  });
});
