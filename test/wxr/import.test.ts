// Importing a WordPress export: every kind of content, converted as WordPress shows it, safe to repeat.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteContentStore } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { changedNothing, importWordPress, type ImportReport } from '../../core/wxr/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'wxr');
const NOW = Date.parse('2024-01-01T00:00:00Z');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

describe('importing a WordPress export', () => {
  let box: Sandbox;
  let store: SqliteContentStore;
  let host: Host;
  let first: ImportReport;
  const get = (pathname: string) => request(host.app).get(pathname).set('Host', 'bakery.localhost');
  const post = async (slug: string) => (await store.getPostBySlug(slug, 'any'))!;

  beforeAll(async () => {
    box = sandbox();
    box.site('bakery', { title: 'Corner Bakery', timezone: 'Europe/London' });
    store = new SqliteContentStore(contentDatabaseFile(path.join(box.sitesDir, 'bakery')));
    first = await importWordPress(store, { data: fixture('edge-cases.xml'), name: 'edge-cases.xml' }, { timezone: 'Europe/London', now: NOW });
    host = await box.host();
  });
  afterAll(async () => {
    await store.close();
    await box.remove();
  });

  it('reports what it created, per kind, and what it left out and why', () => {
    expect(first.source).toBe('wordpress:bakery.example');
    expect(first.counts.authors.created).toBe(1);
    expect(first.counts.posts.created).toBe(6);
    expect(first.counts.pages.created).toBe(2);
    expect(first.counts.attachments.created).toBe(2);
    expect(first.counts.comments.created).toBe(3);
    const left = first.skipped.map((skipped) => `${skipped.what}: ${skipped.reason}`).join('\n');
    expect(left).toContain('category "Uncategorized"');
    expect(left).toContain('product items: Guild has posts and pages only');
    expect(left).toMatch(/pingbacks: notices that another site linked here/);
    expect(left).toMatch(/dynamic block "latest-posts"/);
    expect(first.skipped.find((skipped) => skipped.what === 'custom fields')?.examples).toEqual(['_edit_lock']);
    expect(first.shortcodesKept).toEqual({ 'contact-form-7': 1 });
  });

  it('publishes what WordPress published and keeps the rest out of sight, with the original status remembered', async () => {
    expect((await post('classic-loaf')).status).toBe('published');
    expect((await post('spring-menu')).status).toBe('scheduled');
    expect((await post('spring-menu')).publishedAt).toBe('2031-03-01T08:00:00.000Z');
    for (const slug of ['staff-notes', 'guest-post-croissants']) expect((await post(slug)).status).toBe('draft');
    expect((await store.getOrigin('wordpress:bakery.example', 'post', '14'))?.data.status).toBe('pending');
    expect((await store.getOrigin('wordpress:bakery.example', 'post', '12'))?.data.status).toBe('private');
    for (const slug of ['staff-notes', 'spring-menu']) expect((await get(`/${slug}/`)).status).toBe(404);
  });

  it('carries a password-protected post over as a published post that asks for its password (issue 14)', async () => {
    const recipe = await post('members-recipe');
    expect(recipe.status).toBe('published');
    expect(recipe.password).toBe('flour');
    const page = await get('/members-recipe/').expect(200);
    expect(page.text).toContain('name="password"');
    expect(page.text).not.toContain('The secret starter.');
  });

  it('keeps dates in UTC, reading local-only dates in the given time zone', async () => {
    expect((await post('classic-loaf')).publishedAt).toBe('2023-03-05T08:30:00.000Z');
    const comments = await store.listComments((await post('classic-loaf')).id);
    expect(comments[0]!.createdAt).toBe('2023-03-05T09:00:00.000Z');
  });

  it('converts classic content with automatic paragraphs, shortcodes and embeds', async () => {
    const html = (await post('classic-loaf')).html;
    expect(html).toContain('<p>Our first loaf of the year.<br />\nIt rose overnight.</p>');
    expect(html).toMatch(/<figure id="attachment_30" class="wp-caption aligncenter"[^>]*><img [^>]*loaf\.jpg[^>]*><figcaption class="wp-caption-text">The crust, close up<\/figcaption><\/figure>/);
    expect(html).toContain('[contact-form-7 id="42" title="Order form"]');
    expect(html).toMatch(/<div class="gallery gallery-columns-2">.*loaf\.jpg.*crumb\.jpg.*<\/div>/s);
    expect(html).toContain('<a href="https://www.youtube.com/watch?v=abc123">');
    expect(html).not.toContain('<!--more-->');
  });

  it('removes block comments, keeps their HTML and inlines reusable blocks', async () => {
    const html = (await post('rye-caraway')).html;
    expect(html).not.toContain('<!-- wp:');
    expect(html).toContain('<h3 id="steps">Steps</h3>');
    expect(html).toContain('<ul><li>Mix</li><li>Wait</li></ul>');
    expect(html).toContain('Open Tuesday to Saturday');
    expect(html).toContain('<a href="https://vimeo.com/12345">https://vimeo.com/12345</a>');
    // Block content gets no automatic paragraphs: the paragraph is the block's own, once.
    expect(html).toContain('<p>Rye needs patience.</p>');
    expect(html).not.toContain('<p><p>');
  });

  it('rewrites links to the old site’s own posts, pages and categories, and leaves others', async () => {
    expect((await post('classic-loaf')).html).toContain('<a href="/about-us/">story of the bakery</a>');
    expect((await post('classic-loaf')).html).toContain('<a href="/rye-caraway/#steps">rye recipe</a>');
    const rye = (await post('rye-caraway')).html;
    expect(rye).toContain('<a href="/classic-loaf/">classic loaf</a>');
    expect(rye).toContain('<a href="/tag/recipes/">recipes</a>');
    expect(rye).toContain('<a href="https://elsewhere.example/bread/">another baker</a>');
  });

  it('turns categories and tags into tags, categories first, and keeps authors, excerpt, sticky and featured image', async () => {
    const loaf = await post('classic-loaf');
    expect(loaf.tags.map((tag) => tag.slug)).toEqual(['recipes', 'sourdough']);
    expect((await store.getTag('recipes'))?.description).toBe('What we bake.');
    expect(loaf.authors.map((author) => author.name)).toEqual(['Marta Baker']);
    expect(loaf.customExcerpt).toBe('The first loaf.');
    expect(loaf.featured).toBe(true);
    expect(loaf.featureImage).toBe('https://bakery.example/wp-content/uploads/2023/03/loaf.jpg');
  });

  it('keeps parent pages and menu order, custom fields worth keeping, and attachments with their original URL', async () => {
    const about = await post('about-us');
    const team = await post('team');
    expect(team.parentId).toBe(about.id);
    expect(team.menuOrder).toBe(3);
    expect(await store.getPostMeta((await post('classic-loaf')).id)).toEqual({
      _yoast_wpseo_metadesc: 'How we bake our classic loaf.',
      oven_temperature: '230',
      post_format: 'image',
    });
    const loaf = await store.getOrigin('wordpress:bakery.example', 'attachment', '30');
    expect(loaf).toMatchObject({ localId: null, data: { url: 'https://bakery.example/wp-content/uploads/2023/03/loaf.jpg', alt: 'A loaf', caption: 'Fresh from the oven', localUrl: null } });
  });

  it('stores comments with their state and threading', async () => {
    const comments = await store.listComments((await post('classic-loaf')).id);
    expect(comments.map((comment) => [comment.authorName, comment.status])).toEqual([
      ['Jo Reader', 'approved'],
      ['Marta Baker', 'approved'],
      ['Cheap Pills', 'spam'],
    ]);
    expect(comments[1]!.parentId).toBe(comments[0]!.id);
    expect(comments[0]!.html).toBe('<p>Looks great!<br />\nCan I order one?</p>');
  });

  it('makes the main menu the navigation, top level only, and keeps every menu whole', async () => {
    expect(await store.getNavigation('primary')).toEqual([
      { label: 'About us', url: '/about-us/' },
      { label: 'Recipes', url: '/tag/recipes/' },
    ]);
    expect(await store.getNavigation('main-menu')).toEqual([
      { label: 'About us', url: '/about-us/' },
      // A child page, at its nested path as WordPress served it.
      { label: 'Team', url: '/about-us/team/' },
      { label: 'Recipes', url: '/tag/recipes/' },
    ]);
    expect(await store.getNavigation('footer')).toEqual([{ label: 'Our rye', url: '/rye-caraway/' }]);
    const home = await get('/');
    expect(home.text).toContain('href="/tag/recipes/"');
  });

  it('serves the imported posts and pages through the theme', async () => {
    const loaf = await get('/classic-loaf/');
    expect(loaf.status).toBe(200);
    expect(loaf.text).toContain('Our first loaf of the year.');
    expect((await get('/about-us/team/')).text).toContain('Marta, Ben and Ida.');
    expect((await get('/team/')).headers.location).toBe('/about-us/team/');
    expect((await get('/tag/recipes/')).text).toContain('Rye &amp; Caraway');
  });

  it('changes nothing when the same export is imported again', async () => {
    const before = { version: store.version(), posts: await store.listPosts({ status: 'any', limit: 100 }) };
    const again = await importWordPress(store, { data: fixture('edge-cases.xml'), name: 'edge-cases.xml' }, { timezone: 'Europe/London', now: NOW });
    expect(changedNothing(again)).toBe(true);
    expect(again.counts.posts).toEqual({ created: 0, updated: 0, unchanged: 6 });
    expect(store.version()).toBe(before.version);
    expect(await store.listPosts({ status: 'any', limit: 100 })).toEqual(before.posts);
  });

  it('merges a later export by original id: changed posts updated, new ones added, local edits of unchanged ones kept', async () => {
    const loaf = await post('classic-loaf');
    await store.updatePost(loaf.id, { title: 'Classic Loaf (edited here)' });
    const merged = await importWordPress(store, { data: fixture('second-export.xml'), name: 'second-export.xml' }, { timezone: 'Europe/London', now: NOW });
    expect(merged.counts.posts).toEqual({ created: 1, updated: 1, unchanged: 5 });
    expect((await post('rye-caraway')).html).toContain('Rye needs patience, and a warm kitchen.');
    expect((await post('summer-bread')).html).toContain('<a href="/rye-caraway/">rye</a>');
    expect((await post('classic-loaf')).title).toBe('Classic Loaf (edited here)');
    expect((await store.listPosts({ status: 'any', limit: 100 })).total).toBe(7);
  });
});

describe('a file that is not a whole WordPress export', () => {
  let box: Sandbox;
  let store: SqliteContentStore;

  beforeAll(() => {
    box = sandbox();
    store = new SqliteContentStore(path.join(box.root, 'content.db'));
  });
  afterAll(async () => {
    await store.close();
    await box.remove();
  });

  const attempt = (name: string) => importWordPress(store, { data: fixture(name), name }, { timezone: 'UTC' });

  it('is refused with the line and the reason when malformed', async () => {
    await expect(attempt('malformed.xml')).rejects.toMatchObject({ code: 'GUILD_ERR_WXR_INVALID', message: expect.stringMatching(/^malformed\.xml line 257: not well-formed XML/) });
  });

  it('is refused as cut short when truncated', async () => {
    await expect(attempt('truncated.xml')).rejects.toMatchObject({ message: expect.stringMatching(/^truncated\.xml line \d+: the file ends too early: it was cut short\. Nothing was imported/) });
  });

  it('is refused when it is a plain feed, not an export', async () => {
    await expect(attempt('not-wxr.xml')).rejects.toMatchObject({ message: expect.stringContaining('there is no <wp:wxr_version>') });
  });

  it('leaves nothing behind when the import fails half way', async () => {
    const before = store.version();
    await expect(importWordPress(store, { data: fixture('edge-cases.xml'), name: 'edge-cases.xml' }, { timezone: 'UTC', primaryMenu: 'no-such-menu' })).rejects.toThrow(
      /no WordPress menu "no-such-menu"/,
    );
    expect((await store.listPosts({ status: 'any' })).total).toBe(0);
    expect(await store.listOrigins()).toEqual([]);
    expect(await store.listAuthors()).toEqual([]);
    expect(store.version()).toBe(before);
  });
});
