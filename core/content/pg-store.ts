/**
 * The content store on PostgreSQL (GUILD_DATABASE_URL): one schema per site in a database the
 * network shares. It behaves as the SQLite store does (the same suites run on both): the rows,
 * slugs, paging and filters are decided by the modules both use, only the SQL dialect differs.
 * `version()` is answered from memory: it moves on this store's writes at once, and on other
 * processes' writes when PostgreSQL notifies them (LISTEN/NOTIFY), without a query. It starts
 * from a value of its own at each opening, so nothing cached by an earlier opening (before a
 * restart, or while another host wrote unheard) is taken as current.
 */
import { randomUUID } from 'node:crypto';
import { findSql, adjacentSql, POSTGRES_DIALECT, type AdjacentTo, type AdjacentWithin, type FindQuery, type FindSql } from './find.ts';
import { containsPattern } from './database.ts';
import { pgContentMigrations, pgNamespacedMigrations } from './migrations/pg.ts';
import { PgDatabase, type PgRunner } from './pg-database.ts';
import { fold, freeSlug, hydratePosts, putSearch, setPostAuthors, setPostTags, upsertTag } from './pg-post-parts.ts';
import { HEADLINE_OPTIONS, pgStatements as S } from './pg-statements.ts';
import { commentValues, markMatches, newPostValues, originValues, pageBounds, pageOf, patchedPostValues, searchEntry, toAuthor, toComment, toOrigin, type AuthorRow, type CommentRow, type OriginRow, type PostRow } from './rows.ts';
import { searchWords, type SearchRow } from './search.ts';
import { slugify } from './slug.ts';
import type { ContentStore } from './store.ts';
import type { Author, AuthorInput, Comment, CommentInput, CommentStatus, ContentChangeEvent, NavigationItem, Origin, PageOf, Post, PostInput, PostQuery, PostStatus, PostType, SearchHit, Tag, TagInput } from './types.ts';

export interface PgContentStoreOptions {
  readonly onChange?: (change: ContentChangeEvent) => void;
  /** Close the database with the store: it was opened for this store alone (a CLI command, a worker). */
  readonly closesDatabase?: boolean;
}

type Count = { n: number };

export class PgContentStore implements ContentStore {
  readonly db: PgDatabase;
  readonly schema: string;
  /** True when this open created the site's tables, so the site knows to seed it. */
  readonly created: boolean;
  readonly #run: PgRunner;
  /** Inside `transaction`: writes nest as savepoints on its connection. */
  readonly #inTransaction: boolean;
  readonly #onChange: (change: ContentChangeEvent) => void;
  readonly #closesDatabase: boolean;
  /** Tells this opening from earlier ones: what was cached then may have missed writes since. */
  readonly #opening = randomUUID().slice(0, 8);
  #localWrites = 0;
  #remoteChanges = 0;
  #unwatch: (() => void) | undefined;

  private constructor(db: PgDatabase, schema: string, run: PgRunner, created: boolean, inTransaction: boolean, options: PgContentStoreOptions) {
    this.db = db;
    this.schema = schema;
    this.#run = run;
    this.created = created;
    this.#inTransaction = inTransaction;
    this.#onChange = options.onChange ?? (() => {});
    this.#closesDatabase = options.closesDatabase ?? false;
  }

  /** Opens (creating and migrating if need be) the store in `schema`, and starts hearing other processes' writes. */
  static async open(db: PgDatabase, schema: string, options: PgContentStoreOptions = {}): Promise<PgContentStore> {
    const { created } = await db.migrate(schema, 'content', pgContentMigrations);
    for (const [namespace, migrations] of pgNamespacedMigrations) await db.migrate(schema, namespace, migrations);
    const store = new PgContentStore(db, schema, db.runner(schema), created, false, options);
    store.#unwatch = await db.watch(schema, () => store.#remoteChanges++);
    return store;
  }

  async listPosts(query: PostQuery = {}): Promise<PageOf<Post>> {
    const { limit, page } = pageBounds(query);
    const params = {
      type: query.type ?? 'post',
      status: query.status ?? 'published',
      tag: query.tag ?? null,
      author: query.author ?? null,
      search: containsPattern(query.search),
    };
    const any = params.status === 'any';
    const [counted] = await this.#run.query<Count>(any ? S.countAnyPosts : S.countPosts, params);
    const byUpdate = query.order === 'updated';
    const list = any ? (byUpdate ? S.listAnyPostsByUpdate : S.listAnyPosts) : byUpdate ? S.listPostsByUpdate : S.listPosts;
    const rows = await this.#run.query<PostRow>(list, { ...params, limit, offset: (page - 1) * limit });
    return pageOf(await hydratePosts(this.#run, rows), counted!.n, page, limit);
  }

  async listScheduled(): Promise<Array<{ id: number; publishedAt: string }>> {
    return this.#run.query(S.scheduled);
  }

  async getPostBySlug(slug: string, status: PostStatus | 'any' = 'published'): Promise<Post | undefined> {
    const [row] = await this.#run.query<PostRow>(S.postBySlug, { slug });
    if (!row || (status !== 'any' && row.status !== status)) return undefined;
    return (await hydratePosts(this.#run, [row]))[0];
  }

  async getPost(id: number): Promise<Post | undefined> {
    const [row] = await this.#run.query<PostRow>(S.postById, { id });
    return row ? (await hydratePosts(this.#run, [row]))[0] : undefined;
  }

  async createPost(input: PostInput): Promise<Post> {
    const id = await this.#write(async (run) => {
      const slug = await freeSlug(run, slugify(input.slug || input.title, input.type ?? 'post'));
      const values = newPostValues(input, slug, new Date().toISOString());
      const [{ id: postId }] = (await run.query<{ id: number }>(S.insertPost, values)) as [{ id: number }];
      await putSearch(run, searchEntry({ ...values, id: postId }));
      await setPostTags(run, postId, input.tags ?? []);
      await setPostAuthors(run, postId, input.authors);
      return postId;
    });
    const created = (await this.getPost(id))!;
    this.#onChange({ kind: created.type, action: 'created', id, published: created.status === 'published' });
    return created;
  }

  async updatePost(id: number, patch: Partial<PostInput>): Promise<Post> {
    const current = await this.getPost(id);
    if (!current) throw new Error(`There is no post with id ${id}.`);
    await this.#write(async (run) => {
      const slug =
        patch.slug !== undefined && slugify(patch.slug, current.type) !== current.slug
          ? await freeSlug(run, slugify(patch.slug, current.type))
          : current.slug;
      const values = patchedPostValues(current, patch, slug, new Date().toISOString());
      await run.query(S.updatePost, values);
      await putSearch(run, searchEntry(values));
      if (patch.tags) await setPostTags(run, id, patch.tags);
      if (patch.authors) await setPostAuthors(run, id, patch.authors);
    });
    const updated = (await this.getPost(id))!;
    this.#onChange({ kind: current.type, action: 'updated', id, published: current.status !== 'published' && updated.status === 'published' });
    return updated;
  }

  async deletePost(id: number): Promise<boolean> {
    const current = await this.getPost(id);
    if (!current) return false;
    await this.#write((run) => run.query(S.deletePost, { id }));
    this.#onChange({ kind: current.type, action: 'deleted', id });
    return true;
  }

  async searchPosts(text: string, query: { limit?: number; page?: number } = {}): Promise<PageOf<SearchHit>> {
    const { limit, page } = pageBounds(query);
    const words = searchWords(text).map(fold).filter((word) => word !== '');
    if (words.length === 0) return pageOf([], 0, page, limit);
    // Every word must appear, the last one as a prefix, so results come while typing.
    const tsQuery = words.map((word, index) => (index === words.length - 1 ? `${word}:*` : word)).join(' & ');
    const offset = (page - 1) * limit;
    const ids = (await this.#run.query<{ post_id: number }>(S.rankSearch, { query: tsQuery, limit, offset })).map((row) => row.post_id);
    const total = ids.length < limit && offset === 0 ? ids.length : (await this.#run.query<Count>(S.countSearch, { query: tsQuery }))[0]!.n;
    if (ids.length === 0) return pageOf([], total, page, limit);
    const found = await this.#run.query<SearchRow<PostRow>>(S.searchRows, { query: tsQuery, ids, options: HEADLINE_OPTIONS });
    const byId = new Map(found.map((row) => [row.id, row]));
    const rows = ids.map((id) => byId.get(id)!);
    const posts = await hydratePosts(this.#run, rows);
    return pageOf(
      rows.map((row, index) => ({ post: posts[index]!, snippet: markMatches(row.search_snippet) })),
      total,
      page,
      limit,
    );
  }

  async listTags(): Promise<Array<Tag & { count: number }>> {
    return this.#run.query(S.listTags);
  }

  async getTag(slug: string): Promise<Tag | undefined> {
    return (await this.#run.query<Tag>(S.tagBySlug, { slug }))[0];
  }

  async saveTag(input: TagInput): Promise<Tag> {
    const tag = await this.#write((run) => upsertTag(run, input));
    this.#onChange({ kind: 'tag', action: 'updated', id: tag.id });
    return tag;
  }

  async deleteTag(slug: string): Promise<boolean> {
    const tag = await this.getTag(slug);
    if (!tag) return false;
    await this.#write((run) => run.query(S.deleteTag, { id: tag.id }));
    this.#onChange({ kind: 'tag', action: 'deleted', id: tag.id });
    return true;
  }

  async listAuthors(): Promise<Author[]> {
    return (await this.#run.query<AuthorRow>(S.listAuthors)).map(toAuthor);
  }

  async getAuthor(slug: string): Promise<Author | undefined> {
    const [row] = await this.#run.query<AuthorRow>(S.authorBySlug, { slug });
    return row && toAuthor(row);
  }

  async saveAuthor(input: AuthorInput): Promise<Author> {
    const slug = slugify(input.slug ?? input.name);
    const values = { slug, name: input.name, bio: input.bio ?? '', profile_image: input.profileImage ?? null, website: input.website ?? null, now: new Date().toISOString() };
    await this.#write((run) => run.query(S.upsertAuthor, values));
    const author = (await this.getAuthor(slug))!;
    this.#onChange({ kind: 'author', action: 'updated', id: author.id });
    return author;
  }

  async findPosts(type: PostType, query: FindQuery): Promise<PageOf<Post>> {
    const { rows, found, total } = await this.#find<PostRow>(findSql('posts', query, { type }, POSTGRES_DIALECT));
    return pageOf(await hydratePosts(this.#run, rows), total, found.page, found.limit);
  }

  async findTags(query: FindQuery): Promise<PageOf<Tag & { count: number }>> {
    const { rows, found, total } = await this.#find<Tag & { count: number }>(findSql('tags', query, {}, POSTGRES_DIALECT));
    return pageOf(rows, total, found.page, found.limit);
  }

  async findAuthors(query: FindQuery): Promise<PageOf<Author & { count: number }>> {
    const { rows, found, total } = await this.#find<AuthorRow & { count: number }>(findSql('authors', query, {}, POSTGRES_DIALECT));
    return pageOf(rows.map((row) => ({ ...toAuthor(row), count: row.count })), total, found.page, found.limit);
  }

  async adjacentPost(post: AdjacentTo, direction: 'next' | 'prev', within?: AdjacentWithin): Promise<Post | undefined> {
    const { sql, params } = adjacentSql(post, direction, within);
    const [row] = await this.#run.query<PostRow>(sql, params);
    return row ? (await hydratePosts(this.#run, [row]))[0] : undefined;
  }

  async getNavigation(menu = 'primary'): Promise<NavigationItem[]> {
    return this.#run.query(S.navigation, { menu });
  }

  async setNavigation(items: readonly NavigationItem[], menu = 'primary'): Promise<void> {
    await this.#write(async (run) => {
      await run.query(S.clearNavigation, { menu });
      for (const [order, item] of items.entries()) await run.query(S.insertNavigation, { menu, label: item.label, url: item.url, order });
    });
    this.#onChange({ kind: 'navigation', action: 'updated' });
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    const [row] = await this.#run.query<{ value: string }>(S.getSetting, { key });
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.#write((run) => run.query(S.setSetting, { key, value: JSON.stringify(value) }));
    this.#onChange({ kind: 'settings', action: 'updated' });
  }

  async listComments(postId: number, status: CommentStatus | 'any' = 'any'): Promise<Comment[]> {
    return (await this.#run.query<CommentRow>(S.comments, { post: postId, status })).map(toComment);
  }

  async saveComment(input: CommentInput & { readonly id?: number }): Promise<Comment> {
    const existed = input.id !== undefined && (await this.getComment(input.id)) !== undefined;
    const values = commentValues(input);
    const id = await this.#write(async (run) => {
      if (existed) {
        await run.query(S.updateComment, { ...values, id: input.id });
        return input.id!;
      }
      return (await run.query<{ id: number }>(S.insertComment, values))[0]!.id;
    });
    this.#onChange({ kind: 'comment', action: existed ? 'updated' : 'created', id });
    return (await this.getComment(id))!;
  }

  async listSiteComments(status: CommentStatus | 'any' = 'any', limit = 100): Promise<Comment[]> {
    return (await this.#run.query<CommentRow>(S.siteComments, { status, limit })).map(toComment);
  }

  async getComment(id: number): Promise<Comment | undefined> {
    const [row] = await this.#run.query<CommentRow>(S.comment, { id });
    return row && toComment(row);
  }

  async hasApprovedComment(email: string | null, name: string): Promise<boolean> {
    return (await this.#run.query(S.approvedBy, { email, name })).length > 0;
  }

  async deleteComment(id: number): Promise<boolean> {
    const deleted = (await this.#write((run) => run.query(S.deleteComment, { id }))).length > 0;
    if (deleted) this.#onChange({ kind: 'comment', action: 'deleted', id });
    return deleted;
  }

  async getPostMeta(postId: number): Promise<Record<string, string>> {
    const rows = await this.#run.query<{ key: string; value: string }>(S.meta, { post: postId });
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  }

  async setPostMeta(postId: number, entries: Readonly<Record<string, string | null>>): Promise<void> {
    const post = await this.getPost(postId);
    if (!post) throw new Error(`There is no post with id ${postId}.`);
    await this.#write(async (run) => {
      for (const [key, value] of Object.entries(entries)) {
        await run.query(value === null ? S.deleteMeta : S.setMeta, value === null ? { post: postId, key } : { post: postId, key, value });
      }
    });
    this.#onChange({ kind: post.type, action: 'updated', id: postId });
  }

  async getOrigin(source: string, kind: string, originalId: string): Promise<Origin | undefined> {
    const [row] = await this.#run.query<OriginRow>(S.origin, { source, kind, original_id: originalId });
    return row && toOrigin(row);
  }

  async listOrigins(filter: { readonly source?: string; readonly kind?: string } = {}): Promise<Origin[]> {
    return (await this.#run.query<OriginRow>(S.origins, { source: filter.source ?? null, kind: filter.kind ?? null })).map(toOrigin);
  }

  async saveOrigin(origin: Origin): Promise<void> {
    await this.#write((run) => run.query(S.saveOrigin, originValues(origin)));
  }

  async transaction<T>(work: (store: ContentStore) => Promise<T>): Promise<T> {
    // A connection of its own, so that requests served meanwhile through the pool neither see
    // the unfinished work nor have their own writes rolled back with it.
    const events: ContentChangeEvent[] = [];
    const result = await this.db.transaction(this.schema, (run) =>
      work(new PgContentStore(this.db, this.schema, run, false, true, { onChange: (change) => events.push(change) })),
    );
    this.#localWrites++;
    this.announce(events);
    return result;
  }

  /** Tells the site about changes committed elsewhere (an import), as if they had been made here. */
  announce(changes: readonly ContentChangeEvent[]): void {
    for (const change of changes) this.#onChange(change);
  }

  version(): string {
    return `pg.${this.#opening}.${this.#remoteChanges}.${this.#localWrites}`;
  }

  /** Moves the version without a write: something besides the content changed what pages show. */
  touch(): void {
    this.#localWrites++;
  }

  async close(): Promise<void> {
    this.#unwatch?.();
    this.#unwatch = undefined;
    if (this.#closesDatabase) await this.db.close();
  }

  /** Runs a write in a transaction that notifies other processes at commit; inside `transaction`, as a savepoint. */
  async #write<T>(work: (run: PgRunner) => Promise<T>): Promise<T> {
    const run = this.#run;
    let result: T;
    if (this.#inTransaction) {
      await run.query('SAVEPOINT guild_write');
      try {
        result = await work(run);
        await PgDatabase.notifyChange(run, this.schema);
        await run.query('RELEASE SAVEPOINT guild_write');
      } catch (error) {
        await run.query('ROLLBACK TO SAVEPOINT guild_write');
        throw error;
      }
    } else {
      result = await this.db.transaction(this.schema, async (tx) => {
        const done = await work(tx);
        await PgDatabase.notifyChange(tx, this.schema);
        return done;
      });
    }
    this.#localWrites++;
    return result;
  }

  async #find<Row>(found: FindSql): Promise<{ rows: Row[]; total: number; found: FindSql }> {
    // The count's SQL leaves out @limit and @offset; unused parameters are not sent.
    const [counted] = await this.#run.query<{ count: number }>(found.count, found.params);
    const rows = await this.#run.query<Row>(found.list, found.params);
    return { rows, total: counted!.count, found };
  }
}
