// Owners download their site from the admin: the archive (restorable elsewhere, taken while the
// site keeps serving and changing) and the WordPress export. Editors and authors may not.
import { Readable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { restoreSite } from '../../core/archive/index.ts';
import type { Host } from '../../core/host/index.ts';
import { readWxr } from '../../core/wxr/index.ts';
import { logIn, member, team, type Client } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost } from '../support/stores.ts';

const seed = {
  authors: [{ slug: 'ada', name: 'Ada' }],
  posts: Array.from({ length: 3 }, (_, i) => ({ title: `Harbour post ${i + 1}`, slug: `harbour-post-${i + 1}`, html: `<p>Body ${i + 1}.</p>`, tags: ['News'], authors: ['ada'] })),
  pages: [{ title: 'About', slug: 'about', html: '<p>About the harbour.</p>' }],
};

/** Keeps a download's bytes whatever its type. */
function bytes(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describeEachHost('downloading the site from the Admin API', (engine) => {
  let drop: () => Promise<void>;
  let box: Sandbox;
  let host: Host;
  let owner: Client;
  let editor: Client;
  let author: Client;
  const download = (client: Client, path: string) => client.agent.get(path).set('Host', client.host).buffer(true).parse(bytes);
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    box = sandbox();
    box.site('harbour', { title: 'Harbour', domains: ['harbour.example'] }, seed);
    box.site('other', { title: 'Other' });
    const prepared = await engine.prepare();
    drop = prepared.drop;
    host = await box.host(prepared.options);
    ({ owner, editor, author } = await team(host, 'harbour'));
  });
  afterAll(async () => {
    await box.remove();
    await drop();
  });

  it('gives an owner the site archive as an attachment, taken while posts are being written, that restores whole', async () => {
    expect((await editor.post('/admin/api/posts', { title: 'Written before the export', html: '<p>Not in the seed.</p>', status: 'published' })).status).toBe(201);
    const writes = Array.from({ length: 5 }, (_, i) => editor.post('/admin/api/posts', { title: `Written during the export ${i}`, html: '<p>x</p>', status: 'published' }));
    const [response, ...written] = await Promise.all([download(owner, '/admin/api/export/archive'), ...writes]);
    expect(written.every((write) => write.status === 201)).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    expect(response.headers['content-disposition']).toBe(`attachment; filename=harbour-${today}.tar.gz`);
    expect(response.headers['cache-control']).toBe('no-store');

    const restored = await restoreSite(Readable.from([response.body as Buffer]), {
      sitesDir: box.sitesDir,
      name: 'download',
      as: 'harbour-copy',
      domainOwner: (domain) => host.registry.find(domain)?.slug,
      ...(host.config.databaseUrl ? { databaseUrl: host.config.databaseUrl } : {}),
    });
    expect(restored.manifest.title).toBe('Harbour');
    await host.registry.scan();
    const bodies: Record<string, string> = { '/harbour-post-1/': 'Body 1.', '/about/': 'About the harbour.', '/written-before-the-export/': 'Not in the seed.' };
    for (const [pathname, body] of Object.entries(bodies)) {
      const copy = await request(host.app).get(pathname).set('Host', 'harbour-copy.localhost');
      expect(copy.status, pathname).toBe(200);
      expect(copy.text).toContain(body);
    }
  });

  it('gives an owner the WordPress export, with every post and page', async () => {
    const response = await download(owner, '/admin/api/export/wxr');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename=harbour-${today}.wordpress.xml`);
    const doc = await readWxr(response.body as Buffer, { name: 'download' });
    expect(doc.title).toBe('Harbour');
    const titles = doc.items.map((item) => item.title);
    expect(titles).toEqual(expect.arrayContaining(['Harbour post 1', 'Harbour post 3', 'About', 'Written during the export 0']));
  });

  it('refuses editors and authors, and sessions of other sites', async () => {
    for (const client of [editor, author]) {
      for (const path of ['/admin/api/export/archive', '/admin/api/export/wxr']) {
        const refused = await client.get(path);
        expect(refused.status, path).toBe(403);
        expect(refused.headers['content-disposition']).toBeUndefined();
        expect(refused.body.error.message).toContain('exporting the site');
      }
    }
    await member(host, 'other', 'owner@harbour.test', 'owner');
    const elsewhere = await logIn(host, 'other.localhost', 'owner@harbour.test');
    // The same account owns harbour, but this session was opened on the other site.
    expect((await elsewhere.agent.get('/admin/api/export/archive').set('Host', 'harbour.admin.localhost')).status).toBe(401);
  });
}, { timeout: 30_000 });
