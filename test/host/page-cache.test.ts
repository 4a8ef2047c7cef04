/**
 * Issue 16: cached pages go out precompressed with ETags and CDN-ready Cache-Control, from memory
 * or from disk after a restart without opening the site; a change from the admin, the CLI or
 * another process shows at once; pages only some visitors may see are never cached or public.
 */
import { execFileSync } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team } from '../support/admin.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

let box: Sandbox;
let host: Host;
const SEED = { posts: [{ title: 'First light', slug: 'first-light', html: '<p>Morning.</p>', status: 'published' }] };

beforeEach(async () => {
  box = sandbox();
  // With a plugin: a plugin stopping as its site closes once cleared every cached page.
  box.site('alpha', { plugins: [{ id: 'guild.seo' }] }, SEED);
  box.site('counted', { plugins: [{ id: 'guild.analytics' }] }, SEED);
  box.site('hidden', { private: { password: 'sourdough' } }, SEED);
  host = await box.host();
});

afterEach(() => box.remove());

const ports = new WeakMap<Host, Promise<number>>();

interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A request over a socket with no decoding of the body (supertest would gunzip it), so the bytes on the wire can be checked. */
async function raw(path: string, headers: Record<string, string>, site = 'alpha'): Promise<RawAnswer> {
  if (!ports.has(host)) ports.set(host, host.listen());
  const port = await ports.get(host)!;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host: `${site}.localhost`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
const get = (path: string, site = 'alpha') => request(host.app).get(path).set('Host', `${site}.localhost`);

/** Changes a post's title from another process, as the CLI would: through the content store, not the host. */
function retitleElsewhere(site: string, title: string): void {
  const script = `import { SqliteContentStore } from './core/content/index.ts';
const store = new SqliteContentStore(process.argv[1]);
const post = await store.getPostBySlug('first-light');
await store.updatePost(post.id, { title: process.argv[2] });
await store.close();`;
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, path.join(box.sitesDir, site, 'data', 'content.db'), title], { cwd: REPO });
}

describe('the page cache', () => {
  it('sends the same page gzipped, brotli-compressed or as it is, as Accept-Encoding asks', async () => {
    await get('/first-light/').expect(200);
    const plain = await raw('/first-light/', { 'accept-encoding': 'identity' });
    const gzipped = await raw('/first-light/', { 'accept-encoding': 'gzip, deflate' });
    const brotli = await raw('/first-light/', { 'accept-encoding': 'gzip, deflate, br' });
    const refused = await raw('/first-light/', { 'accept-encoding': 'br;q=0, gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(refused.headers['content-encoding']).toBe('gzip');
    const html = plain.body.toString();
    expect(html).toContain('First light');
    expect(gunzipSync(gzipped.body).toString()).toBe(html);
    expect(brotliDecompressSync(brotli.body).toString()).toBe(html);
    for (const answer of [plain, gzipped, brotli]) {
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    }
    // Each encoding has its own ETag, and any of them proves the browser has this page.
    expect(new Set([plain.headers.etag, gzipped.headers.etag, brotli.headers.etag]).size).toBe(3);
    const again = await raw('/first-light/', { 'accept-encoding': 'br', 'if-none-match': gzipped.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(brotli.headers.etag);
  });

  it('lets a CDN keep public pages only as long as GUILD_CDN_MAX_AGE says', async () => {
    expect((await get('/first-light/')).headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    const cdn = await box.host({ cdnMaxAge: 30 });
    const page = await request(cdn.app).get('/first-light/').set('Host', 'alpha.localhost');
    expect(page.headers['cache-control']).toBe('public, max-age=0, s-maxage=30, stale-while-revalidate=30');
  });

  it('shows a change through the admin and from another process at once', async () => {
    const { owner } = await team(host, 'alpha');
    expect((await get('/first-light/')).text).toContain('First light');
    const id = (await owner.get('/admin/api/posts').expect(200)).body.items[0].id as number;
    await owner.put(`/admin/api/posts/${id}`, { title: 'Noon' }).expect(200);
    expect((await get('/first-light/')).text).toContain('Noon');
    retitleElsewhere('alpha', 'Evening');
    expect((await get('/first-light/')).text).toContain('Evening');
  });

  it('answers from disk after a restart without opening the site, and never with a page changed meanwhile', async () => {
    const before = await get('/first-light/').expect(200);
    await get('/').expect(200);
    await host.close();
    host = await box.host();
    const after = await get('/first-light/').expect(200);
    expect(after.text).toBe(before.text);
    expect(after.headers.etag).toBe(before.headers.etag);
    expect(host.registry.openCount()).toBe(0);
    await host.close();
    retitleElsewhere('alpha', 'Changed while stopped');
    host = await box.host();
    expect((await get('/first-light/')).text).toContain('Changed while stopped');
    expect((await get('/')).text).toContain('Changed while stopped');
  });

  it('counts cached views for analytics, also after a restart', async () => {
    for (let i = 0; i < 2; i++) await get('/first-light/', 'counted').expect(200);
    await host.close();
    host = await box.host();
    await get('/first-light/', 'counted').expect(200);
    const { owner } = await team(host, 'counted');
    const view = (await owner.get('/admin/api/plugins/guild.analytics/pages/dashboard').expect(200)).body.view;
    expect(view.blocks[2].rows).toEqual([{ path: '/first-light/', views: 3 }]);
  });

  it('never caches or marks public a private site’s pages', async () => {
    const strangers = await get('/first-light/', 'hidden');
    expect(strangers.status).toBe(302);
    const entry = await request(host.app).post('/private/').set('Host', 'hidden.localhost').type('form').send({ password: 'sourdough' }).expect(303);
    const cookie = [entry.headers['set-cookie']].flat().map(String)[0]!.split(';')[0]!;
    const page = await get('/first-light/', 'hidden').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('First light');
    expect(page.headers['cache-control']).toBe('private, no-store');
    // A stranger after a reader is still sent to the password page, not given the reader's page.
    expect((await get('/first-light/', 'hidden')).status).toBe(302);
  });
});
