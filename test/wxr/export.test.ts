// Exporting to WordPress: the WXR a site writes is a valid export that imports back whole.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteContentStore, type Post } from '../../core/content/index.ts';
import { importWordPress, readWxr, writeWxr, type WxrDocument } from '../../core/wxr/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

const NOW = Date.parse('2024-01-01T00:00:00Z');

async function wxrOf(store: SqliteContentStore): Promise<string> {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  await writeWxr(store, { title: 'Corner Bakery', description: 'Bread', url: 'https://corner.example', language: 'en', timezone: 'Europe/London' }, out);
  return chunks.join('');
}

const shape = (post: Post) => ({
  type: post.type,
  slug: post.slug,
  title: post.title,
  status: post.status,
  publishedAt: post.publishedAt,
  html: post.html,
  excerpt: post.customExcerpt,
  featured: post.featured,
  featureImage: post.featureImage,
  menuOrder: post.menuOrder,
  tags: post.tags.map((tag) => tag.slug),
  authors: post.authors.map((author) => author.slug),
});

describe('exporting a site as a WordPress export', () => {
  let box: Sandbox;
  let original: SqliteContentStore;
  let copy: SqliteContentStore;
  let xml: string;
  let doc: WxrDocument;

  beforeAll(async () => {
    box = sandbox();
    original = new SqliteContentStore(path.join(box.root, 'original.db'));
    copy = new SqliteContentStore(path.join(box.root, 'copy.db'));
    const data = readFileSync(path.join(REPO, 'test', 'fixtures', 'wxr', 'edge-cases.xml'));
    await importWordPress(original, { data, name: 'edge-cases.xml' }, { timezone: 'Europe/London', now: NOW });
    xml = await wxrOf(original);
    doc = await readWxr(xml, { name: 'export.xml' });
    await importWordPress(copy, { data: xml, name: 'export.xml' }, { timezone: 'Europe/London', now: NOW });
  });
  afterAll(async () => {
    await original.close();
    await copy.close();
    await box.remove();
  });

  const everything = async (store: SqliteContentStore) => {
    const posts = [...(await store.listPosts({ type: 'post', status: 'any', limit: 100 })).items, ...(await store.listPosts({ type: 'page', status: 'any', limit: 100 })).items];
    return posts.map(shape).sort((a, b) => a.slug.localeCompare(b.slug));
  };

  it('writes WXR 1.2 that WordPress’s format reader accepts, with original statuses and categories', () => {
    expect(doc.version).toBe('1.2');
    expect(doc.items.find((item) => item.slug === 'guest-post-croissants')?.status).toBe('pending');
    expect(doc.items.find((item) => item.slug === 'staff-notes')?.status).toBe('private');
    expect(doc.items.find((item) => item.slug === 'members-recipe')?.password).toBe('flour');
    expect(doc.items.find((item) => item.slug === 'spring-menu')?.status).toBe('future');
    expect(doc.terms.filter((term) => term.taxonomy === 'category').map((term) => term.slug)).toEqual(['recipes']);
    expect(doc.items.filter((item) => item.type === 'attachment').map((item) => item.attachmentUrl)).toContain('https://bakery.example/wp-content/uploads/2023/03/loaf.jpg');
  });

  it('imports back with the same posts, pages, tags, authors, hierarchy, fields, comments and navigation', async () => {
    expect(await everything(copy)).toEqual(await everything(original));
    const team = (await copy.getPostBySlug('team', 'any'))!;
    expect(team.parentId).toBe((await copy.getPostBySlug('about-us', 'any'))!.id);
    const loaf = (await copy.getPostBySlug('classic-loaf', 'any'))!;
    expect(await copy.getPostMeta(loaf.id)).toEqual(await original.getPostMeta((await original.getPostBySlug('classic-loaf', 'any'))!.id));
    const comments = await copy.listComments(loaf.id);
    expect(comments.map((comment) => [comment.authorName, comment.status, comment.html])).toEqual(
      (await original.listComments((await original.getPostBySlug('classic-loaf', 'any'))!.id)).map((comment) => [comment.authorName, comment.status, comment.html]),
    );
    expect(comments[1]!.parentId).toBe(comments[0]!.id);
    expect(await copy.getNavigation('primary')).toEqual(await original.getNavigation('primary'));
  });
});
