/**
 * WordPress authors become Guild authors, found again by their login. A login that matches an
 * author the site already has (by slug) is taken to be that person and left as they are.
 */
import type { Author } from '../../content/index.ts';
import { count } from '../report.ts';
import { digest, localSlug, type ImportRun } from '../run.ts';
import type { WxrAuthor } from '../types.ts';

export async function importAuthors(run: ImportRun): Promise<void> {
  const authors = [...run.doc.authors];
  // WXR 1.0 lists no authors: take them from the items' dc:creator.
  const listed = new Set(authors.map((author) => author.login));
  for (const item of run.doc.items) {
    if (item.creator && !listed.has(item.creator)) {
      listed.add(item.creator);
      authors.push({ id: '', login: item.creator, email: '', displayName: item.creator, firstName: '', lastName: '' });
    }
  }
  const byId = new Map((await run.store.listAuthors()).map((author) => [author.id, author]));
  for (const author of authors) {
    if (author.login) await importAuthor(run, author, byId);
    run.step();
  }
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
