// The store's transaction: all of the work lands, or none of it, and readers never see it half done.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ContentChangeEvent } from '../../core/content/index.ts';
import { describeEachStore, type EngineStore, type OpenedStore } from '../support/stores.ts';

describeEachStore('content store transactions', (engine) => {
  let opened: OpenedStore;
  let store: EngineStore;
  const changes: ContentChangeEvent[] = [];

  beforeAll(async () => {
    opened = await engine.open({ onChange: (change) => changes.push(change) });
    store = opened.store;
  });
  afterAll(async () => {
    await opened.remove();
  });

  it('commits everything together, and tells of the changes only once committed', async () => {
    changes.length = 0;
    await store.transaction(async (tx) => {
      const post = await tx.createPost({ title: 'Inside', status: 'published' });
      await tx.setPostMeta(post.id, { colour: 'blue' });
      await tx.saveComment({ postId: post.id, authorName: 'Jo', html: '<p>Hi</p>', status: 'approved' });
      // Until it commits, the store's own connection still sees the content as it was.
      expect(await store.getPostBySlug('inside')).toBeUndefined();
      expect(changes).toEqual([]);
    });
    const post = (await store.getPostBySlug('inside'))!;
    expect(await store.getPostMeta(post.id)).toEqual({ colour: 'blue' });
    expect((await store.listComments(post.id)).map((comment) => comment.authorName)).toEqual(['Jo']);
    expect(changes.map((change) => change.kind)).toEqual(['post', 'post', 'comment']);
  });

  it('rolls everything back when the work throws', async () => {
    const before = store.version();
    await expect(
      store.transaction(async (tx) => {
        await tx.createPost({ title: 'Never', status: 'published' });
        await tx.saveOrigin({ source: 'test', kind: 'post', originalId: '1', localId: 1, data: {} });
        throw new Error('half way');
      }),
    ).rejects.toThrow('half way');
    expect(await store.getPostBySlug('never', 'any')).toBeUndefined();
    expect(await store.listOrigins({ source: 'test' })).toEqual([]);
    expect(store.version()).toBe(before);
  });

  it('keeps page hierarchy and lets a removed parent leave its children at the top', async () => {
    const parent = await store.createPost({ type: 'page', title: 'Parent', status: 'published' });
    const child = await store.createPost({ type: 'page', title: 'Child', status: 'published', parentId: parent.id, menuOrder: 2 });
    expect(child).toMatchObject({ parentId: parent.id, menuOrder: 2 });
    await store.deletePost(parent.id);
    expect((await store.getPost(child.id))?.parentId).toBeNull();
  });
});
