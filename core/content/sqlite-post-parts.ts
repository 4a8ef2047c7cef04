/**
 * The parts of a post the SQLite store writes and reads around its row: a free slug, its tags and
 * authors in order, and the tags, authors and ancestors read back for a page of posts. Each takes
 * the store's statements and runs inside the caller's write transaction. Its search entry is
 * search.ts's `SearchIndex`, whose statements the store makes on first use.
 */
import type { lazyStatements } from './database.ts';
import { assemblePosts, hasChildPage, RESERVED_SLUGS, type AncestorOfPost, type AuthorOfPost, type AuthorRow, type PostRow, type TagOfPost } from './rows.ts';
import type { contentStatements } from './sqlite-statements.ts';
import { slugify, uniqueSlug } from './slug.ts';
import type { Post, Tag, TagInput } from './types.ts';

/** The store's statements (sqlite-statements.ts) on one connection. */
export type ContentStatements = ReturnType<typeof lazyStatements<typeof contentStatements>>;

/** The first free slug of `base`, `base-2` ..., asking the database for each candidate in turn. */
export function freeSlug(statements: ContentStatements, base: string): string {
  return uniqueSlug(base, (candidate) => RESERVED_SLUGS.has(candidate) || statements.postBySlug.get(candidate) !== undefined);
}

export function upsertTag(statements: ContentStatements, input: TagInput): Tag {
  const slug = slugify(input.slug ?? input.name);
  statements.upsertTag.run({ slug, name: input.name, description: input.description ?? '', now: new Date().toISOString() });
  return statements.tagBySlug.get(slug) as Tag;
}

export function setPostTags(statements: ContentStatements, postId: number, tags: readonly string[]): void {
  statements.clearPostTags.run(postId);
  const seen = new Set<number>();
  for (const name of tags) {
    const existing = statements.tagBySlug.get(slugify(name)) as Tag | undefined;
    const tag = existing ?? upsertTag(statements, { name });
    if (seen.has(tag.id)) continue;
    statements.insertPostTag.run(postId, tag.id, seen.size);
    seen.add(tag.id);
  }
}

export function setPostAuthors(statements: ContentStatements, postId: number, authors: readonly string[] | undefined): void {
  statements.clearPostAuthors.run(postId);
  const ids = authors?.length
    ? authors.map((slug) => {
        const row = statements.authorBySlug.get(slug) as AuthorRow | undefined;
        if (!row) throw new Error(`There is no author "${slug}"; add the author first.`);
        return row.id;
      })
    : [statements.firstAuthorId.get() as number | undefined].filter((id) => id !== undefined);
  [...new Set(ids)].forEach((authorId, index) => statements.insertPostAuthor.run(postId, authorId, index));
}

/** Posts with their tags, authors and (for nested pages) ancestors, in three queries for the whole page. */
export function hydratePosts(statements: ContentStatements, rows: readonly PostRow[]): Post[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((row) => row.id));
  const ancestors = hasChildPage(rows) ? (statements.ancestorsOfPosts.all(ids) as AncestorOfPost[]) : [];
  return assemblePosts(rows, statements.tagsOfPosts.all(ids) as TagOfPost[], statements.authorsOfPosts.all(ids) as AuthorOfPost[], ancestors);
}
