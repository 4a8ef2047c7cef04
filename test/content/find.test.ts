/** The store's filtered reads: Ghost's filter language on a real database (SQLite; PostgreSQL too when the tests have one), ordering, paging and bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedContent } from '../../core/content/index.ts';
import { parseFilter } from '../../core/content/filter.ts';
import { isGuildError } from '../../core/errors.ts';
import { describeEachStore, type EngineStore, type OpenedStore } from '../support/stores.ts';

describe('the filter language', () => {
  it('parses and, or, groups, lists, negation and comparisons', () => {
    expect(parseFilter("tag:bread+(featured:true,published_at:>'2026-01-15')")).toEqual({
      kind: 'and',
      nodes: [
        { kind: 'compare', field: 'tag', operator: '=', values: ['bread'], negated: false },
        {
          kind: 'or',
          nodes: [
            { kind: 'compare', field: 'featured', operator: '=', values: [true], negated: false },
            { kind: 'compare', field: 'published_at', operator: '>', values: ['2026-01-15'], negated: false },
          ],
        },
      ],
    });
    expect(parseFilter('id:-[1,2]')).toEqual({ kind: 'compare', field: 'id', operator: '=', values: [1, 2], negated: true });
  });

  it('says where a filter is broken', () => {
    expect(() => parseFilter('tag:')).toThrow('expected a value at character 5');
    expect(() => parseFilter('tag:[a,b')).toThrow('expected "]" to close the list');
    expect(() => parseFilter('(tag:a')).toThrow('expected ")"');
  });
});

describeEachStore('finding content', (engine) => {
  let opened: OpenedStore;
  let store: EngineStore;

  beforeAll(async () => {
    opened = await engine.open();
    store = opened.store;
    await seedContent(store, {
      authors: [{ slug: 'ada', name: 'Ada' }, { slug: 'ben', name: 'Ben' }],
      posts: [
        { title: 'Rye bread', slug: 'rye', tags: ['Bread'], authors: ['ada'], publishedAt: '2026-01-01T08:00:00.000Z' },
        { title: 'Lemon cake', slug: 'lemon', tags: ['Cake', '#featured'], authors: ['ben'], featured: true, publishedAt: '2026-02-01T08:00:00.000Z', featureImage: '/content/images/l.jpg' },
        { title: 'Seeded bread', slug: 'seeded', tags: ['Bread', 'Seeds'], authors: ['ada', 'ben'], publishedAt: '2026-03-01T08:00:00.000Z' },
        { title: 'Draft', slug: 'draft', tags: ['Bread'], status: 'draft' },
      ],
      pages: [{ title: 'About', slug: 'about', tags: ['#service'] }],
    });
  });

  afterAll(async () => {
    await opened.remove();
  });

  const slugs = async (filter: string, order?: string) => (await store.findPosts('post', { filter, ...(order ? { order } : {}) })).items.map((post) => post.slug);

  describe('findPosts', () => {
    it('filters by tag, author, featured, id and dates, published posts only, newest first', async () => {
      expect(await slugs('tag:bread')).toEqual(['seeded', 'rye']);
      expect(await slugs('tags:[cake,seeds]')).toEqual(['seeded', 'lemon']);
      expect(await slugs('tag:-bread')).toEqual(['lemon']);
      expect(await slugs('author:ben')).toEqual(['seeded', 'lemon']);
      expect(await slugs('primary_author:ben')).toEqual(['lemon']);
      expect(await slugs('featured:true')).toEqual(['lemon']);
      expect(await slugs('tag:hash-featured')).toEqual(['lemon']);
      expect(await slugs("published_at:<'2026-02-15'")).toEqual(['lemon', 'rye']);
      expect(await slugs('feature_image:null')).toEqual(['seeded', 'rye']);
      expect(await slugs('feature_image:-null')).toEqual(['lemon']);
      expect(await slugs('title:~\'bread\'')).toEqual(['seeded', 'rye']);
      expect(await slugs('slug:-rye+tag:bread')).toEqual(['seeded']);
      expect(await slugs('tag:bread,featured:true', 'title asc')).toEqual(['lemon', 'rye', 'seeded']);
    });

    it('picks the primary tag among public tags only', async () => {
      expect(await slugs('primary_tag:cake')).toEqual(['lemon']);
      expect(await slugs('primary_tag:hash-featured')).toEqual([]);
    });

    it('pages the results and counts them all', async () => {
      const page = await store.findPosts('post', { limit: 2, page: 2 });
      expect(page.items.map((post) => post.slug)).toEqual(['rye']);
      expect(page).toMatchObject({ total: 3, page: 2, limit: 2, pages: 2 });
      expect((await store.findPosts('post', { limit: 'all' })).items).toHaveLength(3);
    });

    it('reads pages with their tags', async () => {
      const pages = await store.findPosts('page', { filter: 'tag:hash-service' });
      expect(pages.items.map((page) => [page.slug, page.tags[0]?.slug])).toEqual([['about', 'hash-service']]);
    });

    it('refuses an unknown field or order with GUILD_ERR_CONTENT_FILTER naming what is allowed', async () => {
      const refused = async (query: object) => {
        try {
          await store.findPosts('post', query);
        } catch (error) {
          expect(isGuildError(error, 'GUILD_ERR_CONTENT_FILTER')).toBe(true);
          return (error as Error).message;
        }
        throw new Error('not refused');
      };
      expect(await refused({ filter: 'status:draft' })).toContain('posts cannot be filtered by "status"');
      expect(await refused({ order: 'html desc' })).toContain('posts can be ordered by');
      expect(await refused({ filter: 'tag:(' })).toContain('expected a value');
    });
  });

  describe('findTags, findAuthors and adjacentPost', () => {
    it('lists tags and authors with their published post counts', async () => {
      const tags = await store.findTags({ filter: 'visibility:public', order: 'count.posts desc' });
      expect(tags.items.map((tag) => [tag.slug, tag.count])).toEqual([['bread', 2], ['cake', 1], ['seeds', 1]]);
      const authors = await store.findAuthors({ order: 'name asc' });
      expect(authors.items.map((author) => [author.slug, author.count])).toEqual([['ada', 2], ['ben', 2]]);
    });

    it('finds the newer and older post, optionally sharing the primary tag', async () => {
      const rye = (await store.getPostBySlug('rye'))!;
      const at = { id: rye.id, publishedAt: rye.publishedAt! };
      expect((await store.adjacentPost(at, 'next'))?.slug).toBe('lemon');
      expect(await store.adjacentPost(at, 'prev')).toBeUndefined();
      expect((await store.adjacentPost(at, 'next', { field: 'primary_tag', slug: 'bread' }))?.slug).toBe('seeded');
    });
  });
});
