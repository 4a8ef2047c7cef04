// Media in each store the host can keep them in (issue 17, item 3): the same behaviour on local
// disk and in an S3-compatible bucket (a real s3rver on 127.0.0.1): uploads with their variants,
// served with identical bytes, ranges and revalidation, deleted, archived and restored, and a
// site's files kept apart from every other site's.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { restoreSite } from '../../core/archive/index.ts';
import { changeSite, type Host } from '../../core/host/index.ts';
import { downloadsInto, MediaLibrary } from '../../core/media/index.ts';
import { logIn, member, type Client } from '../support/admin.ts';
import { fileServer } from '../support/file-server.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
import { startS3, type TestS3 } from '../support/s3.ts';

const image = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3a79c8' } }).jpeg({ quality: 90 }).toBuffer();

function bytes(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

let s3: TestS3;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(() => s3.close());

/** What each store holds of a site, as keys under its images, so the same assertions read both. */
interface Store {
  readonly name: string;
  hostOptions(): object;
  files(box: Sandbox, slug: string): Promise<string[]>;
}

const PREFIX = 'network-1';
const stores: Store[] = [
  {
    name: "each site's folder (the default)",
    hostOptions: () => ({}),
    files: async (box, slug) => {
      const { readdir } = await import('node:fs/promises');
      const root = path.join(box.sitesDir, slug, 'data', 'content', 'images');
      if (!existsSync(root)) return [];
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')).sort();
    },
  },
  {
    name: 'an S3-compatible bucket (GUILD_MEDIA_URL)',
    hostOptions: () => ({ media: s3.location(PREFIX) }),
    files: async (_box, slug) => (await s3.keys(`${PREFIX}/${slug}/images/`)).map((key) => key.slice(`${PREFIX}/${slug}/images/`.length)),
  },
];

describe.each(stores)('media in $name', { timeout: 60_000 }, (store) => {
  let box: Sandbox;
  let host: Host;
  let owner: Client;
  let original: Buffer;
  let uploaded: { id: number; url: string; variants: Record<string, string>; size: number };

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha');
    box.site('beta');
    host = await box.host(store.hostOptions());
    await member(host, 'alpha', 'owner@alpha.test', 'owner');
    owner = await logIn(host, 'alpha.localhost', 'owner@alpha.test');
    original = await image(1000, 600);
    const response = await owner.agent.post('/admin/api/media').set('Host', owner.host).set('X-CSRF-Token', owner.csrf).field('alt', 'Blue').attach('file', original, { filename: 'blue.jpg', contentType: 'image/jpeg' });
    expect(response.status).toBe(201);
    uploaded = response.body;
  });
  afterAll(() => box.remove());

  const get = (url: string, hostName = 'alpha.localhost') => request(host.app).get(url).set('Host', hostName).buffer(true).parse(bytes);

  it('keeps the upload and its variants in the store, and a page shows the image', async () => {
    const key = uploaded.url.replace('/content/images/', '');
    expect(await store.files(box, 'alpha')).toEqual([key, `size/w400/${key}`, `size/w800/${key}`].sort());
    const post = await owner.post('/admin/api/posts', { title: 'Blue sky', html: `<p><img src="${uploaded.url}" alt="Blue"></p>`, status: 'published' });
    const page = await request(host.app).get(`/${post.body.slug}/`).set('Host', 'alpha.localhost');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`src="${uploaded.url}"`);
  });

  it('serves the very bytes uploaded, with their type, length, validators, a year of caching and the sandbox', async () => {
    const served = await get(uploaded.url);
    expect(served.status).toBe(200);
    expect(Buffer.compare(served.body as Buffer, original)).toBe(0);
    expect(served.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-length': String(original.length),
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'accept-ranges': 'bytes',
    });
    expect(served.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    expect(served.headers.etag).toBeTruthy();
    expect(Date.parse(served.headers['last-modified']!)).toBeGreaterThan(Date.now() - 120_000);
    const small = await get(uploaded.variants.s!);
    expect((await sharp(small.body as Buffer).metadata()).width).toBe(400);
    const again = await request(host.app).get(uploaded.url).set('Host', 'alpha.localhost').set('If-None-Match', served.headers.etag!);
    expect(again.status).toBe(304);
    const head = await request(host.app).head(uploaded.url).set('Host', 'alpha.localhost');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(original.length));
  });

  it('serves a byte range, as a player seeking in audio or video asks', async () => {
    const part = await get(uploaded.url).set('Range', 'bytes=100-1099');
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${original.length}`);
    expect(part.headers['content-length']).toBe('1000');
    expect(Buffer.compare(part.body as Buffer, original.subarray(100, 1100))).toBe(0);
    const rest = await get(uploaded.url).set('Range', `bytes=${original.length - 10}-`);
    expect(Buffer.compare(rest.body as Buffer, original.subarray(-10))).toBe(0);
    const last = await get(uploaded.url).set('Range', 'bytes=-25');
    expect(last.status).toBe(206);
    expect(last.headers['content-range']).toBe(`bytes ${original.length - 25}-${original.length - 1}/${original.length}`);
    expect(Buffer.compare(last.body as Buffer, original.subarray(-25))).toBe(0);
    const beyond = await get(uploaded.url).set('Range', `bytes=${original.length + 5}-`);
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${original.length}`);
  });

  it('keeps an attachment fetched from another site (an import) in the store', async () => {
    vi.stubEnv('GUILD_FETCH_ALLOW_LOOPBACK', '1');
    const old = await fileServer();
    const { site, release } = await host.registry.acquire(host.registry.get('beta')!);
    try {
      const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#c8643c' } }).png().toBuffer();
      old.answer('/wp-content/uploads/2020/01/shop.png', { body: png, type: 'image/png' });
      const into = downloadsInto(new MediaLibrary(site.contentSql, host.services.media.forSite(site)), { maxBytes: 1_000_000, timeoutMs: 5000 });
      const url = await into.save({ bytes: await into.download(`${old.origin}/wp-content/uploads/2020/01/shop.png`), name: 'shop.png', alt: 'The shop' });
      expect(await store.files(box, 'beta')).toEqual([url.replace('/content/images/', '')]);
      const served = await get(url, 'beta.localhost');
      expect(Buffer.compare(served.body as Buffer, png)).toBe(0);
    } finally {
      release();
      await old.close();
      vi.unstubAllEnvs();
    }
  });

  it("never serves one site's file to another, nor a path reaching outside the site's files", async () => {
    expect((await get(uploaded.url, 'beta.localhost')).status).toBe(404);
    const key = uploaded.url.replace('/content/images/', '');
    for (const tricky of [`/content/images/..%2F..%2Falpha%2Fimages%2F${encodeURIComponent(key)}`, `/content/images/%2e%2e/alpha/images/${key}`, '/content/images/.hidden', '/content/images/2026/']) {
      expect((await get(tricky, 'beta.localhost')).status, tricky).toBe(404);
    }
    expect(() => host.services.media.forSite({ slug: '../alpha', dir: box.sitesDir })).toThrow();
  });

  it('exports the files into the archive and restores them into the store under the new slug', async () => {
    const archive = await owner.agent.get('/admin/api/export/archive').set('Host', owner.host).buffer(true).parse(bytes);
    expect(archive.status).toBe(200);
    await restoreSite(Readable.from([archive.body as Buffer]), { sitesDir: box.sitesDir, name: 'alpha.tar.gz', as: 'gamma', domainOwner: (domain) => host.registry.find(domain)?.slug, media: host.services.media });
    await host.registry.scan();
    expect(await store.files(box, 'gamma')).toEqual(await store.files(box, 'alpha'));
    const restored = await get(uploaded.url, 'gamma.localhost');
    expect(restored.status).toBe(200);
    expect(Buffer.compare(restored.body as Buffer, original)).toBe(0);
  });

  it('deletes a file with its variants from the store', async () => {
    expect((await owner.delete(`/admin/api/media/${uploaded.id}?force=1`)).status).toBe(204);
    expect(await store.files(box, 'alpha')).toEqual([]);
    expect((await get(uploaded.url)).status).toBe(404);
    expect((await get(uploaded.url, 'gamma.localhost')).status).toBe(200);
  });

  it("moves a renamed site's files and deletes a removed site's", async () => {
    const context = { config: host.config, registry: host.registry, services: host.services, auth: host.auth };
    const before = await store.files(box, 'gamma');
    await changeSite(context, 'gamma', { action: 'rename', to: 'delta' });
    expect(await store.files(box, 'gamma')).toEqual([]);
    expect(await store.files(box, 'delta')).toEqual(before);
    expect((await get(uploaded.url, 'delta.localhost')).status).toBe(200);
    await changeSite(context, 'delta', { action: 'remove', archive: false });
    expect(await store.files(box, 'delta')).toEqual([]);
  });
});
