/** The store's full-text search on each engine (FTS5 on SQLite, tsvector on PostgreSQL): what a visitor's search box relies on. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedContent } from '../../core/content/index.ts';
import { describeEachStore, type EngineStore, type OpenedStore } from '../support/stores.ts';

describeEachStore('searching posts', (engine) => {
  let opened: OpenedStore;
  let store: EngineStore;
  const titles = async (text: string) => (await store.searchPosts(text)).items.map((hit) => hit.post.title);

  beforeAll(async () => {
    opened = await engine.open();
    store = opened.store;
    await seedContent(store, {
      posts: [
        { title: 'Morning rituals', slug: 'rituals', html: '<p>We bake sourdough before sunrise, every day.</p>', publishedAt: '2026-01-01T00:00:00Z' },
        { title: 'Sourdough', slug: 'sourdough', html: '<p>A loaf with a <strong>crackling</strong> crust.</p>', publishedAt: '2026-01-02T00:00:00Z' },
        { title: 'Secret sourdough plans', slug: 'plans', status: 'draft', html: '<p>Not yet.</p>' },
        { title: 'Cakes', slug: 'cakes', html: '<p>Crème brûlée &amp; <em>tarts</em></p>', publishedAt: '2026-01-03T00:00:00Z' },
        { title: 'Members only', slug: 'members', html: '<p>The sourdough starter recipe.</p>', password: 'rye', publishedAt: '2026-01-04T00:00:00Z' },
      ],
      pages: [{ title: 'About', slug: 'about', html: '<p>A bakery by the harbour since 1921, known for sourdough.</p>' }],
    });
  });

  afterAll(async () => {
    await opened.remove();
  });

  it('ranks a title match first, finds pages, and leaves drafts and protected text out', async () => {
    const found = await store.searchPosts('sourdough');
    expect(found.items[0]!.post.title).toBe('Sourdough');
    expect(found.items.map((hit) => hit.post.title).sort()).toEqual(['About', 'Morning rituals', 'Sourdough']);
    expect(found.total).toBe(3);
    expect(found.items.find((hit) => hit.post.slug === 'rituals')!.snippet).toContain('<mark>sourdough</mark>');
    expect(await titles('members')).toEqual(['Members only']);
  });

  it('matches the last word as typed, needs every word, ignores accents and operators', async () => {
    expect(await titles('crack')).toEqual(['Sourdough']);
    expect(await titles('creme brulee')).toEqual(['Cakes']);
    expect(await titles('sourdough harbour')).toEqual(['About']);
    expect(await titles('"sourdough* -')).toHaveLength(3);
    expect(await titles('sourdough OR NEAR(')).toEqual([]);
    expect(await titles('  ')).toEqual([]);
  });

  it('pages the hits and counts them all', async () => {
    const second = await store.searchPosts('sourdough', { limit: 2, page: 2 });
    expect(second).toMatchObject({ total: 3, page: 2, limit: 2, pages: 2 });
    expect(second.items).toHaveLength(1);
  });

  it('keeps the index current as posts are published, edited and deleted', async () => {
    const draft = (await store.getPostBySlug('plans', 'any'))!;
    await store.updatePost(draft.id, { status: 'published', title: 'Rye plans' });
    expect(await titles('rye')).toEqual(['Rye plans']);
    await store.deletePost(draft.id);
    expect(await titles('rye')).toEqual([]);
  });
});
