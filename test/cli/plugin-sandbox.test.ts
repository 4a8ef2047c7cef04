// Issue 11, item 6: the CLI never runs a third party's plugin in the operator's own process.
// `plugin activate`, `plugin status`, `hooks` and `site list` check and build it, and say so;
// its migrations, install step and setup run only when the host serves the site.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guild } from '../support/cli.ts';
import { pluginManifest } from '../support/plugins.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const MARKER = `import { definePlugin } from '@guild/sdk';
export default definePlugin({
  migrations: [{ version: 1, name: 'marks', up: (s) => s.exec('CREATE TABLE ' + s.table('marks') + ' (at TEXT)') }],
  install({ storage }) { storage.run('INSERT INTO ' + storage.table('marks') + " (at) VALUES ('install')"); },
  setup({ hooks }) { hooks.addFilter('theme:foot', (foot) => foot + '<!-- marker -->'); },
});`;

describe('guild CLI and third-party plugins', () => {
  let box: Sandbox;
  const ran = () => {
    const db = new Database(path.join(box.sitesDir, 'shop', 'data', 'content.db'), { readonly: true });
    try {
      return db.prepare("SELECT count(*) FROM guild_migrations WHERE namespace = 'test.marker'").pluck().get() as number;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    box = sandbox();
    box.write('plugins/marker/plugin.json', pluginManifest('test.marker', ['hooks', 'storage']));
    box.write('plugins/marker/index.ts', MARKER);
    box.site('shop', { title: 'Shop' });
  });
  afterAll(() => box.remove());

  it('activates, lists and shows it without running any of its code', { timeout: 90_000 }, async () => {
    const activated = await guild(box, 'plugin', 'activate', 'test.marker', 'shop');
    expect(activated.stdout).toContain('test.marker activated on shop: active (sandboxed; checked here, it starts when the host serves the site)');
    const status = await guild(box, 'plugin', 'status', 'shop');
    expect(status.stdout).toMatch(/test\.marker\s+active\s+1\.0\.0\s+sandbox \(checked; runs in the host\)/);
    expect((await guild(box, 'hooks', 'shop')).stdout).toContain('(test.marker is sandboxed: its taps are made when the host serves the site, not in this command)');
    expect((await guild(box, 'site', 'list')).code).toBe(0);
    expect(ran()).toBe(0);
  });

  it('runs it, sandboxed, once the host serves the site', async () => {
    const host = await box.host();
    const page = await (await import('supertest')).default(host.app).get('/').set('Host', 'shop.localhost');
    expect(page.text).toContain('<!-- marker -->');
    expect(ran()).toBe(1);
  });
});
