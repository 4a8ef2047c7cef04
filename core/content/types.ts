/** The content of one site as the store keeps it. Themes and plugins see views made from these. */

export type PostType = 'post' | 'page';
export type PostStatus = 'draft' | 'published' | 'scheduled';

export interface Tag {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
}

export interface Author {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly bio: string;
  readonly profileImage: string | null;
  readonly website: string | null;
}

export interface Post {
  readonly id: number;
  readonly type: PostType;
  readonly slug: string;
  readonly title: string;
  readonly html: string;
  readonly customExcerpt: string | null;
  readonly featureImage: string | null;
  readonly featured: boolean;
  readonly status: PostStatus;
  /** ISO 8601 in UTC; set for published and scheduled posts. */
  readonly publishedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** A `custom-<name>` template the theme should use, if the author picked one. */
  readonly template: string | null;
  /** The page this one sits under (pages only, as WordPress nests them), or null at the top. */
  readonly parentId: number | null;
  /** The post's address on the site: `/<slug>/`, or under its parents' slugs for a child page (`/level-1/level-2/`), as WordPress serves them. */
  readonly path: string;
  /** Where a page sorts among its siblings; lower first. */
  readonly menuOrder: number;
  /** WordPress's per-post password: visitors see the post only after giving it; null when open to all. */
  readonly password: string | null;
  readonly tags: readonly Tag[];
  readonly authors: readonly Author[];
}

export interface PostInput {
  readonly type?: PostType;
  readonly title: string;
  readonly slug?: string;
  readonly html?: string;
  readonly customExcerpt?: string | null;
  readonly featureImage?: string | null;
  readonly featured?: boolean;
  readonly status?: PostStatus;
  readonly publishedAt?: string | null;
  readonly template?: string | null;
  readonly parentId?: number | null;
  readonly menuOrder?: number;
  /** Sets the post's password; null or "" removes it. */
  readonly password?: string | null;
  /** Tag slugs or names; unknown ones are created. */
  readonly tags?: readonly string[];
  /** Author slugs; the first is the primary author. */
  readonly authors?: readonly string[];
}

export interface TagInput {
  readonly slug?: string;
  readonly name: string;
  readonly description?: string;
}

export interface AuthorInput {
  readonly slug?: string;
  readonly name: string;
  readonly bio?: string;
  readonly profileImage?: string | null;
  readonly website?: string | null;
}

export interface NavigationItem {
  readonly label: string;
  readonly url: string;
}

export interface PostQuery {
  readonly type?: PostType;
  /** Default: published only. */
  readonly status?: PostStatus | 'any';
  readonly tag?: string;
  readonly author?: string;
  /** Words to find in the title, text, excerpt or feature image (the admin's search). */
  readonly search?: string;
  /** Newest published first (default), or most recently changed first (the admin's lists). */
  readonly order?: 'published' | 'updated';
  readonly limit?: number;
  readonly page?: number;
}

/** A post or page found by full-text search, with where the words matched. */
export interface SearchHit {
  readonly post: Post;
  /** HTML: a stretch of the text around the match, matched words in <mark>. */
  readonly snippet: string;
}

export interface PageOf<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly limit: number;
  readonly pages: number;
}

/** approved shows to visitors (once a theme shows comments); the rest wait or are kept out. */
export type CommentStatus = 'approved' | 'pending' | 'spam' | 'trash';

export interface Comment {
  readonly id: number;
  readonly postId: number;
  /** The comment this one answers, or null. */
  readonly parentId: number | null;
  readonly authorName: string;
  readonly authorEmail: string | null;
  readonly authorUrl: string | null;
  readonly html: string;
  readonly status: CommentStatus;
  /** ISO 8601 in UTC. */
  readonly createdAt: string;
}

export interface CommentInput {
  readonly postId: number;
  readonly parentId?: number | null;
  readonly authorName: string;
  readonly authorEmail?: string | null;
  readonly authorUrl?: string | null;
  readonly html: string;
  readonly status?: CommentStatus;
  readonly createdAt?: string;
}

/**
 * Where a piece of content came from: an item of another system (a WordPress export, say) and
 * the local row it became. `source` names the other system (e.g. "wordpress:example.com"), so
 * a second export of the same site finds what the first one created; `data` keeps what that
 * system said about the item that has no column here, so nothing is lost and it can go back.
 */
export interface Origin {
  readonly source: string;
  readonly kind: string;
  readonly originalId: string;
  /** The local id it became; null for things kept only here (e.g. an attachment not yet fetched). */
  readonly localId: number | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface ContentChangeEvent {
  readonly kind: 'post' | 'page' | 'tag' | 'author' | 'navigation' | 'settings' | 'comment';
  readonly action: 'created' | 'updated' | 'deleted';
  readonly id?: number;
  /** Set when this write made a post or page public that was not before. */
  readonly published?: boolean;
}
