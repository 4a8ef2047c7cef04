/**
 * The addresses a site had before it moved here (recorded by the WordPress import) answer with a
 * 301 to where the content lives now, so inbound links and search results keep working: dated
 * permalinks, `?p=<id>` and `?page_id=<id>`, category, tag and author archives; any WordPress feed
 * (`/feed/`, `/<anything>/feed/`) goes to the site's feed.
 *
 * They live in the core rather than in the redirects plugin: the import that records them is core,
 * they must keep working whether or not that plugin is switched on, and `?p=12` is an address by
 * its query, which the plugin's paths leave out. The plugin stays the place for redirects people add.
 */
import type { Origin } from '../content/index.ts';
import { asksByWordPressQuery, OLD_URL_KIND, oldUrlKey } from '../wxr/html/links.ts';
import type { Site } from './site.ts';

const WORDPRESS_FEED = /\/feed(?:\/(?:rss2?|atom|rdf))?\/?$/i;

/** Where an address of the site's WordPress days lives now, or undefined if it was not one. */
export async function movedTo(site: Site, path: string, query: URLSearchParams): Promise<string | undefined> {
  if (WORDPRESS_FEED.test(path) || query.has('feed')) return '/rss/';
  const key = oldUrlKey(path, query);
  const found = (await site.store.listOrigins({ kind: OLD_URL_KIND })).find((origin: Origin) => origin.originalId === key);
  const target = found && !found.data.removed ? found.data.target : undefined;
  return typeof target === 'string' && target !== path ? target : undefined;
}

/** Whether the path alone cannot say what a request asks for (`/?p=12`), so no cached page may answer it. */
export function asksByQuery(originalUrl: string): boolean {
  return asksByWordPressQuery(queryOf(originalUrl));
}

export function queryOf(originalUrl: string): URLSearchParams {
  const start = originalUrl.indexOf('?');
  return new URLSearchParams(start === -1 ? '' : originalUrl.slice(start + 1));
}
