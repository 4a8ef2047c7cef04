// A post's revisions live with its content, on either engine: recorded, merged while autosaving,
// kept to the newest 50, seen by another process, and gone with the post.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { contentSql, Revisions, type EngineContentStore } from '../../core/content/index.ts';
import { describeEachStore, type OpenedStore } from '../support/stores.ts';

const ada = { id: 1, name: 'Ada' };

describeEachStore('post revisions', (engine) => {
  let opened: OpenedStore;
  let revisions: Revisions;

  beforeEach(async () => {
    opened = await engine.open();
    revisions = new Revisions(contentSql(opened.store as EngineContentStore));
  });
  afterEach(() => opened.remove());

  it('records each save with who and why, newest first, and another process reads them', async () => {
    const post = await opened.store.createPost({ title: 'Rye', html: '<p>Dark.</p>' });
    expect(revisions.has(post.id)).toBe(false);
    const first = revisions.record(post, 'created', ada, '2026-01-01T00:00:00.000Z');
    const changed = await opened.store.updatePost(post.id, { title: 'Rye at dawn', status: 'published' });
    revisions.record(changed, 'published', { id: null, name: 'Importer' });
    expect(revisions.list(post.id).map((revision) => `${revision.reason} ${revision.title} by ${revision.by.name}`)).toEqual(['published Rye at dawn by Importer', 'created Rye by Ada']);
    expect(revisions.get(post.id, first.id)).toMatchObject({ id: first.id, postId: post.id, html: '<p>Dark.</p>', status: 'draft', by: ada, createdAt: '2026-01-01T00:00:00.000Z' });
    expect(revisions.get(post.id + 1, first.id)).toBeUndefined();
    const elsewhere = new Revisions(contentSql((await opened.again()) as EngineContentStore));
    expect(elsewhere.list(post.id)).toEqual(revisions.list(post.id));
  });

  it('keeps one snapshot for one person’s autosaves in a row, and the newest 50 in all', async () => {
    const post = await opened.store.createPost({ title: 'Draft' });
    revisions.record({ ...post, title: 'one' }, 'autosaved', ada);
    revisions.record({ ...post, title: 'two' }, 'autosaved', ada);
    expect(revisions.list(post.id).map((revision) => revision.title)).toEqual(['two']);
    for (let i = 0; i < 55; i++) revisions.record({ ...post, title: `save ${i}` }, 'saved', ada);
    const kept = revisions.list(post.id);
    expect(kept).toHaveLength(50);
    expect([kept[0]!.title, kept[49]!.title]).toEqual(['save 54', 'save 5']);
  });

  it('goes with its post', async () => {
    const post = await opened.store.createPost({ title: 'Short-lived' });
    revisions.record(post, 'created', ada);
    await opened.store.deletePost(post.id);
    expect(revisions.has(post.id)).toBe(false);
  });
});
