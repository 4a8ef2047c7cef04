/**
 * The content store on a site's own SQLite file: prepared statements made once per site, lists
 * loaded with their tags and authors in one query each (never one query per post), and every
 * write in a transaction that tells the site what changed once it has committed.
 */
import { ContentFinder, type AdjacentTo, type AdjacentWithin, type FindQuery } from './find.ts';
import { contentMigrations } from './migrations/index.ts';
import { namespacedMigrations } from './migrations/namespaced.ts';
import { containsPattern, lazyStatements, migrate, openDatabase, type SqliteDatabase } from './database.ts';
import { ftsQuery, SearchIndex } from './search.ts';
import { SqliteRecords } from './sqlite-records.ts';
import { freeSlug, hydratePosts, setPostAuthors, setPostTags, upsertTag } from './sqlite-post-parts.ts';
import { markMatches, newPostValues, pageBounds, pageOf, patchedPostValues, searchEntry, toAuthor, type AuthorRow, type PostRow } from './rows.ts';
import { contentStatements } from './sqlite-statements.ts';
import { slugify } from './slug.ts';
import type { ContentStore } from './store.ts';
import { bumpContentVersion, contentVersion } from './version-file.ts';
import type { Author, AuthorInput, Comment, CommentInput, CommentStatus, ContentChangeEvent, NavigationItem, Origin, PageOf, Post, PostInput, PostQuery, PostStatus, PostType, SearchHit, Tag, TagInput } from './types.ts';

export interface SqliteContentStoreOptions {
  readonly onChange?: (change: ContentChangeEvent) => void;
}

export class SqliteContentStore implements ContentStore {
  readonly db: SqliteDatabase;
  readonly file: string;
  /** True when this open created the database, so the site knows to seed it. */
  readonly created: boolean;
  readonly #onChange: (change: ContentChangeEvent) => void;
  readonly #statements;
  readonly #finder: ContentFinder;
  readonly #records: SqliteRecords;
  #searchIndex: SearchIndex | undefined;

  constructor(file: string, options: SqliteContentStoreOptions = {}) {
    this.file = file;
    this.db = openDatabase(file);
    this.created = migrate(this.db, 'content', contentMigrations).created;
    for (const [namespace, migrations] of namespacedMigrations) migrate(this.db, namespace, migrations);
    this.#onChange = options.onChange ?? (() => {});
    this.#statements = lazyStatements(this.db, contentStatements);
    this.#finder = new ContentFinder(this.db);
    this.#records = new SqliteRecords(this.db);
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
    const statements = this.#statements;
    const any = params.status === 'any';
    const total = (any ? statements.countAnyPosts : statements.countPosts).get(params) as number;
    const byUpdate = query.order === 'updated';
    const list = any ? (byUpdate ? statements.listAnyPostsByUpdate : statements.listAnyPosts) : byUpdate ? statements.listPostsByUpdate : statements.listPosts;
    const rows = list.all({ ...params, limit, offset: (page - 1) * limit }) as PostRow[];
    return pageOf(hydratePosts(this.#statements, rows), total, page, limit);
  }

  async listScheduled(): Promise<Array<{ id: number; publishedAt: string }>> {
    return this.#statements.scheduled.all() as Array<{ id: number; publishedAt: string }>;
  }

  async getPostBySlug(slug: string, status: PostStatus | 'any' = 'published'): Promise<Post | undefined> {
    const row = this.#statements.postBySlug.get(slug) as PostRow | undefined;
    if (!row || (status !== 'any' && row.status !== status)) return undefined;
    return hydratePosts(this.#statements, [row])[0];
  }

  async getPost(id: number): Promise<Post | undefined> {
    const row = this.#statements.postById.get(id) as PostRow | undefined;
    return row ? hydratePosts(this.#statements, [row])[0] : undefined;
  }

  async createPost(input: PostInput): Promise<Post> {
    const id = this.#write(() => {
      const slug = freeSlug(this.#statements, slugify(input.slug || input.title, input.type ?? 'post'));
      const values = newPostValues(input, slug, new Date().toISOString());
      const postId = Number(this.#statements.insertPost.run(values).lastInsertRowid);
      this.#search.put(searchEntry({ ...values, id: postId }));
      setPostTags(this.#statements, postId, input.tags ?? []);
      setPostAuthors(this.#statements, postId, input.authors);
      return postId;
    });
    const created = (await this.getPost(id))!;
    this.#changed({ kind: created.type, action: 'created', id, published: created.status === 'published' });
    return created;
  }

  async updatePost(id: number, patch: Partial<PostInput>): Promise<Post> {
    const current = await this.getPost(id);
    if (!current) throw new Error(`There is no post with id ${id}.`);
    this.#write(() => {
      const slug =
        patch.slug !== undefined && slugify(patch.slug, current.type) !== current.slug
          ? freeSlug(this.#statements, slugify(patch.slug, current.type))
          : current.slug;
      const values = patchedPostValues(current, patch, slug, new Date().toISOString());
      this.#statements.updatePost.run(values);
      this.#search.put(searchEntry(values));
      if (patch.tags) setPostTags(this.#statements, id, patch.tags);
      if (patch.authors) setPostAuthors(this.#statements, id, patch.authors);
    });
    const updated = (await this.getPost(id))!;
    this.#changed({ kind: current.type, action: 'updated', id, published: current.status !== 'published' && updated.status === 'published' });
    return updated;
  }

  async deletePost(id: number): Promise<boolean> {
    const current = await this.getPost(id);
    if (!current) return false;
    this.#write(() => {
      this.#statements.deletePost.run(id);
      this.#search.remove(id);
    });
    this.#changed({ kind: current.type, action: 'deleted', id });
    return true;
  }

  async searchPosts(text: string, query: { limit?: number; page?: number } = {}): Promise<PageOf<SearchHit>> {
    const { limit, page } = pageBounds(query);
    const fts = ftsQuery(text);
    const { total, rows } = fts ? this.#search.find<PostRow>(fts, limit, (page - 1) * limit) : { total: 0, rows: [] };
    const posts = hydratePosts(this.#statements, rows);
    const items = rows.map((row, index) => ({ post: posts[index]!, snippet: markMatches(row.search_snippet) }));
    return pageOf(items, total, page, limit);
  }

  async listTags(): Promise<Array<Tag & { count: number }>> {
    return this.#statements.listTags.all() as Array<Tag & { count: number }>;
  }

  async getTag(slug: string): Promise<Tag | undefined> {
    return this.#statements.tagBySlug.get(slug) as Tag | undefined;
  }

  async saveTag(input: TagInput): Promise<Tag> {
    const tag = this.#write(() => upsertTag(this.#statements, input));
    this.#changed({ kind: 'tag', action: 'updated', id: tag.id });
    return tag;
  }

  async deleteTag(slug: string): Promise<boolean> {
    const tag = await this.getTag(slug);
    if (!tag) return false;
    this.#write(() => this.#statements.deleteTag.run(tag.id));
    this.#changed({ kind: 'tag', action: 'deleted', id: tag.id });
    return true;
  }

  async listAuthors(): Promise<Author[]> {
    return (this.#statements.listAuthors.all() as AuthorRow[]).map(toAuthor);
  }

  async getAuthor(slug: string): Promise<Author | undefined> {
    const row = this.#statements.authorBySlug.get(slug) as AuthorRow | undefined;
    return row && toAuthor(row);
  }

  async saveAuthor(input: AuthorInput): Promise<Author> {
    const slug = slugify(input.slug ?? input.name);
    this.#write(() =>
      this.#statements.upsertAuthor.run({
        slug,
        name: input.name,
        bio: input.bio ?? '',
        profile_image: input.profileImage ?? null,
        website: input.website ?? null,
        now: new Date().toISOString(),
      }),
    );
    const author = (await this.getAuthor(slug))!;
    this.#changed({ kind: 'author', action: 'updated', id: author.id });
    return author;
  }

  async findPosts(type: PostType, query: FindQuery): Promise<PageOf<Post>> {
    return this.#paged(this.#finder.posts<PostRow>(type, query), (rows) => hydratePosts(this.#statements, rows));
  }

  async findTags(query: FindQuery): Promise<PageOf<Tag & { count: number }>> {
    return this.#paged(this.#finder.tags<Tag & { count: number }>(query), (rows) => rows);
  }

  async findAuthors(query: FindQuery): Promise<PageOf<Author & { count: number }>> {
    return this.#paged(this.#finder.authors<AuthorRow & { count: number }>(query), (rows) => rows.map((row) => ({ ...toAuthor(row), count: row.count })));
  }

  async adjacentPost(post: AdjacentTo, direction: 'next' | 'prev', within?: AdjacentWithin): Promise<Post | undefined> {
    const row = this.#finder.adjacent<PostRow>(post, direction, within);
    return row ? hydratePosts(this.#statements, [row])[0] : undefined;
  }

  async getNavigation(menu = 'primary'): Promise<NavigationItem[]> {
    return this.#statements.navigation.all(menu) as NavigationItem[];
  }

  async setNavigation(items: readonly NavigationItem[], menu = 'primary'): Promise<void> {
    this.#write(() => {
      this.#statements.clearNavigation.run(menu);
      items.forEach((item, index) => this.#statements.insertNavigation.run(menu, item.label, item.url, index));
    });
    this.#changed({ kind: 'navigation', action: 'updated' });
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    const value = this.#statements.getSetting.get(key) as string | undefined;
    return value === undefined ? undefined : (JSON.parse(value) as T);
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    this.#write(() => this.#statements.setSetting.run(key, JSON.stringify(value)));
    this.#changed({ kind: 'settings', action: 'updated' });
  }

  async listComments(postId: number, status: CommentStatus | 'any' = 'any'): Promise<Comment[]> {
    return this.#records.comments(postId, status);
  }

  async saveComment(input: CommentInput & { readonly id?: number }): Promise<Comment> {
    const existed = input.id !== undefined && this.#records.comment(input.id) !== undefined;
    const id = this.#write(() => this.#records.saveComment(input));
    this.#changed({ kind: 'comment', action: existed ? 'updated' : 'created', id });
    return this.#records.comment(id)!;
  }

  async listSiteComments(status: CommentStatus | 'any' = 'any', limit = 100): Promise<Comment[]> {
    return this.#records.siteComments(status, limit);
  }

  async getComment(id: number): Promise<Comment | undefined> {
    return this.#records.comment(id);
  }

  async hasApprovedComment(email: string | null, name: string): Promise<boolean> {
    return this.#records.hasApproved(email, name);
  }

  async deleteComment(id: number): Promise<boolean> {
    const deleted = this.#write(() => this.#records.deleteComment(id));
    if (deleted) this.#changed({ kind: 'comment', action: 'deleted', id });
    return deleted;
  }

  async getPostMeta(postId: number): Promise<Record<string, string>> {
    return this.#records.meta(postId);
  }

  async setPostMeta(postId: number, entries: Readonly<Record<string, string | null>>): Promise<void> {
    const post = await this.getPost(postId);
    if (!post) throw new Error(`There is no post with id ${postId}.`);
    this.#write(() => this.#records.setMeta(postId, entries));
    this.#changed({ kind: post.type, action: 'updated', id: postId });
  }

  async getOrigin(source: string, kind: string, originalId: string): Promise<Origin | undefined> {
    return this.#records.origin(source, kind, originalId);
  }

  async listOrigins(filter: { readonly source?: string; readonly kind?: string } = {}): Promise<Origin[]> {
    return this.#records.origins(filter);
  }

  async saveOrigin(origin: Origin): Promise<void> {
    this.#write(() => this.#records.saveOrigin(origin));
  }

  async transaction<T>(work: (store: ContentStore) => Promise<T>): Promise<T> {
    // A connection of its own, so that requests served meanwhile on this one neither see the
    // unfinished work nor have their own writes rolled back with it.
    const events: ContentChangeEvent[] = [];
    const tx = new SqliteContentStore(this.file, { onChange: (change) => events.push(change) });
    try {
      tx.db.exec('BEGIN IMMEDIATE');
      const before = tx.db.prepare('SELECT total_changes()').pluck().get();
      const result = await work(tx);
      // One that changed nothing (the same export imported again) leaves cached pages current.
      const changed = tx.db.prepare('SELECT total_changes()').pluck().get() !== before;
      tx.db.exec('COMMIT');
      if (changed) bumpContentVersion(this.file);
      this.announce(events);
      return result;
    } catch (error) {
      if (tx.db.inTransaction) tx.db.exec('ROLLBACK');
      throw error;
    } finally {
      await tx.close();
    }
  }

  /**
   * Tells the site about changes another connection has committed (an import run in a worker
   * thread), as if they had been made here: the same change events, in order.
   */
  announce(changes: readonly ContentChangeEvent[]): void {
    for (const change of changes) this.#changed(change);
  }

  version(): string {
    return contentVersion(this.file);
  }

  /** Moves the version without a write: something besides the content changed what pages show. */
  touch(): void {
    bumpContentVersion(this.file);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  get #search(): SearchIndex {
    return (this.#searchIndex ??= new SearchIndex(this.db));
  }

  #write<T>(work: () => T): T {
    const result = this.db.transaction(work).immediate();
    // Inside a transaction() the version moves once, when it commits.
    if (!this.db.inTransaction) bumpContentVersion(this.file);
    return result;
  }

  #changed(change: ContentChangeEvent): void {
    this.#onChange(change);
  }

  #paged<Row, T>(found: { rows: Row[]; total: number; page: number; limit: number }, map: (rows: Row[]) => T[]): PageOf<T> {
    return pageOf(map(found.rows), found.total, found.page, found.limit);
  }
}
