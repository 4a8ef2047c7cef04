/**
 * {{#get}}, {{#next_post}} and {{#prev_post}} through a real host and real SQLite, and the number
 * of queries a get/foreach-heavy page makes: bounded, and the same for 5 posts as for 60.
 */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../core/host/index.ts';
import { countQueries } from '../../support/query-counter.ts';
import { sandbox, type Sandbox } from '../../support/sandbox.ts';

let box: Sandbox;
let host: Host | undefined;

const theme = (templates: Record<string, string>) => {
  box.write('themes/data/package.json', { name: 'data', version: '1.0.0', config: { posts_per_page: 3 } });
  box.write('themes/data/post.hbs', templates.post ?? '{{#post}}{{title}}{{/post}}');
  box.write('themes/data/index.hbs', templates.index ?? '{{#foreach posts}}{{title}}{{/foreach}}');
  for (const [name, source] of Object.entries(templates)) if (name !== 'post' && name !== 'index') box.write(`themes/data/${name}.hbs`, source);
};

const seed = (count: number) => ({
  authors: [{ slug: 'ada', name: 'Ada' }, { slug: 'ben', name: 'Ben' }],
  posts: Array.from({ length: count }, (_, i) => ({
    title: `Post ${i + 1}`,
    slug: `post-${i + 1}`,
    tags: i % 3 === 0 ? ['Bread', 'Mornings'] : ['Cake'],
    authors: i % 2 === 0 ? ['ada'] : ['ben', 'ada'],
    featured: i % 4 === 0,
    publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
  })),
  pages: [{ title: 'Bread making', slug: 'bread-making', tags: ['#service'] }, { title: 'Cakes to order', slug: 'cakes', tags: ['#service'] }],
});

const get = async (path: string, site = 'data-site') => {
  const response = await request(host!.app).get(path).set('Host', `${site}.localhost`);
  return { status: response.status, text: response.text.trim() };
};

beforeEach(() => {
  box = sandbox();
});

afterEach(async () => {
  await box.remove();
  host = undefined;
});

describe('get', () => {
  it('reads posts with filter, limit and order, and exposes them and their pagination to the block', async () => {
    theme({ home: '{{#get "posts" filter="tag:bread" limit="2" order="published_at asc"}}{{#foreach posts}}{{title}};{{/foreach}}{{pagination.total}}/{{pagination.pages}}{{/get}}' });
    box.site('data-site', { theme: { id: 'data' } }, seed(7));
    host = await box.host();
    expect((await get('/')).text).toBe('Post 1;Post 4;3/2');
  });

  it('takes block parameters, reads pages, tags and authors, and renders {{else}} when nothing matches', async () => {
    theme({
      home: [
        '{{#get "pages" filter="tag:hash-service" order="title asc" as |services|}}{{#foreach services}}{{title}};{{/foreach}}{{/get}}',
        '{{#get "tags" limit="all" order="count.posts desc" as |tags|}}{{#foreach tags}}{{name}}={{count.posts}};{{/foreach}}{{/get}}',
        '{{#get "authors" as |people|}}{{#foreach people}}{{name}};{{/foreach}}{{/get}}',
        '{{#get "posts" filter="tag:nothing"}}x{{else}}none{{/get}}',
        '{{#get "tiers"}}x{{else}}no tiers{{/get}}',
      ].join('|'),
    });
    box.site('data-site', { theme: { id: 'data' } }, seed(7));
    host = await box.host();
    expect((await get('/')).text).toBe('Bread making;Cakes to order;|Cake=4;Bread=3;Mornings=3;|Ada;Ben;|none|no tiers');
  });

  it('reads arguments from its context, including a get inside another get', async () => {
    theme({
      post: '{{#post}}{{#get "posts" filter=(concat "tag:" primary_tag.slug "+id:-" id) limit="2" as |related|}}{{#foreach related}}{{title}}[{{#get "posts" filter=(concat "author:" primary_author.slug) limit="1"}}{{#foreach posts}}{{title}}{{/foreach}}{{/get}}];{{/foreach}}{{/get}}{{/post}}',
    });
    box.site('data-site', { theme: { id: 'data' } }, seed(7));
    host = await box.host();
    expect((await get('/post-4/')).text).toBe('Post 7[Post 7];Post 1[Post 7];');
  });

  it('renders {{else}} for a filter with a mistake, logs it, and keeps the rest of the page', async () => {
    theme({ home: 'before|{{#get "posts" filter="colour:red"}}x{{else}}nothing{{/get}}|after' });
    box.site('data-site', { theme: { id: 'data' } }, seed(3));
    host = await box.host();
    expect(await get('/')).toEqual({ status: 200, text: 'before|nothing|after' });
  });
});

describe('next_post and prev_post', () => {
  it('find the newer and older post, optionally within the primary tag', async () => {
    theme({
      post: '{{#post}}{{#prev_post}}older:{{title}}{{else}}first{{/prev_post}}|{{#next_post}}newer:{{title}}{{else}}latest{{/next_post}}|{{#next_post in="primary_tag"}}{{title}}{{/next_post}}{{/post}}',
    });
    box.site('data-site', { theme: { id: 'data' } }, seed(7));
    host = await box.host();
    expect((await get('/post-4/')).text).toBe('older:Post 3|newer:Post 5|Post 7');
    expect((await get('/post-1/')).text).toBe('first|newer:Post 2|Post 4');
    expect((await get('/post-7/')).text).toBe('older:Post 6|latest|');
  });
});

describe('queries', () => {
  const heavyHome = [
    '{{#get "posts" limit="all" as |all|}}{{#foreach all}}{{title}}{{tags}}{{authors}}{{primary_tag.name}}{{/foreach}}{{/get}}',
    '{{#get "posts" filter="featured:true" limit="10"}}{{#foreach posts}}{{title}}{{#foreach tags}}{{name}}{{/foreach}}{{/foreach}}{{/get}}',
    '{{#get "tags" limit="all"}}{{#foreach tags}}{{name}}{{count.posts}}{{/foreach}}{{/get}}',
    '{{#get "authors" limit="all"}}{{#foreach authors}}{{name}}{{/foreach}}{{/get}}',
    '{{#get "pages" filter="tag:hash-service"}}{{#foreach pages}}{{title}}{{/foreach}}{{/get}}',
    // The same request inside a loop is fetched once per page, not once per item.
    '{{#foreach posts}}{{#get "posts" filter="tag:cake" limit="3"}}{{#foreach posts}}{{title}}{{/foreach}}{{/get}}{{/foreach}}',
  ].join('\n');

  const queriesFor = async (posts: number) => {
    theme({ home: heavyHome });
    box.site('data-site', { theme: { id: 'data' } }, seed(posts));
    host = await box.host();
    expect((await get('/post-1/')).status).toBe(200); // opens and seeds the site; no page is cached but this one
    const counter = countQueries();
    try {
      expect((await get('/page/2/')).status).toBe(200); // a listing without get, as a baseline
      const listing = counter.count();
      counter.reset();
      expect((await get('/')).status).toBe(200);
      return { listing, home: counter.count() };
    } finally {
      counter.restore();
    }
  };

  it('stay bounded on a get/foreach-heavy page, whatever the number of posts', async () => {
    const small = await queriesFor(5);
    await box.remove();
    box = sandbox();
    const large = await queriesFor(60);
    expect(small.home).toBeGreaterThan(small.listing);
    expect(large.home).toBe(small.home);
    // Five different gets at four queries at most each (count, rows, tags, authors), plus the
    // page's own listing and navigation; never one per post.
    expect(large.home).toBeLessThanOrEqual(5 * 4 + large.listing + 4);
  });
});
