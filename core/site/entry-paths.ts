/**
 * Which post or page an address names. A post lives at `/<slug>/`; a child page under its
 * parents' slugs (`/level-1/level-2/`), as WordPress serves them. Any other address ending in a
 * page's slug (its flat `/level-2/`, or a parent it no longer has) is answered with a 301 to the
 * page's own, so links made before a page moved, or before the site moved here, keep working.
 */
import type { Post } from '../content/index.ts';
import type { PageRoute } from './page-models.ts';
import type { Site } from './site.ts';

export type EntryRoute = PageRoute | 'not-found' | { readonly redirect: string };

/** The decoded segments of a path ("/a/b%20c/" → ["a", "b c"]); undefined for a malformed escape. */
export function segmentsOf(path: string): string[] | undefined {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** The published post or page whose address `path` is (or ends in its slug, for a page): undefined when none. */
export async function entryAt(site: Site, path: string): Promise<{ readonly post: Post; readonly canonical: boolean } | undefined> {
  const segments = segmentsOf(path);
  const slug = segments?.at(-1);
  if (!segments || slug === undefined) return undefined;
  const post = await publishedBySlug(site, slug);
  // Only pages nest: /2013/01/05/hello/ is an old dated permalink (old-urls.ts), not the post "hello".
  if (!post || (post.type !== 'page' && segments.length > 1)) return undefined;
  return { post, canonical: post.path.toLowerCase() === `/${segments.join('/')}/`.toLowerCase() };
}

/**
 * The published post or page with this slug, asked of the store once per content version: the
 * route and the page it renders both need it, on every uncached request for it.
 */
export function publishedBySlug(site: Site, slug: string): Promise<Post | undefined> {
  return site.memo.load(`published:${slug}`, () => site.store.getPostBySlug(slug));
}

/** The page route of a one-or-more-segment address, or where to send the visitor instead. */
export async function entryRoute(site: Site, path: string): Promise<EntryRoute> {
  const segments = segmentsOf(path);
  if (!segments || segments.length === 0) return 'not-found';
  const [first, second] = segments as [string, ...string[]];
  // A content type's list at /<path>/ and its entries at /<path>/<slug>/ come before pages.
  if (segments.length === 1 && site.contributions.contentTypeAt(first)) return { kind: 'entry', slug: first };
  if (segments.length === 2 && site.contributions.contentTypeAt(first)) return { kind: 'typed-entry', path: first, slug: second! };
  const found = await entryAt(site, path);
  if (found && !found.canonical) return { redirect: found.post.path };
  if (found) return { kind: 'entry', slug: found.post.slug };
  return segments.length === 1 ? { kind: 'entry', slug: first } : 'not-found';
}
