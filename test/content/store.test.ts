// The content store on a real database (a SQLite file; PostgreSQL when the tests have one): what a site's pages and admin rely on.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { ContentChangeEvent } from '../../core/content/index.ts';
import { describeEachStore, type EngineStore, type OpenedStore } from '../support/stores.ts';

describeEachStore('the content store', (engine) => {
  let opened: OpenedStore;
  let store: EngineStore;
  let changes: ContentChangeEvent[];

  beforeEach(async () => {
    changes = [];
    opened = await engine.open({ onChange: (change) => changes.push(change) });
    store = opened.store;
    await store.saveAuthor({ name: 'Ada Lovelace', slug: 'ada' });
  });
  afterEach(async () => {
    await opened.remove();
  });

  it('gives a child page its path under its parents, and a list without one its plain path', async () => {
    const top = await store.createPost({ title: 'Level 1', type: 'page', status: 'published' });
    const middle = await store.createPost({ title: 'Level 2', type: 'page', status: 'published', parentId: top.id });
    const child = await store.createPost({ title: 'Level 3', type: 'page', status: 'published', parentId: middle.id });
    const post = await store.createPost({ title: 'A post', status: 'published' });
    expect(top.path).toBe('/level-1/');
    expect((await store.getPost(child.id))!.path).toBe('/level-1/level-2/level-3/');
    expect((await store.getPostBySlug('level-2'))!.path).toBe('/level-1/level-2/');
    const pages = await store.listPosts({ type: 'page', limit: 10 });
    expect(Object.fromEntries(pages.items.map((page) => [page.slug, page.path]))).toEqual({
      'level-1': '/level-1/',
      'level-2': '/level-1/level-2/',
      'level-3': '/level-1/level-2/level-3/',
    });
    expect(post.path).toBe('/a-post/');
    await store.updatePost(middle.id, { slug: 'moved' });
    expect((await store.getPost(child.id))!.path).toBe('/level-1/moved/level-3/');
  });

  it('knows it created the database, and that a second open did not', async () => {
    expect(store.created).toBe(true);
    expect((await opened.again()).created).toBe(false);
  });

  it('creates posts with unique slugs, their tags and the first author by default', async () => {
    const first = await store.createPost({ title: 'Crème Brûlée & Co.', status: 'published', tags: ['Pastry', 'pastry', 'News'] });
    const second = await store.createPost({ title: 'Crème Brûlée & Co.' });
    expect(first.slug).toBe('creme-brulee-and-co');
    expect(second.slug).toBe('creme-brulee-and-co-2');
    expect(first.tags.map((tag) => tag.slug)).toEqual(['pastry', 'news']);
    expect(first.authors.map((author) => author.slug)).toEqual(['ada']);
    expect(first.publishedAt).not.toBeNull();
    expect(second.status).toBe('draft');
    expect(second.publishedAt).toBeNull();
  });

  it('never gives a post a slug that would hide a route', async () => {
    expect((await store.createPost({ title: 'Tag' })).slug).toBe('tag-2');
    expect((await store.createPost({ title: 'RSS' })).slug).toBe('rss-2');
  });

  it('lists published posts newest first, paged, filtered by tag and author', async () => {
    for (let i = 1; i <= 5; i++) {
      await store.createPost({ title: `Post ${i}`, status: 'published', publishedAt: `2026-01-0${i}T10:00:00.000Z`, tags: [i % 2 ? 'Odd' : 'Even'] });
    }
    await store.createPost({ title: 'Draft' });
    await store.createPost({ title: 'A page', type: 'page', status: 'published' });
    const page1 = await store.listPosts({ limit: 2 });
    expect(page1.items.map((post) => post.title)).toEqual(['Post 5', 'Post 4']);
    expect(page1).toMatchObject({ total: 5, pages: 3, page: 1, limit: 2 });
    expect((await store.listPosts({ limit: 2, page: 3 })).items.map((post) => post.title)).toEqual(['Post 1']);
    expect((await store.listPosts({ tag: 'odd' })).items.map((post) => post.title)).toEqual(['Post 5', 'Post 3', 'Post 1']);
    expect((await store.listPosts({ author: 'ada' })).total).toBe(5);
    expect((await store.listPosts({ author: 'nobody' })).total).toBe(0);
    expect((await store.listPosts({ status: 'any' })).total).toBe(6);
    expect((await store.listPosts({ type: 'page' })).items.map((post) => post.title)).toEqual(['A page']);
  });

  it('finds a post by slug only when published, unless asked for any status', async () => {
    await store.createPost({ title: 'Secret plans' });
    expect(await store.getPostBySlug('secret-plans')).toBeUndefined();
    expect((await store.getPostBySlug('secret-plans', 'any'))?.title).toBe('Secret plans');
  });

  it('updates a post, keeping what the patch leaves out, and reports when it became public', async () => {
    const draft = await store.createPost({ title: 'Draft', html: '<p>v1</p>', tags: ['A'] });
    const published = await store.updatePost(draft.id, { status: 'published', html: '<p>v2</p>' });
    expect(published).toMatchObject({ title: 'Draft', html: '<p>v2</p>', status: 'published' });
    expect(published.tags.map((tag) => tag.name)).toEqual(['A']);
    expect(published.publishedAt).not.toBeNull();
    expect(changes.at(-1)).toEqual({ kind: 'post', action: 'updated', id: draft.id, published: true });
    await store.updatePost(draft.id, { title: 'Renamed' });
    expect(changes.at(-1)?.published).toBe(false);
  });

  it('deletes a post and its tag links', async () => {
    const post = await store.createPost({ title: 'Gone soon', status: 'published', tags: ['Temp'] });
    expect(await store.deletePost(post.id)).toBe(true);
    expect(await store.deletePost(post.id)).toBe(false);
    expect((await store.listTags()).find((tag) => tag.slug === 'temp')?.count).toBe(0);
  });

  it('refuses an unknown author by name', async () => {
    await expect(store.createPost({ title: 'x', authors: ['nobody'] })).rejects.toThrow('There is no author "nobody"; add the author first.');
  });

  it('keeps navigation in order, and settings as JSON', async () => {
    await store.setNavigation([{ label: 'Home', url: '/' }, { label: 'About', url: '/about/' }]);
    expect(await store.getNavigation()).toEqual([{ label: 'Home', url: '/' }, { label: 'About', url: '/about/' }]);
    await store.setSetting('social', { twitter: '@acme' });
    expect(await store.getSetting('social')).toEqual({ twitter: '@acme' });
    expect(await store.getSetting('missing')).toBeUndefined();
  });

  // SQLite's moves at once (a file every writer grows); PostgreSQL's when the notification arrives.
  it('moves its version at once on its own writes, and soon on writes from another connection', async () => {
    const before = store.version();
    await store.createPost({ title: 'Here' });
    const afterOwn = store.version();
    expect(afterOwn).not.toBe(before);
    const other = await opened.again();
    await other.createPost({ title: 'From elsewhere' });
    await vi.waitFor(() => expect(store.version()).not.toBe(afterOwn), { timeout: 2000, interval: 20 });
  });
});
