// The first-party SEO plugin end to end: what a search engine or a link preview would read.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
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
});
