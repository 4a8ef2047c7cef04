// Fetching an imported site's files once a network is there (the old site here is a server on
// 127.0.0.1): the ones that arrive go into the media library and every post showing them, at any
// size WordPress cut, points at the copy; the ones that cannot be fetched keep their original URL
// and say why, and are tried again on the next run; a fetched one is never fetched again.
import path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSql, SqliteContentStore } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { downloadsInto, MediaLibrary, mediaStorage } from '../../core/media/index.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { attachmentsWaiting, fetchAttachments, importWordPress, type FetchReport } from '../../core/wxr/index.ts';
import { fileServer, type FileServer } from '../support/file-server.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
import { exportWithFiles } from '../support/wxr.ts';

const FILES = [
  { id: 10, path: '/wp-content/uploads/2020/01/shop.png', alt: 'The shop front' },
  { id: 11, path: '/wp-content/uploads/2020/01/gone.jpg' },
  { id: 12, path: '/wp-content/uploads/2020/01/huge.png' },
  { id: 13, path: '/wp-content/uploads/2020/01/page.jpg' },
  { id: 14, path: '/wp-content/uploads/2020/01/slow.png' },
];

describe('fetching the files of an imported WordPress site', () => {
  let box: Sandbox;
  let old: FileServer;
  let store: SqliteContentStore;
  let library: MediaLibrary;
  let host: Host;
  let first: FetchReport;
  let progress: number[];
  const exported = () => exportWithFiles(old.origin, FILES);
  const fetchAll = () => {
    progress = [];
    return fetchAttachments(store, { ...downloadsInto(library, { maxBytes: 50_000, timeoutMs: 500 }), onProgress: ({ done }) => progress.push(done) });
  };
  const shop = async () => (await store.getPostBySlug('our-shop'))!;

  beforeAll(async () => {
    // The old site in these tests is a server on 127.0.0.1, which the host refuses to fetch from unless told.
    vi.stubEnv('GUILD_FETCH_ALLOW_LOOPBACK', '1');
    old = await fileServer();
    old.answer(FILES[0]!.path, { body: await sharp({ create: { width: 80, height: 60, channels: 3, background: '#c8643c' } }).png().toBuffer() });
    old.answer(FILES[2]!.path, { body: Buffer.alloc(60_000, 1) });
    old.answer(FILES[3]!.path, { body: Buffer.from('<!doctype html><title>Not an image</title>'), type: 'image/jpeg' });
    old.answer(FILES[4]!.path, { stallMs: 3000 });
    box = sandbox();
    box.site('shop', { title: 'Corner Shop' });
    const siteDir = path.join(box.sitesDir, 'shop');
    store = new SqliteContentStore(contentDatabaseFile(siteDir));
    library = new MediaLibrary(contentSql(store), mediaStorage(undefined).forSite({ slug: 'shop', dir: siteDir }), { small: { width: 40 } });
    await importWordPress(store, { data: exported(), name: 'shop.xml' }, { timezone: 'UTC' });
    first = await fetchAll();
    host = await box.host();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await store?.close();
    await box?.remove();
    await old?.close();
  });

  it('fetches what the old site still serves and reports every other file with the reason', () => {
    expect(first).toMatchObject({ total: 5, fetched: 1, postsUpdated: 1 });
    const reasons = Object.fromEntries(first.failed.map((failure) => [new URL(failure.url).pathname, failure.reason]));
    expect(reasons).toEqual({
      [FILES[1]!.path]: 'answered 404 Not Found',
      [FILES[2]!.path]: 'is larger than the upload limit of 49 kB',
      [FILES[3]!.path]: expect.stringContaining("The file's contents are not an allowed type"),
      // Too slow reads like unreachable: the reason is in the log, not in what the person sees.
      [FILES[4]!.path]: 'could not be fetched',
    });
    expect(progress.at(-1)).toBe(5);
  });

  it('adds the fetched file to the media library with its alt text and the theme’s sizes', () => {
    const [item] = library.list().items;
    expect(library.list().total).toBe(1);
    expect(item).toMatchObject({ filename: 'shop.png', alt: 'The shop front', width: 80, height: 60 });
    expect(Object.keys(item!.variants)).toEqual(['small']);
  });

  it('points the post at the copy here, for the sized image and its srcset and the featured image, and leaves the rest', async () => {
    const post = await shop();
    const copy = library.list().items[0]!.url;
    expect(post.featureImage).toBe(copy);
    expect(post.html).toContain(`<img src="${copy}" srcset="${copy} 300w, ${copy} 800w" alt="The shop" />`);
    expect(post.html).not.toContain('shop-300x200.png');
    for (const file of FILES.slice(1)) expect(post.html).toContain(`${old.origin}${file.path}`);
    const served = await request(host.app).get(copy).set('Host', 'shop.localhost');
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    const page = await request(host.app).get('/our-shop/').set('Host', 'shop.localhost');
    expect(page.text).toContain(copy);
  });

  it('says what still waits and why', async () => {
    const waiting = await attachmentsWaiting(store);
    expect(waiting.waiting).toBe(4);
    expect(waiting.failed.map((failure) => failure.reason)).toContain('answered 404 Not Found');
  });

  it('tries only the waiting ones again, and fetches one the old site serves now', async () => {
    old.answer(FILES[1]!.path, { redirect: '/moved/gone.jpg' });
    old.answer('/moved/gone.jpg', { body: await sharp({ create: { width: 20, height: 20, channels: 3, background: '#333' } }).jpeg().toBuffer(), type: 'image/jpeg' });
    const again = await fetchAll();
    expect(again).toMatchObject({ total: 4, fetched: 1, postsUpdated: 1 });
    expect(old.hits.get(FILES[0]!.path)).toBe(1);
    expect((await shop()).html).not.toContain(FILES[1]!.path);
    expect((await attachmentsWaiting(store)).waiting).toBe(3);
  });

  it('keeps the copies when the same export is imported again', async () => {
    const before = await shop();
    await importWordPress(store, { data: exported(), name: 'shop.xml' }, { timezone: 'UTC' });
    const after = await shop();
    expect(after.html).toBe(before.html);
    expect(after.featureImage).toBe(before.featureImage);
  });

  it('does nothing when nothing waits', async () => {
    old.answer(FILES[2]!.path, { status: 410 });
    old.answer(FILES[3]!.path, { status: 410 });
    old.answer(FILES[4]!.path, { status: 410 });
    const last = await fetchAll();
    expect(last).toMatchObject({ total: 3, fetched: 0, postsUpdated: 0 });
    expect(last.failed.map((failure) => failure.reason)).toEqual(['answered 410 Gone', 'answered 410 Gone', 'answered 410 Gone']);
  });
});

describe('a fetch cut off after storing a file, before pointing the posts at it', () => {
  let box: Sandbox;
  let old: FileServer;
  let store: SqliteContentStore;
  let library: MediaLibrary;

  beforeAll(async () => {
    old = await fileServer();
    box = sandbox();
    box.site('shop', { title: 'Corner Shop' });
    const siteDir = path.join(box.sitesDir, 'shop');
    store = new SqliteContentStore(contentDatabaseFile(siteDir));
    library = new MediaLibrary(contentSql(store), mediaStorage(undefined).forSite({ slug: 'shop', dir: siteDir }), {});
    await importWordPress(store, { data: exportWithFiles(old.origin, FILES.slice(0, 1)), name: 'shop.xml' }, { timezone: 'UTC' });
  });
  afterAll(async () => {
    await store?.close();
    await box?.remove();
    await old?.close();
  });

  it('is finished by the next run, which points the posts at the copy without fetching it again', async () => {
    // What the cut-off run left: the file in the library and its origin saying so, the post untouched.
    const [origin] = await store.listOrigins({ kind: 'attachment' });
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer();
    const { url: copy } = await library.add({ bytes, originalName: 'shop.png', alt: 'The shop front' });
    await store.saveOrigin({ ...origin!, data: { ...origin!.data, localUrl: copy } });
    expect((await store.getPostBySlug('our-shop'))!.html).toContain(old.origin);

    const next = await fetchAttachments(store, downloadsInto(library, { maxBytes: 50_000, timeoutMs: 500 }));
    expect(next).toMatchObject({ total: 0, fetched: 0, failed: [], postsUpdated: 1 });
    const post = (await store.getPostBySlug('our-shop'))!;
    expect(post.html).not.toContain(old.origin);
    expect(post.featureImage).toBe(copy);
    expect(old.hits.size).toBe(0);
    expect(library.list().total).toBe(1);
  });
});
