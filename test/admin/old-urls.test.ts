// The old addresses a WordPress import recorded are listed in the admin for owners and editors,
// who can point one elsewhere or remove it; authors cannot. Changes survive importing again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { importWordPress } from '../../core/wxr/index.ts';
import { team, type Client } from '../support/admin.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost } from '../support/stores.ts';

const data = readFileSync(path.join(REPO, 'test', 'fixtures', 'wxr', 'wordpress-com.xml'));

describeEachHost('old addresses in the admin', (engine) => {
  let box: Sandbox;
  let drop: () => Promise<void>;
  let host: Host;
  let owner: Client;
  let editor: Client;
  let author: Client;
  const visit = (pathname: string) => request(host.app).get(pathname).set('Host', 'a11y.localhost');
  // Straight into the site's own store (a file, or a schema on PostgreSQL), as `guild import` does.
  const importIntoSite = async () => {
    const { site, release } = await host.registry.acquire(host.registry.get('a11y')!);
    try {
      await importWordPress(site.store, { data, name: 'wordpress-com.xml' }, { timezone: 'UTC' });
    } finally {
      release();
    }
  };

  beforeAll(async () => {
    box = sandbox();
    box.site('a11y', { title: 'Accessibility' });
    const prepared = await engine.prepare();
    drop = prepared.drop;
    host = await box.host(prepared.options);
    await importIntoSite();
    ({ owner, editor, author } = await team(host, 'a11y'));
  });
  afterAll(async () => {
    await box.remove();
    await drop();
  });

  it('lists them for owners and editors, not authors', async () => {
    for (const client of [owner, editor]) {
      const list = await client.get('/admin/api/old-urls');
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(expect.objectContaining({ path: '/2013/09/06/tables', to: '/tables/' }));
      expect(list.body.items).toContainEqual(expect.objectContaining({ path: '/?p=10', to: '/headings/' }));
    }
    expect((await author.get('/admin/api/old-urls')).status).toBe(403);
  });

  it('changes where one goes and removes another, and importing again does not undo it', async () => {
    const items = (await editor.get('/admin/api/old-urls')).body.items as Array<{ source: string; key: string; path: string }>;
    const tables = items.find((item) => item.path === '/2013/09/06/tables')!;
    const headings = items.find((item) => item.path === '/?p=10')!;
    expect((await editor.put('/admin/api/old-urls', { source: tables.source, key: tables.key, to: 'javascript:alert(1)' })).status).toBe(422);
    expect((await editor.put('/admin/api/old-urls', { source: tables.source, key: tables.key, to: '/headings/' })).status).toBe(200);
    expect((await visit('/2013/09/06/tables/')).headers.location).toBe('/headings/');
    const removed = await editor.delete(`/admin/api/old-urls?source=${encodeURIComponent(headings.source)}&key=${encodeURIComponent(headings.key)}`);
    expect(removed.status).toBe(204);
    expect((await visit('/?p=10')).status).toBe(200);

    await importIntoSite();
    expect((await visit('/2013/09/06/tables/')).headers.location).toBe('/headings/');
    expect((await visit('/?p=10')).status).toBe(200);
    expect((await owner.get('/admin/api/old-urls')).body.items.map((item: { path: string }) => item.path)).not.toContain('/?p=10');
  });
}, { timeout: 30_000 });
