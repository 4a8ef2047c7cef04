/**
 * Issue 16: with the page cache off, a render keeps what it derives from the content (post views,
 * {{#get}} answers, menus, comment threads) between requests, and every change still shows on the
 * very next request: a title in a listing, on the post's own page and in a {{#get}} section, a menu,
 * a tag, and a post taken down.
 */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { countQueries } from '../support/query-counter.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

let box: Sandbox;
let host: Host;

const seed = {
  posts: [
    { title: 'Rye', slug: 'rye', tags: ['Bread'], html: '<p>Sour and dark.</p>', publishedAt: '2026-01-01T00:00:00Z' },
    { title: 'Spelt', slug: 'spelt', tags: ['Bread'], html: '<p>Nutty.</p>', publishedAt: '2026-01-02T00:00:00Z' },
  ],
  navigation: [{ label: 'Home', url: '/' }],
};

const page = async (path: string) => {
  const answer = await request(host.app).get(path).set('Host', 'memo.localhost');
  return `${answer.status} ${answer.text}`;
};

beforeEach(async () => {
  box = sandbox();
  box.write('themes/memo/package.json', { name: 'memo', version: '1.0.0' });
  box.write('themes/memo/default.hbs', '<html><body>{{navigation}}{{{body}}}</body></html>');
  box.write('themes/memo/index.hbs', '{{!< default}}[list {{#foreach posts}}{{title}} ({{excerpt}}) {{date format="YYYY"}};{{/foreach}}]{{#get "posts" filter="tag:bread" limit="5"}}[get {{#foreach posts}}{{title}};{{/foreach}}]{{/get}}');
  box.write('themes/memo/post.hbs', '{{!< default}}{{#post}}<h1>{{title}}</h1>{{content}}{{/post}}');
  box.write('themes/memo/tag.hbs', '{{!< default}}[tag {{tag.name}}: {{#foreach posts}}{{title}};{{/foreach}}]');
  box.site('memo', { domains: ['memo.localhost'], theme: { id: 'memo' } }, seed);
  host = await box.host({ pageCacheBytes: 0 });
});

afterEach(async () => {
  await box.remove();
});

describe('rendering without the page cache', () => {
  it('shows an edited post, menu and tag on the next request, in listings, {{#get}} sections and the post itself', async () => {
    for (const path of ['/', '/rye/', '/tag/bread/']) await page(path);
    expect(await page('/')).toContain('[get Spelt;Rye;]');

    const { site, release } = await host.registry.acquire(host.registry.get('memo')!);
    try {
      const rye = (await site.store.getPostBySlug('rye'))!;
      await site.store.updatePost(rye.id, { title: 'Dark rye', html: '<p>Now with caraway.</p>' });
      await site.store.setNavigation([{ label: 'Bakes', url: '/' }]);
      await site.store.saveTag({ name: 'Loaves', slug: 'bread' });

      const home = await page('/');
      expect(home).toContain('Dark rye (Now with caraway.)');
      expect(home).toContain('[get Spelt;Dark rye;]');
      expect(home).toContain('Bakes');
      expect(home).not.toContain('>Home<');
      expect(await page('/rye/')).toContain('<h1>Dark rye</h1>');
      expect(await page('/tag/bread/')).toContain('[tag Loaves: Spelt;Dark rye;]');

      await site.store.deletePost(rye.id);
      expect(await page('/rye/')).toMatch(/^404 /);
      expect(await page('/')).toContain('[get Spelt;]');
    } finally {
      release();
    }
  });

  it('asks the database nothing for a post page it rendered before, while the content stays the same', async () => {
    expect(await page('/rye/')).toContain('<h1>Rye</h1>');
    const queries = countQueries();
    try {
      expect(await page('/rye/')).toContain('<h1>Rye</h1>');
      expect(queries.count()).toBe(0);
    } finally {
      queries.restore();
    }
  });
});
