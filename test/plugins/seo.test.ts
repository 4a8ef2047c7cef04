// The first-party SEO plugin end to end: what a search engine or a link preview would read.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('guild.seo', () => {
  let box: Sandbox;
  let host: Host;
  const get = (path: string) => request(host.app).get(path).set('Host', 'shop.localhost');

  beforeAll(async () => {
    box = sandbox();
    box.write('plugins/robots-tag/plugin.json', {
      guild: 1, id: 'test.robots', name: 'Robots tag', version: '1.0.0', author: { handle: 'tester' }, license: 'MIT', engine: '^0.1.0', entry: 'index.ts', capabilities: ['hooks'],
    });
    box.write(
      'plugins/robots-tag/index.ts',
      `import { definePlugin } from '@guild/sdk';
export default definePlugin({ setup({ hooks }) {
  hooks.addFilter('guild.seo:meta-tags', (tags: Array<{ name?: string }>) => [...tags.filter((tag) => tag.name !== 'twitter:card'), { name: 'robots', content: 'noindex' }]);
} });`,
    );
    box.site(
      'shop',
      { title: 'Corner Shop', description: 'Fresh things daily.', plugins: [{ id: 'test.robots' }, { id: 'guild.seo', settings: { twitter: 'cornershop', wordsPerMinute: 100 } }] },
      {
        authors: [{ slug: 'sam', name: 'Sam Shop' }],
        posts: [{ title: 'Long read', slug: 'long-read', customExcerpt: 'All about the shop.', tags: ['Stories'], featureImage: '/content/images/shop.jpg', html: `<p>${'word '.repeat(450)}</p>` }],
      },
    );
    host = await box.host();
  });
  afterAll(() => box.remove());

  it('describes a post for link previews, with JSON-LD and reading time', async () => {
    const page = await get('/long-read/');
    expect(page.text).toContain('<meta property="og:type" content="article">');
    expect(page.text).toContain('<meta property="og:title" content="Long read">');
    expect(page.text).toContain('<meta property="og:description" content="All about the shop.">');
    expect(page.text).toContain('<meta property="og:image" content="http://shop.localhost/content/images/shop.jpg">');
    expect(page.text).toContain('<meta property="article:tag" content="Stories">');
    expect(page.text).toContain('<meta name="twitter:site" content="@cornershop">');
    expect(page.text).toContain('<meta name="twitter:data1" content="5 min read">');
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(page.text)![1]!);
    expect(jsonLd).toMatchObject({ '@type': 'BlogPosting', headline: 'Long read', author: { name: 'Sam Shop' }, publisher: { name: 'Corner Shop' } });
    expect(page.text).toContain('&middot; 5 min read');
  });

  it('describes the home page as a website', async () => {
    const page = await get('/');
    expect(page.text).toContain('<meta property="og:type" content="website">');
    expect(page.text).toContain('<meta name="description" content="Fresh things daily.">');
    expect(JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(page.text)![1]!)).toMatchObject({ '@type': 'WebSite', name: 'Corner Shop' });
  });

  it('lets other plugins change its tags through guild.seo:meta-tags', async () => {
    const page = await get('/');
    expect(page.text).toContain('<meta name="robots" content="noindex">');
    expect(page.text).not.toContain('twitter:card');
  });

  it('recomputes reading time when the post changes', async () => {
    const { site, release } = await host.registry.acquire(host.registry.get('shop')!);
    try {
      const post = (await site.store.getPostBySlug('long-read'))!;
      await site.store.updatePost(post.id, { html: `<p>${'word '.repeat(100)}</p>` });
      expect((await get('/long-read/')).text).toContain('<meta name="twitter:data1" content="1 min read">');
    } finally {
      release();
    }
  });

  it('applies per-post overrides set in the admin: title, description, image, kept out of search and the sitemap', async () => {
    const { editor } = await team(host, 'shop');
    const { site, release } = await host.registry.acquire(host.registry.get('shop')!);
    const post = (await site.store.getPostBySlug('long-read'))!;
    release();
    const base = `/admin/api/plugins/guild.seo/actions/overrides/${post.id}`;
    const refused = await editor.post(base, { title: 'x'.repeat(71), image: 'not a url' });
    expect(refused.status).toBe(422);
    expect(refused.body.problems.map((problem: { field: string }) => problem.field)).toEqual(['title', 'image']);

    const saved = await editor.post(base, { title: 'The long read, told short', description: 'Why the shop opens at six.', image: '/content/images/share.jpg', noindex: true });
    expect(saved.body).toMatchObject({ post_id: post.id, title: 'The long read, told short', noindex: true });
    expect((await editor.get(base)).body).toMatchObject({ description: 'Why the shop opens at six.' });

    const page = (await get('/long-read/')).text;
    expect(page).toContain('<title>The long read, told short</title>');
    expect(page).toContain('<meta name="description" content="Why the shop opens at six.">');
    expect(page).toContain('<meta property="og:title" content="The long read, told short">');
    expect(page).toContain('<meta property="og:image" content="http://shop.localhost/content/images/share.jpg">');
    expect(page).toContain('<meta name="robots" content="noindex">');
    const sitemap = (await get('/sitemap.xml')).text;
    expect(sitemap).not.toContain('/long-read/');

    const listing = await editor.get('/admin/api/plugins/guild.seo/pages/overrides');
    expect(listing.body.view.blocks[1].rows).toEqual([expect.objectContaining({ post_id: post.id, hidden: 'yes' })]);

    await editor.delete(base).expect(204);
    expect((await get('/long-read/')).text).toContain('<meta property="og:title" content="Long read">');
    const restored = (await get('/sitemap.xml')).text;
    expect(restored).toContain('/long-read/');
    // The home page's entry is as new as the newest thing on it.
    expect(restored).toMatch(/<loc>http:\/\/shop\.localhost\/<\/loc><lastmod>\d{4}-/);
  });
});
