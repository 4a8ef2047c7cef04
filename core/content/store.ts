/**
 * The one interface to a site's content. It is async so that a networked database can stand
 * behind it without changing the router, themes or plugins; the SQLite store answers at once.
 */
import type { AdjacentTo, AdjacentWithin, FindQuery } from './find.ts';
import type {
  Author,
  AuthorInput,
  Comment,
  CommentInput,
  CommentStatus,
  Origin,
  NavigationItem,
  PageOf,
  Post,
  PostInput,
  PostQuery,
  PostStatus,
  PostType,
  SearchHit,
  Tag,
  TagInput,
} from './types.ts';

export interface ContentStore {
  listPosts(query?: PostQuery): Promise<PageOf<Post>>;
  /** Every scheduled post and page, by id, with when it is due: what a publishing timer needs, read cheaply. */
  listScheduled(): Promise<Array<{ readonly id: number; readonly publishedAt: string }>>;
  /** A post or page by slug; published only unless `status` says otherwise. */
  getPostBySlug(slug: string, status?: PostStatus | 'any'): Promise<Post | undefined>;
  getPost(id: number): Promise<Post | undefined>;
  createPost(input: PostInput): Promise<Post>;
  updatePost(id: number, patch: Partial<PostInput>): Promise<Post>;
  deletePost(id: number): Promise<boolean>;

  listTags(): Promise<Array<Tag & { readonly count: number }>>;
  getTag(slug: string): Promise<Tag | undefined>;
  saveTag(input: TagInput): Promise<Tag>;
  /** Deletes a tag; posts keep their other tags. */
  deleteTag(slug: string): Promise<boolean>;

  listAuthors(): Promise<Author[]>;
  getAuthor(slug: string): Promise<Author | undefined>;
  saveAuthor(input: AuthorInput): Promise<Author>;

  /** Published posts or pages matching a filter in Ghost's language, paged; for themes' {{#get}}. */
  findPosts(type: PostType, query: FindQuery): Promise<PageOf<Post>>;
  /** Tags with how many published posts each has. */
  findTags(query: FindQuery): Promise<PageOf<Tag & { readonly count: number }>>;
  /** Authors with how many published posts each has. */
  findAuthors(query: FindQuery): Promise<PageOf<Author & { readonly count: number }>>;
  /** Published posts and pages whose title or text has every word of `text`, best first (titles weigh more). */
  searchPosts(text: string, query?: { readonly limit?: number; readonly page?: number }): Promise<PageOf<SearchHit>>;
  /** The published post after (`next`, newer) or before (`prev`, older) a post, optionally only among those sharing its primary tag or author. */
  adjacentPost(post: AdjacentTo, direction: 'next' | 'prev', within?: AdjacentWithin): Promise<Post | undefined>;

  getNavigation(menu?: string): Promise<NavigationItem[]>;
  setNavigation(items: readonly NavigationItem[], menu?: string): Promise<void>;

  getSetting<T>(key: string): Promise<T | undefined>;
  setSetting(key: string, value: unknown): Promise<void>;

  /** A post's or page's comments, oldest first; every status unless one is asked for. */
  listComments(postId: number, status?: CommentStatus | 'any'): Promise<Comment[]>;
  /** Adds a comment, or replaces the one with `id`. */
  saveComment(input: CommentInput & { readonly id?: number }): Promise<Comment>;
  /** The site's comments, newest first (the admin's moderation queue). */
  listSiteComments(status?: CommentStatus | 'any', limit?: number): Promise<Comment[]>;
  getComment(id: number): Promise<Comment | undefined>;
  /** Whether this commenter (by email, or by name when they gave none) has had a comment approved before. */
  hasApprovedComment(email: string | null, name: string): Promise<boolean>;
  deleteComment(id: number): Promise<boolean>;

  /** A post's or page's custom fields (WordPress's post meta), by key. */
  getPostMeta(postId: number): Promise<Record<string, string>>;
  /** Sets the keys given; a null value removes that key. Other keys stay. */
  setPostMeta(postId: number, entries: Readonly<Record<string, string | null>>): Promise<void>;

  getOrigin(source: string, kind: string, originalId: string): Promise<Origin | undefined>;
  listOrigins(filter?: { readonly source?: string; readonly kind?: string }): Promise<Origin[]>;
  saveOrigin(origin: Origin): Promise<void>;

  /**
   * Runs `work` against a store whose writes land together when it resolves, or not at all
   * when it throws. Readers elsewhere see the content as it was until then. Change events of
   * the work are delivered once it has committed.
   */
  transaction<T>(work: (store: ContentStore) => Promise<T>): Promise<T>;

  /**
   * A value that changes whenever the content changes, here or in another process (the CLI
   * importing, say), at once. Cheap enough to ask on every request, so caches can check it.
   */
  version(): string;
  close(): Promise<void>;
}
