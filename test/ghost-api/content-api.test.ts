/**
 * Issue 15: Ghost's Content API on a Guild site, read with Ghost's official client
 * (@tryghost/content-api) against a running host on 127.0.0.1: posts with tags and authors, a
 * filter by tag, paging through every post, reads by id and slug, pages, tags, authors and
 * settings, and Ghost's error shape for a bad key. The key comes from `guild site content-key`.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import GhostContentAPI from '@tryghost/content-api';
import axios from 'axios';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

let box: Sandbox;
let host: Host;
let url: string;
let key: string;

const POSTS = 23;
const seed = {
  authors: [{ slug: 'ada', name: 'Ada Baker', bio: 'Bakes.' }, { slug: 'ben', name: 'Ben' }],
  posts: Array.from({ length: POSTS }, (_, i) => ({
    title: `Loaf ${i + 1}`,
    slug: `loaf-${i + 1}`,
    html: `<p>Loaf number <strong>${i + 1}</strong>.</p>`,
    tags: i % 2 === 0 ? ['Bread'] : ['Cake', 'Bread'],
    authors: i % 3 === 0 ? ['ben'] : ['ada'],
    featured: i === 4,
    publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
  })),
  pages: [{ title: 'About', slug: 'about', html: '<p>Since 1921.</p>' }],
  navigation: [{ label: 'Home', url: '/' }],
};

const guild = (...args: string[]) =>
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'guild.mjs'), ...args], { env: { ...process.env, GUILD_SITES: box.sitesDir, GUILD_THEMES: box.themesDir }, encoding: 'utf8' }).trim();

/**
 * Ghost's client as a front end would use it, with its own axios requests; only the address
 * differs: Node does not resolve *.localhost, so requests go to 127.0.0.1 naming the site in Host.
 */
const client = (given = key) =>
  new GhostContentAPI({
    url,
    key: given,
    version: 'v5.0',
    makeRequest: ({ url: address, method, params, headers }: { url: string; method: string; params: object; headers: object }) =>
      axios({ url: address.replace('bakery.localhost', '127.0.0.1'), method, params, paramsSerializer: { indexes: null }, headers: { ...headers, Host: new URL(url).host } }),
  });

beforeAll(async () => {
  box = sandbox();
  box.site('bakery', { domains: ['bakery.localhost'], accentColor: '#336699', social: { twitter: '@bakery' } }, seed);
  host = await box.host();
  const port = await host.listen();
  url = `http://bakery.localhost:${port}`;
  expect((await request(host.app).get('/').set('Host', 'bakery.localhost')).status).toBe(200); // seeds the site
  key = guild('site', 'content-key', 'bakery');
}, 60_000);

afterAll(async () => {
  await box.remove();
});

describe('Ghost’s Content API, through Ghost’s own client', () => {
  it('gives the site a 26-hex key on first use, the same one after, and a new one with --rotate', () => {
    expect(key).toMatch(/^[0-9a-f]{26}$/);
    expect(guild('site', 'content-key', 'bakery')).toBe(key);
  });

  it('reads posts with their tags and authors, newest first, with Ghost’s pagination', async () => {
    const posts = await client().posts.browse({ include: 'tags,authors', limit: 5 });
    expect(posts).toHaveLength(5);
    expect(posts[0]).toMatchObject({ title: `Loaf ${POSTS}`, slug: `loaf-${POSTS}`, url: `${url}/loaf-${POSTS}/`, visibility: 'public', access: true, html: `<p>Loaf number <strong>${POSTS}</strong>.</p>` });
    expect(posts[0].tags.map((tag: { slug: string }) => tag.slug)).toEqual(['bread']);
    expect(posts[0].primary_author).toMatchObject({ slug: 'ada', name: 'Ada Baker', url: `${url}/author/ada/` });
    expect(posts.meta.pagination).toEqual({ page: 1, limit: 5, pages: 5, total: POSTS, next: 2, prev: null });
  });

  it('filters by tag, picks fields and formats, and orders as asked', async () => {
    const cakes = await client().posts.browse({ filter: 'tag:cake', limit: 'all', fields: 'title,slug', order: 'published_at asc' });
    expect(cakes.length).toBe(11);
    expect(cakes[0]).toEqual({ title: 'Loaf 2', slug: 'loaf-2' });
    const plain = await client().posts.browse({ filter: 'featured:true', formats: 'plaintext' });
    expect(plain.map((post: { title: string }) => post.title)).toEqual(['Loaf 5']);
    expect(plain[0].plaintext).toMatch(/^Loaf number 5 ?\.$/);
    expect(plain[0].html).toBeUndefined();
  });

  it('pages through every post', async () => {
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const posts = await client().posts.browse({ limit: 10, page });
      seen.push(...posts.map((post: { slug: string }) => post.slug));
      if (!posts.meta.pagination.next) break;
    }
    expect(new Set(seen).size).toBe(POSTS);
  });

  it('reads one post by id and by slug, pages, tags with counts, authors and settings', async () => {
    const bySlug = await client().posts.read({ slug: 'loaf-3' });
    expect(bySlug.title).toBe('Loaf 3');
    expect((await client().posts.read({ id: bySlug.id })).slug).toBe('loaf-3');
    expect((await client().pages.browse()).map((page: { slug: string }) => page.slug)).toEqual(['about']);
    const tags = await client().tags.browse({ include: 'count.posts', order: 'count.posts desc' });
    expect(tags.map((tag: { slug: string; count: { posts: number } }) => [tag.slug, tag.count.posts])).toEqual([['bread', POSTS], ['cake', 11]]);
    expect((await client().authors.read({ slug: 'ada' })).name).toBe('Ada Baker');
    const settings = await client().settings.browse();
    expect(settings).toMatchObject({ title: 'Site bakery', accent_color: '#336699', twitter: '@bakery', navigation: [{ label: 'Home', url: '/' }], url: `${url}/` });
  });

  it('answers a missing post, a bad filter and a bad key in Ghost’s error shape', async () => {
    await expect(client().posts.read({ slug: 'no-such-loaf' })).rejects.toMatchObject({ name: 'NotFoundError', message: 'Resource not found' });
    await expect(client().posts.browse({ filter: 'tag:[' })).rejects.toMatchObject({ name: 'BadRequestError' });
    await expect(client('0123456789abcdef0123456789').posts.browse()).rejects.toMatchObject({ name: 'UnauthorizedError', message: 'Unknown Content API Key' });
    const missing = await request(host.app).get('/ghost/api/content/posts/').set('Host', 'bakery.localhost');
    expect(missing.status).toBe(403);
    expect(missing.body.errors[0]).toMatchObject({ type: 'NoPermissionError', message: 'Authorization failed' });
  });

  it('stops the old key the moment it is rotated', async () => {
    const old = key;
    const rotated = guild('site', 'content-key', 'bakery', '--rotate');
    expect(rotated).toMatch(/^[0-9a-f]{26}$/);
    expect(rotated).not.toBe(old);
    await expect(client(old).posts.browse()).rejects.toMatchObject({ name: 'UnauthorizedError' });
    expect((await client(rotated).posts.browse({ limit: 1 })).length).toBe(1);
    key = rotated;
  });
});

describe('a password-protected post in the Content API (issue 14)', () => {
  it('gives its title and address but not its text, with access: false', async () => {
    const { site, release } = await host.registry.acquire(host.registry.get('bakery')!);
    await site.store.createPost({ title: 'Secret loaf', slug: 'secret-loaf', html: '<p>The starter is rye.</p>', customExcerpt: 'Rye starter', status: 'published', password: 'crumb' });
    release();
    const post = await client().posts.read({ slug: 'secret-loaf' }, { formats: 'html,plaintext' });
    expect(post).toMatchObject({ title: 'Secret loaf', access: false, html: '', plaintext: '', custom_excerpt: null, excerpt: '' });
  });
});
