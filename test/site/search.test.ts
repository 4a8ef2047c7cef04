/**
 * Issue 15: search on every site. A full-text index per site (FTS5) kept current as posts change,
 * /search/?q= rendered by the theme (its search.hbs, else its page template), /search.json, and
 * the script Ghost themes' search buttons open, served by the site.
 */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

let box: Sandbox;
let host: Host;

const seed = {
  posts: [
    { title: 'Morning rituals', slug: 'rituals', html: '<p>We bake sourdough before sunrise, every day.</p>', publishedAt: '2026-01-01T00:00:00Z' },
    { title: 'Sourdough', slug: 'sourdough', html: '<p>A loaf with a <strong>crackling</strong> crust.</p>', publishedAt: '2026-01-02T00:00:00Z' },
    { title: 'Secret sourdough plans', slug: 'plans', status: 'draft', html: '<p>Not yet.</p>' },
    { title: 'Cakes', slug: 'cakes', html: '<p>Crème brûlée &amp; <em>tarts</em></p>', publishedAt: '2026-01-03T00:00:00Z' },
  ],
  pages: [{ title: 'About', slug: 'about', html: '<p>A bakery by the harbour since 1921, known for sourdough.</p>' }],
};

const get = (path: string) => request(host.app).get(path).set('Host', 'bakery.localhost');

beforeEach(async () => {
  box = sandbox();
  box.write('themes/plain/package.json', { name: 'plain', version: '1.0.0' });
  box.write('themes/plain/default.hbs', '<html><head>{{ghost_head}}</head><body>{{{body}}}{{ghost_foot}}</body></html>');
  box.write('themes/plain/index.hbs', '{{!< default}}{{#foreach posts}}{{title}}{{/foreach}}');
  box.write('themes/plain/post.hbs', '{{!< default}}{{#post}}<h1>{{title}}</h1><main>{{content}}</main>{{/post}}');
  box.site('bakery', { domains: ['bakery.localhost'], theme: { id: 'plain' } }, seed);
  for (const file of ['package.json', 'default.hbs', 'index.hbs', 'post.hbs']) box.write(`themes/searchy/${file}`, file === 'package.json' ? { name: 'searchy', version: '1.0.0' } : `{{!-- --}}`);
  box.write('themes/searchy/default.hbs', '{{{body}}}');
  box.write('themes/searchy/post.hbs', '{{title}}');
  box.write('themes/searchy/search.hbs', '{{!< default}}<h1>{{query}}</h1>{{#foreach posts}}<a href="{{url}}">{{title}}</a>{{{snippet}}};{{/foreach}}{{pagination.total}}');
  box.site('searchy', { domains: ['searchy.localhost'], theme: { id: 'searchy' } }, seed);
  host = await box.host();
});

afterEach(async () => {
  await box.remove();
});

describe('site search', () => {
  it('ranks a title match above a match in the text, finds pages, and leaves drafts out', async () => {
    const answer = await get('/search.json?q=sourdough');
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((result: { url: string }) => result.url)).toEqual(['/sourdough/', expect.any(String), expect.any(String)]);
    expect(answer.body.results.map((result: { url: string }) => result.url).sort()).toEqual(['/about/', '/rituals/', '/sourdough/']);
    expect(answer.body.meta.pagination).toMatchObject({ total: 3, page: 1 });
    const rituals = answer.body.results.find((result: { url: string }) => result.url === '/rituals/');
    expect(rituals.snippet).toContain('<mark>sourdough</mark>');
  });

  it('matches words as they are typed, without accents, and treats operators as plain words', async () => {
    expect((await get('/search.json?q=crack')).body.results.map((r: { title: string }) => r.title)).toEqual(['Sourdough']);
    expect((await get('/search.json?q=creme%20brulee')).body.results.map((r: { title: string }) => r.title)).toEqual(['Cakes']);
    const hostile = await get(`/search.json?q=${encodeURIComponent('sourdough" OR NEAR(* -')}`);
    expect(hostile.status).toBe(200);
    expect((await get('/search.json?q=')).body.results).toEqual([]);
  });

  it('keeps the index current as posts are edited, published and deleted', async () => {
    const { site, release } = await host.registry.acquire(host.registry.get('bakery')!);
    const draft = (await site.store.getPostBySlug('plans', 'any'))!;
    await site.store.updatePost(draft.id, { status: 'published', title: 'Rye plans' });
    expect((await get('/search.json?q=rye')).body.results.map((r: { url: string }) => r.url)).toEqual(['/plans/']);
    await site.store.deletePost(draft.id);
    expect((await get('/search.json?q=rye')).body.results).toEqual([]);
    release();
  });

  it('renders /search/?q= inside the theme’s page template when it has no search.hbs, escaping the query', async () => {
    const page = await get('/search/?q=sourdough%3C%3E');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Search: sourdough&lt;&gt;</h1>');
    expect(page.text).not.toContain('sourdough<>');
    expect(page.text).toContain('3 results for');
    expect(page.text).toContain('<a href="/sourdough/"><strong>Sourdough</strong></a>');
  });

  it('renders the theme’s search.hbs with the query, the posts and their snippets', async () => {
    const page = await request(host.app).get('/search/?q=crackling').set('Host', 'searchy.localhost');
    expect(page.text).toBe('<h1>crackling</h1><a href="/sourdough/">Sourdough</a>A loaf with a <mark>crackling</mark> crust.;1');
  });

  it('serves the search script {{ghost_head}} loads, which opens on data-ghost-search', async () => {
    expect((await get('/')).text).toContain('<script defer src="/public/guild-search.js"></script>');
    const script = await get('/public/guild-search.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain('[data-ghost-search]');
  });
});
