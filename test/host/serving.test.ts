// Many sites on one host: each answers its own content by Host header, with its own theme settings.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const seed = (name: string, posts = 1) => ({
  authors: [{ slug: `${name}-author`, name: `${name} Author`, bio: `Writes for ${name}.` }],
  posts: Array.from({ length: posts }, (_, i) => ({
    title: `${name} post ${i + 1}`,
    slug: `${name}-post-${i + 1}`,
    html: `<p>Body of ${name} post ${i + 1}.</p>`,
    tags: i % 2 === 0 ? ['Even'] : ['Odd'],
    publishedAt: new Date(Date.UTC(2026, 0, i + 1)).toISOString(),
  })),
  pages: [{ title: `About ${name}`, slug: 'about', html: `<p>All about ${name}.</p>` }],
  navigation: [{ label: 'Home', url: '/' }, { label: 'About', url: '/about/' }],
});

describe('a host serving two sites', () => {
  let box: Sandbox;
  let host: Host;

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha', { title: 'Alpha Bakery', domains: ['alpha.example'], theme: { id: 'journal', settings: { accent_color: '#ff0000' } } }, seed('alpha', 8));
    box.site('beta', { title: 'Beta Studio', theme: { id: 'journal', settings: { accent_color: '#00ff00' } } }, seed('beta', 2));
    host = await box.host();
  });
  afterAll(() => box.remove());

  const get = (hostname: string, path: string) => request(host.app).get(path).set('Host', hostname);

  it('answers each site with its own content and settings, by Host header', async () => {
    const alpha = await get('alpha.localhost', '/');
    const beta = await get('beta.localhost', '/');
    expect(alpha.status).toBe(200);
    expect(alpha.text).toContain('<title>Alpha Bakery</title>');
    expect(alpha.text).toContain('alpha post 8');
    expect(alpha.text).toContain('--accent: #ff0000');
    expect(alpha.text).not.toContain('beta post');
    expect(beta.text).toContain('<title>Beta Studio</title>');
    expect(beta.text).toContain('--accent: #00ff00');
    expect(beta.text).not.toContain('alpha post');
  });

  it('answers on every domain listed in site.json', async () => {
    const response = await get('alpha.example', '/alpha-post-1/');
    expect(response.status).toBe(200);
    expect(response.text).toContain('Body of alpha post 1.');
    expect(response.text).toContain('<link rel="canonical" href="http://alpha.example/alpha-post-1/">');
  });

  it('pages the home listing by the theme’s posts_per_page', async () => {
    const first = await get('alpha.localhost', '/');
    expect(first.text).toContain('Page 1 of 2');
    expect(first.text).toContain('href="/page/2/"');
    const second = await get('alpha.localhost', '/page/2/');
    expect(second.status).toBe(200);
    expect(second.text).toContain('alpha post 2');
    expect(second.text).toContain('paged');
    expect((await get('alpha.localhost', '/page/1/')).headers.location).toBe('/');
    expect((await get('alpha.localhost', '/page/3/')).status).toBe(404);
  });

  it('serves posts, pages, tag and author archives', async () => {
    expect((await get('beta.localhost', '/beta-post-2/')).text).toContain('Body of beta post 2.');
    const page = await get('beta.localhost', '/about/');
    expect(page.text).toContain('All about beta.');
    expect(page.text).toContain('page-template');
    const tag = await get('alpha.localhost', '/tag/odd/');
    expect(tag.status).toBe(200);
    expect(tag.text).toContain('alpha post 2');
    expect(tag.text).not.toContain('alpha post 3<');
    const author = await get('alpha.localhost', '/author/alpha-author/');
    expect(author.text).toContain('Writes for alpha.');
    expect((await get('alpha.localhost', '/tag/nope/')).status).toBe(404);
  });

  it('redirects an address without its trailing slash, and never to another host', async () => {
    const response = await get('alpha.localhost', '/about?x=1');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/about/?x=1');
    expect((await get('alpha.localhost', '//evil')).headers.location).toBe('/evil/');
  });

  it('answers a missing page with the theme’s own 404', async () => {
    const response = await get('alpha.localhost', '/no-such-post/');
    expect(response.status).toBe(404);
    expect(response.text).toContain('error-template');
    expect(response.text).toContain('Back to the home page');
  });

  it('serves RSS, a sitemap and robots.txt', async () => {
    const rss = await get('alpha.localhost', '/rss/');
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.text).toContain('<title>alpha post 8</title>');
    expect(rss.text).toContain('<content:encoded><![CDATA[<p>Body of alpha post 8.</p>]]></content:encoded>');
    const sitemap = await get('alpha.localhost', '/sitemap.xml');
    expect(sitemap.text).toContain('<loc>http://alpha.localhost/about/</loc>');
    expect(sitemap.text).toContain('<loc>http://alpha.localhost/tag/even/</loc>');
    const robots = await get('alpha.localhost', '/robots.txt');
    expect(robots.text).toContain('Sitemap: http://alpha.localhost/sitemap.xml');
  });

  it('serves theme assets with an ETag, and versioned ones for a year', async () => {
    const home = await get('alpha.localhost', '/');
    const href = /href="(\/assets\/css\/screen\.css\?v=[^"]+)"/.exec(home.text)![1]!;
    const asset = await get('alpha.localhost', href);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.etag).toBeTruthy();
    const again = await get('alpha.localhost', '/assets/css/screen.css').set('If-None-Match', asset.headers.etag!);
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect((await get('alpha.localhost', '/assets/../site.json')).status).toBe(404);
  });

  it('answers 304 to a page the browser already has', async () => {
    const first = await get('beta.localhost', '/');
    const second = await get('beta.localhost', '/').set('If-None-Match', first.headers.etag!);
    expect(second.status).toBe(304);
  });

  it('shows new content at once, from this process or another', async () => {
    const { site, release } = await host.registry.acquire(host.registry.get('beta')!);
    try {
      expect((await get('beta.localhost', '/')).text).not.toContain('Fresh news');
      await site.store.createPost({ title: 'Fresh news', status: 'published', html: '<p>hot</p>' });
      expect((await get('beta.localhost', '/')).text).toContain('Fresh news');
    } finally {
      release();
    }
  });

  it('answers an unknown host with the host’s own 404 page, and localhost with the network index', async () => {
    const unknown = await get('nobody.example', '/');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('There is no site at this address');
    const index = await get('localhost', '/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('Alpha Bakery');
    expect(index.text).toContain('http://beta.localhost');
  });
});
