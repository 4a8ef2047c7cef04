/**
 * WordPress authors become Guild authors, found again by their login. A login that matches an
 * author the site already has (by slug) is taken to be that person and left as they are. A post's
 * creator that names none of the listed authors exactly (">themereviewteam", a stray character
 * from the exporting plugin) is taken to be the closest of them, and the report says so.
 */
import type { Author } from '../../content/index.ts';
import { editDistance } from '../../manifest/index.ts';
import { count } from '../report.ts';
import { digest, localSlug, type ImportRun } from '../run.ts';
import type { WxrAuthor } from '../types.ts';

export async function importAuthors(run: ImportRun): Promise<void> {
  const authors = run.doc.authors.filter((author) => author.login);
  const listed = new Set(authors.map((author) => author.login));
  const strays = new Map<string, number>();
  for (const item of run.doc.items) {
    if (!item.creator || listed.has(item.creator)) continue;
    strays.set(item.creator, (strays.get(item.creator) ?? 0) + 1);
  }
  // WXR 1.0 lists no authors: take them from the items' dc:creator.
  if (authors.length === 0) {
    for (const creator of strays.keys()) authors.push({ id: '', login: creator, email: '', displayName: creator, firstName: '', lastName: '' });
    strays.clear();
  }
  const byId = new Map((await run.store.listAuthors()).map((author) => [author.id, author]));
  for (const author of authors) {
    await importAuthor(run, author, byId);
    run.step();
  }
  for (const [creator, posts] of strays) {
    const author = closestAuthor(creator, authors);
    run.creators.set(creator, author.login);
    const name = author.displayName || author.login;
    run.report.notes.push(`${posts} ${posts === 1 ? 'item names' : 'items name'} the author "${creator}", who is not in the export; taken to be "${name}" (${author.login}), the closest.`);
  }
}

/** The listed author whose login or display name is nearest to a creator, ignoring case and punctuation. */
function closestAuthor(creator: string, authors: readonly WxrAuthor[]): WxrAuthor {
  const plain = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const distance = (author: WxrAuthor) => Math.min(...[author.login, author.displayName].filter(Boolean).map((name) => editDistance(plain(creator), plain(name))));
  return authors.reduce((best, author) => (distance(author) < distance(best) ? author : best));
}

async function importAuthor(run: ImportRun, author: WxrAuthor, byId: Map<number, Author>): Promise<void> {
  const name = author.displayName || [author.firstName, author.lastName].filter(Boolean).join(' ') || author.login;
  const hash = digest({ name });
  const data = { login: author.login, email: author.email, displayName: author.displayName, firstName: author.firstName, lastName: author.lastName, hash };
  const origin = await run.origin('author', author.login);
  const known = origin?.localId != null ? byId.get(origin.localId) : undefined;
  if (known) {
    run.authorSlugs.set(author.login, known.slug);
    if (origin!.data.hash === hash) return count(run.report, 'authors', 'unchanged');
    await run.store.saveAuthor({ slug: known.slug, name, bio: known.bio, profileImage: known.profileImage, website: known.website });
    await run.remember('author', author.login, known.id, data);
    return count(run.report, 'authors', 'updated');
  }
  const slug = localSlug(author.login, `author-${author.id || byId.size + 1}`);
  const existing = await run.store.getAuthor(slug);
  const local = existing ?? (await run.store.saveAuthor({ slug, name }));
  byId.set(local.id, local);
  run.authorSlugs.set(author.login, local.slug);
  await run.remember('author', author.login, local.id, data);
  if (existing) run.report.notes.push(`WordPress author "${author.login}" is the existing author "${existing.slug}"; left as they were.`);
  count(run.report, 'authors', existing ? 'unchanged' : 'created');
}
