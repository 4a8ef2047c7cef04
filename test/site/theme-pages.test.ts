// A site's theme pages are answered before express (core/host/theme-pages.ts) and by the site's
// routes alike: the same addresses name the same pages, and the site's own routes that come
// before its pages (feed, search, Content API, assets, the admin's redirect, domain proofs) keep
// their addresses, also with a trailing slash.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('theme pages and the routes before them', () => {
  let box: Sandbox;
  let host: Host;
  const get = (path: string) => request(host.app).get(path).set('Host', 'pages.localhost').redirects(0);

  beforeAll(async () => {
    box = sandbox();
    box.site('pages', { title: 'Pages Site', theme: { id: 'journal' } }, {
      posts: Array.from({ length: 12 }, (_, i) => ({ title: `Story ${i + 1}`, slug: `story-${i + 1}`, html: `<p>Story ${i + 1} text.</p>`, tags: ['News'], publishedAt: new Date(Date.UTC(2026, 0, i + 1)).toISOString() })),
    });
    host = await box.host();
  });
  afterAll(() => box.remove());

  it('answers the home, its pages, tag archives and posts, fixed words in any case', async () => {
    expect((await get('/')).text).toContain('Story 12');
    // Six to a page in journal: the second page starts at story 6.
    expect((await get('/page/2/')).text).toContain('Story 6');
    expect((await get('/page/2/')).text).not.toContain('Story 7');
    expect((await get('/page/%32/')).text).toContain('Story 6');
    expect((await get('/TAG/news/')).text).toContain('Story 12');
    expect((await get('/tag/news/Page/2/')).text).toContain('Story 6');
    expect((await get('/story-3/')).text).toContain('Story 3 text.');
  });

  it('sends page 1 of a listing to the listing’s own address, and never to another host', async () => {
    expect((await get('/page/1/')).headers.location).toBe('/');
    expect((await get('/tag/news/page/1/')).headers.location).toBe('/tag/news/');
    const sneaky = await get('/%2Fevil.example/page/1/');
    expect(sneaky.status).toBe(301);
    expect(sneaky.headers.location).toBe('/%2Fevil.example/');
  });

  it('encodes a redirect’s address, as a Location header must be', async () => {
    const first = await get('/tag/caf%C3%A9/page/1/');
    expect(first.status).toBe(301);
    expect(first.headers.location).toBe('/tag/caf%C3%A9/');
  });

  it('answers a page number that is no number, and an unknown address, with the theme’s 404', async () => {
    for (const path of ['/page/two/', '/page/0/', '/no-such-story/', '/tag/news/page/x/']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.text, path).toContain('Pages Site');
    }
  });

  it('answers HEAD with the page’s headers and no body', async () => {
    const head = await request(host.app).head('/story-3/').set('Host', 'pages.localhost');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(100);
    expect(head.text ?? '').toBe('');
  });

  it('leaves the site’s own addresses to its routes, with a trailing slash too', async () => {
    const feed = await get('/rss/');
    expect(feed.headers['content-type']).toMatch(/^application\/rss\+xml/);
    expect((await get('/search/')).text).toContain('search');
    expect((await get('/admin/')).status).toBe(302);
    expect((await get('/admin/')).headers.location).toMatch(/^http:\/\/pages\.admin\.localhost(:\d+)?\/admin\/$/);
    const api = await get('/ghost/api/content/posts/');
    expect(api.headers['content-type']).toMatch(/^application\/json/);
    const asset = await get('/assets/no-such-folder/');
    expect(asset.status).toBe(404);
    expect(asset.text).toBe('Not found');
  });
});
