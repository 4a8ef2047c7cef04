/**
 * Issue 17: a site's content moves between the engines row for row (archives made on one engine
 * restore on the other; `guild migrate-store` moves a network): the same ids, a parent page
 * created after its child, origins in the order they were recorded, a search index that finds
 * the copied posts, and new rows numbered after the copied ones.
 */
import { afterEach, expect, it } from 'vitest';
import { copyContent, digestContent, type ContentStore } from '../../core/content/index.ts';
import { describeEachStore, storeEngines, type EngineStore, type OpenedStore } from '../support/stores.ts';

async function fill(store: ContentStore): Promise<{ parentId: number; childId: number }> {
  await store.saveAuthor({ slug: 'ada', name: 'Ada' });
  const child = await store.createPost({ type: 'page', title: 'Opening hours', html: '<p>Seven till two.</p>', status: 'published', authors: ['ada'] });
  await store.deletePost((await store.createPost({ title: 'Gone', status: 'draft' })).id);
  const post = await store.createPost({ title: 'Crème brûlée at dawn', html: '<p>Burnt sugar and vanilla.</p>', status: 'published', tags: ['Pastry', 'Mornings'], authors: ['ada'] });
  const parent = await store.createPost({ type: 'page', title: 'About', status: 'published' });
  await store.updatePost(child.id, { parentId: parent.id });
  const comment = await store.saveComment({ postId: post.id, authorName: 'Bo', html: '<p>Yes.</p>', status: 'approved' });
  await store.saveComment({ postId: post.id, parentId: comment.id, authorName: 'Cy', html: '<p>Indeed.</p>', status: 'pending' });
  await store.setPostMeta(post.id, { subtitle: 'A morning' });
  await store.setNavigation([{ label: 'About', url: '/about/' }]);
  await store.setSetting('accent', '#aa3300');
  for (const originalId of ['30', '4', '200']) await store.saveOrigin({ source: 'wxr:old.example', kind: 'post', originalId, localId: post.id, data: { n: originalId } });
  return { parentId: parent.id, childId: child.id };
}

describeEachStore('content copied to the other engine and back', (engine) => {
  const opened: OpenedStore[] = [];
  const open = async (name: string): Promise<EngineStore> => {
    const found = storeEngines.find((candidate) => candidate.name === name) ?? engine;
    opened.push(await found.open());
    return opened.at(-1)!.store;
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.remove();
  });
  const other = storeEngines.find((candidate) => candidate.name !== engine.name)?.name ?? engine.name;

  it(`keeps every row, id and order from ${engine.name} to ${other}, and the copy is searchable and writable`, async () => {
    const source = await open(engine.name);
    const { parentId, childId } = await fill(source);
    const target = await open(other);
    await target.createPost({ title: 'Welcome', status: 'published' });

    const counts = await copyContent(source, target);
    expect(counts).toMatchObject({ posts: 3, tags: 2, post_tags: 2, comments: 2, origins: 3, post_meta: 1 });
    expect(await digestContent(target)).toEqual(await digestContent(source));

    expect((await target.getPost(childId))?.parentId).toBe(parentId);
    expect((await target.getPostBySlug('welcome', 'any'))).toBeUndefined();
    expect((await target.listOrigins()).map((origin) => origin.originalId)).toEqual(['30', '4', '200']);
    const found = await target.searchPosts('creme');
    expect(found.items.map((hit) => hit.post.title)).toEqual(['Crème brûlée at dawn']);
    const next = await target.createPost({ title: 'Next', status: 'draft' });
    expect(next.id).toBeGreaterThan(parentId);
    const tag = await target.saveTag({ name: 'Bread' });
    expect(tag.id).toBe(3);

    const back = await open(engine.name);
    await copyContent(target, back);
    expect(await digestContent(back)).toEqual(await digestContent(target));
  });

  it('tells two stores apart when one row differs', async () => {
    const source = await open(engine.name);
    await fill(source);
    const target = await open(other);
    await copyContent(source, target);
    await target.setSetting('accent', '#000000');
    const [a, b] = [await digestContent(source), await digestContent(target)];
    expect(a.settings!.rows).toBe(b.settings!.rows);
    expect(a.settings!.digest).not.toBe(b.settings!.digest);
  });
});
