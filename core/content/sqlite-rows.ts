/**
 * Rows as the content store reads them, and posts made from them: a list of posts gets its tags
 * and authors in one query each, never one query per post.
 */
import type { Statement } from 'better-sqlite3';
import type { Author, Post, PostStatus, Tag } from './types.ts';

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

export interface PostStatements {
  readonly tagsOfPosts: Statement<unknown[]>;
  readonly authorsOfPosts: Statement<unknown[]>;
  readonly ancestorsOfPosts: Statement<unknown[]>;
}

export function hydratePosts(rows: readonly PostRow[], { tagsOfPosts, authorsOfPosts, ancestorsOfPosts }: PostStatements): Post[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((row) => row.id));
  const tags = groupBy(tagsOfPosts.all(ids) as Array<Tag & { post_id: number }>, (tag) => ({
    id: tag.id,
    slug: tag.slug,
    name: tag.name,
    description: tag.description,
  }));
  const authors = groupBy(authorsOfPosts.all(ids) as Array<AuthorRow & { post_id: number }>, toAuthor);
  // Only a child page has ancestors: a list of posts asks nothing more.
  const nested = rows.some((row) => row.type === 'page' && row.parent_id !== null);
  const ancestors = groupBy(nested ? (ancestorsOfPosts.all(ids) as Array<{ post_id: number; slug: string }>) : [], (row) => row.slug);
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
