/**
 * The first thing a request meets, before express: a public page still current in the page cache
 * is sent from there, as node:http hands the request over. It needs no routing, no middleware and
 * no open site: the page's version is read from the site's files (see Site.cacheVersion); a site
 * whose content is in PostgreSQL is answered from here only while it is open. A site
 * that is open has its plugins told of the view (page:served), as on any other path; a page whose
 * site must see every view (analytics) or may redirect it is sent this way only while the site is
 * open, and otherwise left to the routes, which open it. Anything else (another method, the admin,
 * a private or disabled site, a visitor who unlocked a protected post) goes on to express.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mayShare, pageKey, sendServedPage, siteCacheVersion, type PageCache } from '../site/index.ts';
import { hostnameOf } from './hostname.ts';
import { publicSiteOf, type PublicNames } from './public-site.ts';

export interface CachedPagesOptions extends PublicNames {
  readonly cache: PageCache;
  readonly cacheControl: string;
}

/** Answers a request from the page cache and returns true, or returns false having done nothing. */
export type CachedPagesHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export function cachedPages(options: CachedPagesOptions): CachedPagesHandler {
  const { registry, cache, addresses, cacheControl } = options;
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    if (url[0] !== '/' || !mayShare(url, req.headers.cookie)) return false;
    const hostname = hostnameOf(req.headers.host ?? '');
    const entry = publicSiteOf(hostname, options);
    const manifest = entry?.manifest;
    if (!entry || !manifest || manifest.private || manifest.disabled || registry.refusal(entry)) return false;
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const baseUrl = addresses.url(hostname);
    const site = registry.openSite(entry);
    // An open site knows its version (content in PostgreSQL is only known so); a closed one's is read from its files.
    const page = cache.get(pageKey(entry.slug, baseUrl, path), site ? site.cacheVersion() : siteCacheVersion(entry.fingerprint, entry.dir));
    if (!page) return false;
    if (!site) {
      if (page.needsSite) return false;
      sendServedPage(undefined, baseUrl, path, req, res, page, cacheControl);
      return true;
    }
    // A redirects plugin switched on since the page was kept decides first, on the routes.
    if (site.hooks.has('request:redirect')) return false;
    sendServedPage(site, baseUrl, path, req, res, page, cacheControl);
    return true;
  };
}
