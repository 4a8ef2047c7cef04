/**
 * Issue 17: a site's content moves between the engines row for row (archives made on one engine
 * restore on the other; `guild migrate-store` moves a network): the same ids, a parent page
 * created after its child, origins in the order they were recorded, a search index that finds
 * the copied posts, and new rows numbered after the copied ones.
 */
import { afterEach, expect, it } from 'vitest';
import { copyContent, digestContent, PgContentStore, SqliteContentStore, type ContentStore } from '../../core/content/index.ts';
import { PgScopedStorage, ScopedStorage } from '../../core/plugins/index.ts';
import type { PluginMigration } from '../../core/sdk/context.ts';
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

/** A plugin's own storage in the store's database, as the site hands it to the plugin. */
function pluginStorage(store: ContentStore, pluginId: string): ScopedStorage | PgScopedStorage {
  if (store instanceof SqliteContentStore) return new ScopedStorage(store.db, pluginId);
  if (store instanceof PgContentStore) return new PgScopedStorage(store.db.sync(), store.schema, pluginId);
  throw new Error('a store of neither engine');
}

const notesMigrations: PluginMigration[] = [
  {
    version: 1,
    name: 'notes',
    up: (storage) => {
      storage.exec(`CREATE TABLE ${storage.table('notes')} (id INTEGER PRIMARY KEY, slug TEXT NOT NULL, body TEXT NOT NULL, votes INTEGER NOT NULL DEFAULT 0, photo BLOB)`);
      storage.exec(`CREATE UNIQUE INDEX ${storage.table('notes_by_slug')} ON ${storage.table('notes')} (slug)`);
    },
  },
];

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

  it(`carries a plugin's tables, rows and migrations from ${engine.name} to ${other} and back, and the plugin goes on using them`, async () => {
    const source = await open(engine.name);
    await fill(source);
    const notes = pluginStorage(source, 'acme.notes');
    expect(notes.migrate(notesMigrations)).toEqual([1]);
    const table = notes.table('notes');
    notes.run(`INSERT INTO ${table} (slug, body, photo) VALUES (?, ?, ?)`, 'rye', 'Rye needs a long proof.', Buffer.from([0, 255, 7]));
    notes.run(`INSERT INTO ${table} (slug, body, votes) VALUES (?, ?, ?)`, 'spelt', 'Spelt is nutty.', 4);

    const target = await open(other);
    const counts = await copyContent(source, target);
    expect(counts).toMatchObject({ [table]: 2 });
    expect(await digestContent(target)).toEqual(await digestContent(source));

    const moved = pluginStorage(target, 'acme.notes');
    // Its migrations are recorded there: they do not run again over the copied table.
    expect(moved.migrate(notesMigrations)).toEqual([]);
    expect(moved.get(`SELECT body, votes, photo FROM ${table} WHERE slug = ?`, 'rye')).toEqual({ body: 'Rye needs a long proof.', votes: 0, photo: Buffer.from([0, 255, 7]) });
    // The unique index crossed (ON CONFLICT needs it), the column default too, and new rows are numbered after the copied ones.
    moved.run(`INSERT INTO ${table} (slug, body) VALUES (?, ?) ON CONFLICT (slug) DO UPDATE SET votes = ${table}.votes + 1`, 'spelt', 'again');
    expect(Number(moved.run(`INSERT INTO ${table} (slug, body) VALUES (?, ?)`, 'oat', 'Oats soak overnight.').lastInsertRowid)).toBeGreaterThan(2);
    expect(moved.all(`SELECT slug, votes FROM ${table} ORDER BY id`)).toEqual([
      { slug: 'rye', votes: 0 },
      { slug: 'spelt', votes: 5 },
      { slug: 'oat', votes: 0 },
    ]);

    const back = await open(engine.name);
    await copyContent(target, back);
    expect(await digestContent(back)).toEqual(await digestContent(target));
    expect(pluginStorage(back, 'acme.notes').all(`SELECT slug FROM ${table} ORDER BY id`)).toEqual([{ slug: 'rye' }, { slug: 'spelt' }, { slug: 'oat' }]);
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
