/**
 * The parts of a post the PostgreSQL store writes and reads around its row: a free slug, its tags
 * and authors in order, its entry in the search index, and the tags, authors and ancestors read
 * back for a page of posts. Each takes the runner of the store's write (or read), so it runs
 * inside the caller's transaction.
 */
import type { PgRunner } from './pg-database.ts';
import { pgStatements as S } from './pg-statements.ts';
import { assemblePosts, hasChildPage, RESERVED_SLUGS, searchEntry, type AncestorOfPost, type AuthorOfPost, type AuthorRow, type PostRow, type TagOfPost } from './rows.ts';
import { searchableText } from './search.ts';
import { slugify, uniqueSlug } from './slug.ts';
import type { Post, Tag, TagInput } from './types.ts';

/** The first free slug of `base`, `base-2` ..., asking the database once for every slug of that shape. */
export async function freeSlug(run: PgRunner, base: string): Promise<string> {
  const pattern = `${base.replace(/[\\%_]/g, (char) => `\\${char}`)}-%`;
  const rows = await run.query<{ slug: string }>("SELECT slug FROM posts WHERE slug = @base OR slug LIKE @pattern ESCAPE '\\'", { base, pattern });
  const taken = new Set(rows.map((row) => row.slug));
  return uniqueSlug(base, (candidate) => RESERVED_SLUGS.has(candidate) || taken.has(candidate));
}

export async function upsertTag(run: PgRunner, input: TagInput): Promise<Tag> {
  const slug = slugify(input.slug ?? input.name);
  return (await run.query<Tag>(S.upsertTag, { slug, name: input.name, description: input.description ?? '', now: new Date().toISOString() }))[0]!;
}

export async function setPostTags(run: PgRunner, postId: number, tags: readonly string[]): Promise<void> {
  await run.query(S.clearPostTags, { post: postId });
  const seen = new Set<number>();
  for (const name of tags) {
    const [existing] = await run.query<Tag>(S.tagBySlug, { slug: slugify(name) });
    const tag = existing ?? (await upsertTag(run, { name }));
    if (seen.has(tag.id)) continue;
    await run.query(S.insertPostTag, { post: postId, tag: tag.id, order: seen.size });
    seen.add(tag.id);
  }
}

export async function setPostAuthors(run: PgRunner, postId: number, authors: readonly string[] | undefined): Promise<void> {
  await run.query(S.clearPostAuthors, { post: postId });
  const ids: number[] = [];
  if (authors?.length) {
    for (const slug of authors) {
      const [row] = await run.query<AuthorRow>(S.authorBySlug, { slug });
      if (!row) throw new Error(`There is no author "${slug}"; add the author first.`);
      ids.push(row.id);
    }
  } else {
    ids.push(...(await run.query<{ id: number }>(S.firstAuthorId)).map((row) => row.id));
  }
  for (const [order, authorId] of [...new Set(ids)].entries()) await run.query(S.insertPostAuthor, { post: postId, author: authorId, order });
}

/** Indexes a post as it now is: a published one is found, any other is taken out. */
export async function putSearch(run: PgRunner, post: ReturnType<typeof searchEntry>): Promise<void> {
  if (!post.published) {
    await run.query(S.removeSearch, { id: post.id });
    return;
  }
  const body = searchableText(post.html, post.customExcerpt);
  await run.query(S.putSearch, { id: post.id, body, folded_title: fold(post.title), folded_body: fold(body) });
}

/** Lower case without accents: what the index holds and what a search looks for ("crème" finds "creme"). */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Posts with their tags, authors and (for nested pages) ancestors, in three queries for the whole page. */
export async function hydratePosts(run: PgRunner, rows: readonly PostRow[]): Promise<Post[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [tags, authors, ancestors] = await Promise.all([
    run.query<TagOfPost>(S.tagsOfPosts, { ids }),
    run.query<AuthorOfPost>(S.authorsOfPosts, { ids }),
    hasChildPage(rows) ? run.query<AncestorOfPost>(S.ancestorsOfPosts, { ids }) : [],
  ]);
  return assemblePosts(rows, tags, authors, ancestors);
}
