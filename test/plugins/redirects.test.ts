// The first-party redirects plugin end to end: managed (added, changed, deleted) and imported in
// the admin, followed by visitors (even to pages still in the page cache), counted, and exported.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { parseCsv } from '../../core/sdk/text.ts';
import { team, type Client } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const ACTIONS = '/admin/api/plugins/guild.redirects/actions';

describe('guild.redirects', () => {
  let box: Sandbox;
  let host: Host;
  const get = (path: string, site = 'moved') => request(host.app).get(path).set('Host', `${site}.localhost`);
  let admin: Client;

  beforeAll(async () => {
    box = sandbox();
    box.site('moved', { plugins: [{ id: 'guild.redirects' }] }, { posts: [{ title: 'New home', slug: 'new-home', html: '<p>Here now.</p>' }, { title: 'Still here', slug: 'still-here', html: '<p>x</p>' }] });
    box.site('untouched', {}, { posts: [{ title: 'Still here', slug: 'still-here', html: '<p>x</p>' }] });
    host = await box.host();
    ({ editor: admin } = await team(host, 'moved'));
  });
  afterAll(() => box.remove());

  it('adds a redirect in the admin and sends visitors on, counting each hit', async () => {
    const added = await admin.post(`${ACTIONS}/redirects`, { from: '/Old-Home/', to: '/new-home/', status: '301' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ from_path: '/old-home', to: '/new-home/', status: 301, hits: 0, message: 'Visitors to /old-home now go to /new-home/.' });
    for (const path of ['/old-home/', '/OLD-HOME', '/old-home/?utm=x']) {
      const response = await get(path);
      expect(response.status).toBe(301);
      expect(response.headers.location).toBe('/new-home/');
    }
    const page = await admin.get('/admin/api/plugins/guild.redirects/pages/redirects');
    expect(page.body.view.blocks[1].rows).toEqual([expect.objectContaining({ from_path: '/old-home', hits: 3 })]);
  });

  it('refuses a redirect that is not one, saying which field is wrong', async () => {
    const refused = await admin.post(`${ACTIONS}/redirects`, { from: 'no-slash', to: '//evil.example', status: '303' });
    expect(refused.status).toBe(422);
    expect(refused.body.problems.map((problem: { field: string }) => problem.field)).toEqual(['from', 'to', 'status']);
    const loop = await admin.post(`${ACTIONS}/redirects`, { from: '/a/', to: '/a' });
    expect(loop.body.problems).toEqual([{ field: 'to', message: 'must differ from "from", or visitors would go round in circles' }]);
  });

  it('moves a page that is still in the page cache, and only on its own site', async () => {
    expect((await get('/still-here/')).status).toBe(200);
    expect((await get('/still-here/')).status).toBe(200); // now served from the cache
    await admin.post(`${ACTIONS}/redirects`, { from: '/still-here/', to: 'https://elsewhere.example/here', status: '302' }).expect(201);
    const moved = await get('/still-here/');
    expect(moved.status).toBe(302);
    expect(moved.headers.location).toBe('https://elsewhere.example/here');
    expect((await get('/still-here/', 'untouched')).status).toBe(200);
  });

  it('imports from CSV, reporting the lines it skipped, and exports what it has', async () => {
    const csv = 'from,to,status\n/2019/05/hello-world/,/hello-world/,301\n/shop,https://shop.example/,302\nbad line,/x/\n"/with,comma/",/new-home/\n';
    const imported = await admin.agent.post(`${ACTIONS}/import`).set('Host', admin.host).set('X-CSRF-Token', admin.csrf).set('Content-Type', 'text/csv').send(csv);
    expect(imported.body).toEqual({
      imported: 3,
      skipped: [{ line: 4, reason: 'from must be a path on this site, like /old-page/' }],
      message: 'Imported 3 redirects. Skipped line 4 (from must be a path on this site, like /old-page/).',
    });
    expect((await get('/2019/05/hello-world/')).headers.location).toBe('/hello-world/');
    expect((await get('/with,comma/')).headers.location).toBe('/new-home/');
    // The admin sends a CSV file's text as the field "csv".
    const broken = await admin.post(`${ACTIONS}/import`, { csv: '"/never-closed,/x/' });
    expect(broken.status).toBe(422);
    expect(broken.body.problems).toEqual([{ field: 'csv', message: expect.any(String) }]);
    const exported = await admin.get(`${ACTIONS}/redirects.csv`);
    const rows = parseCsv(exported.text);
    expect(rows[0]).toEqual(['from', 'to', 'status', 'hits']);
    expect(rows).toContainEqual(['/with,comma', '/new-home/', '301', '1']);
    expect(rows).toContainEqual(['/old-home', '/new-home/', '301', '3']);
  });

  it('changes a redirect, keeping its hits, and refuses to take another one’s address', async () => {
    const list = await admin.get('/admin/api/plugins/guild.redirects/pages/redirects');
    const table = list.body.view.blocks[1];
    expect(table.actions.map((action: { label: string }) => action.label)).toEqual(['Change', 'Delete']);
    const home = table.rows.find((row: { from: string }) => row.from === '/old-home');
    const changed = await admin.put(`${ACTIONS}/redirects/${home.id}`, { from: '/older-home/', to: '/hello-world/', status: '302' });
    expect(changed.body).toMatchObject({ id: home.id, from_path: '/older-home', to: '/hello-world/', status: 302, hits: 3 });
    expect((await get('/older-home')).headers.location).toBe('/hello-world/');
    expect((await get('/old-home/')).status).toBe(404); // not redirected any more
    const taken = await admin.put(`${ACTIONS}/redirects/${home.id}`, { from: '/shop', to: '/x/' });
    expect(taken.status).toBe(422);
    expect(taken.body.problems).toEqual([{ field: 'from', message: 'has a redirect already (to https://shop.example/); change that one instead' }]);
    expect((await admin.put(`${ACTIONS}/redirects/99999`, { from: '/nowhere', to: '/x/' })).status).toBe(404);
  });

  it('removes a redirect', async () => {
    const list = await admin.get('/admin/api/plugins/guild.redirects/pages/redirects');
    const shop = list.body.view.blocks[1].rows.find((row: { from: string }) => row.from === '/shop');
    await admin.delete(`${ACTIONS}/redirects/${shop.id}`).expect(204);
    expect((await get('/shop/')).status).toBe(404);
  });
});
