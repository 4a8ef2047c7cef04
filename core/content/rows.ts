/**
 * Rows as both content stores (SQLite, PostgreSQL) read and write them, and posts made from them:
 * a list of posts gets its tags and authors in one query each, never one query per post. What a
 * new or changed post's row holds is decided here once, so the two engines cannot disagree.
 */
import { escapeHtml } from './text.ts';
import { MATCH_END, MATCH_START } from './search.ts';
import type { Author, Comment, CommentInput, CommentStatus, Origin, PageOf, Post, PostInput, PostStatus, Tag } from './types.ts';

/** Slugs that would hide a route of the site's own. */
export const RESERVED_SLUGS = new Set(['admin', 'api', 'assets', 'author', 'content', 'p', 'page', 'private', 'public', 'rss', 'search', 'tag', 'robots.txt', 'sitemap.xml']);

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

/** A listing's limit and page from what a caller asked, within bounds. */
export function pageBounds(query: { readonly limit?: number; readonly page?: number }): { limit: number; page: number } {
  return { limit: Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT), page: Math.max(Math.trunc(query.page ?? 1), 1) };
}

export function pageOf<T>(items: T[], total: number, page: number, limit: number): PageOf<T> {
  return { items, total, page, limit, pages: Math.max(Math.ceil(total / limit), 1) };
}

export interface PostRow {
  id: number;
  type: Post['type'];
  slug: string;
  title: string;
  html: string;
  custom_excerpt: string | null;
  feature_image: string | null;
  featured: number;
  status: PostStatus;
  published_at: string | null;
  template: string | null;
  parent_id: number | null;
  menu_order: number;
  password: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuthorRow {
  id: number;
  slug: string;
  name: string;
  bio: string;
  profile_image: string | null;
  website: string | null;
}

export type TagOfPost = Tag & { post_id: number };
export type AuthorOfPost = AuthorRow & { post_id: number };
/** One ancestor's slug of a child page; a page's ancestors come nearest last. */
export type AncestorOfPost = { post_id: number; slug: string };

/** Only a child page has ancestors: a list without one asks the database nothing more. */
export function hasChildPage(rows: readonly PostRow[]): boolean {
  return rows.some((row) => row.type === 'page' && row.parent_id !== null);
}

/**
 * Posts from their rows and the rows of their tags and authors (in each post's order) and of
 * their ancestors (nearest last, for a child page's nested path).
 */
export function assemblePosts(
  rows: readonly PostRow[],
  tagRows: readonly TagOfPost[],
  authorRows: readonly AuthorOfPost[],
  ancestorRows: readonly AncestorOfPost[],
): Post[] {
  const tags = groupBy(tagRows, (tag) => ({
    id: tag.id,
    slug: tag.slug,
    name: tag.name,
    description: tag.description,
  }));
  const authors = groupBy(authorRows, toAuthor);
  const ancestors = groupBy(ancestorRows, (row) => row.slug);
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    slug: row.slug,
    title: row.title,
    html: row.html,
    customExcerpt: row.custom_excerpt,
    featureImage: row.feature_image,
    featured: row.featured === 1,
    status: row.status,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    template: row.template,
    parentId: row.parent_id,
    path: `/${[...(ancestors.get(row.id) ?? []), row.slug].join('/')}/`,
    menuOrder: row.menu_order,
    password: row.password,
    tags: tags.get(row.id) ?? [],
    authors: authors.get(row.id) ?? [],
  }));
}

export function toAuthor(row: AuthorRow): Author {
  return { id: row.id, slug: row.slug, name: row.name, bio: row.bio, profileImage: row.profile_image, website: row.website };
}

function groupBy<R extends { post_id: number }, T>(rows: readonly R[], map: (row: R) => T): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.post_id) ?? [];
    group.push(map(row));
    groups.set(row.post_id, group);
  }
  return groups;
}

/** The columns of a new post, given its unique slug. */
export function newPostValues(input: PostInput, slug: string, now: string) {
  const status = input.status ?? 'draft';
  return {
    type: input.type ?? 'post',
    slug,
    title: input.title,
    html: input.html ?? '',
    custom_excerpt: input.customExcerpt ?? null,
    feature_image: input.featureImage ?? null,
    featured: input.featured ? 1 : 0,
    status,
    published_at: input.publishedAt ?? (status === 'published' ? now : null),
    template: input.template ?? null,
    parent_id: input.parentId ?? null,
    menu_order: input.menuOrder ?? 0,
    password: input.password || null,
    now,
  };
}

/** The columns of a changed post: what the patch leaves out stays as it is. */
export function patchedPostValues(current: Post, patch: Partial<PostInput>, slug: string, now: string) {
  const status = patch.status ?? current.status;
  return {
    id: current.id,
    slug,
    title: patch.title ?? current.title,
    html: patch.html ?? current.html,
    custom_excerpt: patch.customExcerpt !== undefined ? patch.customExcerpt : current.customExcerpt,
    feature_image: patch.featureImage !== undefined ? patch.featureImage : current.featureImage,
    featured: (patch.featured ?? current.featured) ? 1 : 0,
    status,
    published_at: patch.publishedAt !== undefined ? patch.publishedAt : (current.publishedAt ?? (status === 'published' ? now : null)),
    template: patch.template !== undefined ? patch.template : current.template,
    parent_id: patch.parentId !== undefined ? patch.parentId : current.parentId,
    menu_order: patch.menuOrder ?? current.menuOrder,
    password: patch.password !== undefined ? patch.password || null : current.password,
    now,
  };
}

/**
 * What the search index holds of a post: a protected post is found by its title only, since its
 * text is for those who have the password.
 */
export function searchEntry(values: { id: number; title: string; html: string; custom_excerpt: string | null; status: PostStatus; password: string | null }) {
  const hidden = Boolean(values.password);
  return { id: values.id, title: values.title, html: hidden ? '' : values.html, customExcerpt: hidden ? null : values.custom_excerpt, published: values.status === 'published' };
}

/** A snippet from the index made safe as HTML, its matched words in <mark>. */
export function markMatches(snippet: string): string {
  return escapeHtml(snippet).replaceAll(MATCH_START, '<mark>').replaceAll(MATCH_END, '</mark>');
}

export interface CommentRow {
  id: number;
  post_id: number;
  parent_id: number | null;
  author_name: string;
  author_email: string | null;
  author_url: string | null;
  html: string;
  status: CommentStatus;
  created_at: string;
}

export interface OriginRow {
  source: string;
  kind: string;
  original_id: string;
  local_id: number | null;
  data: string;
}

export function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    postId: row.post_id,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    html: row.html,
    status: row.status,
    createdAt: row.created_at,
  };
}

export function toOrigin(row: OriginRow): Origin {
  return { source: row.source, kind: row.kind, originalId: row.original_id, localId: row.local_id, data: JSON.parse(row.data) as Record<string, unknown> };
}

/** The columns of a comment as given (a new one is pending unless said otherwise). */
export function commentValues(input: CommentInput) {
  return {
    post_id: input.postId,
    parent_id: input.parentId ?? null,
    author_name: input.authorName,
    author_email: input.authorEmail ?? null,
    author_url: input.authorUrl ?? null,
    html: input.html,
    status: input.status ?? 'pending',
    created_at: input.createdAt ?? new Date().toISOString(),
  };
}

export function originValues(origin: Origin) {
  return { source: origin.source, kind: origin.kind, original_id: origin.originalId, local_id: origin.localId, data: JSON.stringify(origin.data) };
}
