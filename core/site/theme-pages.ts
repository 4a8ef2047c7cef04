/**
 * A site's theme pages (its home, listings, tag and author archives, posts and pages): which
 * address is which page, and answering one. The site's express routes and the host's way in
 * before express (core/host/theme-pages.ts) both answer through here, so a page is the same
 * whichever way the request came.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import encodeUrl from 'encodeurl';
import { describeError } from '../errors.ts';
import { entryRoute, type EntryRoute } from './entry-paths.ts';
import { asksByQuery, movedTo, queryOf } from './old-urls.ts';
import { pageKey, type CachedPage, type PageCache } from './page-cache.ts';
import type { PageRoute } from './page-models.ts';
import { mayHaveUnlocked, unlockedBy } from './protected.ts';
import { renderError, renderPage } from './render.ts';
import { sendPage } from './send-page.ts';
import type { Site } from './site.ts';

/** Where rendered pages go: the page cache, and the Cache-Control public pages are sent with. */
export interface PageOutlet {
  readonly cache: PageCache;
  readonly cacheControl: string;
}

/** A request for a theme page, as answering it needs it. */
export interface PageAsk {
  readonly req: IncomingMessage;
  /** The path asked for, without its query. */
  readonly path: string;
  /** The path and query asked for. */
  readonly url: string;
  /** The site's address as it was reached. */
  readonly baseUrl: string;
}

const HOME: PageRoute = { kind: 'home', page: 1 };

/**
 * The theme page a GET for `path` asks for, or where to send the visitor instead; undefined for
 * an address that is no theme page's (one not ending in "/", answered by the other routes). Fixed
 * words match in any case: `/Tag/news/` is the tag's archive.
 */
export function pageRouteOf(site: Site, path: string): EntryRoute | Promise<EntryRoute> | undefined {
  if (path[0] !== '/' || !path.endsWith('/')) return undefined;
  if (path === '/') return HOME;
  const segments = path.slice(1, -1).split('/');
  const [first = '', second = '', third = '', fourth = ''] = segments;
  const word = first.toLowerCase();
  if (segments.length === 2 && word === 'page' && second) return paged(second, '/', (page) => ({ kind: 'home', page }));
  if ((word === 'tag' || word === 'author') && second) {
    const kind = word;
    const slug = decodeURIComponent(second);
    if (segments.length === 2) return { kind, slug, page: 1 };
    if (segments.length === 4 && third.toLowerCase() === 'page' && fourth) return paged(fourth, `/${kind}/${slug}/`, (page) => ({ kind, slug, page }));
  }
  if (segments.length === 3 && first && second.toLowerCase() === 'page' && third) {
    const entries = decodeURIComponent(first);
    // Encoded, so that a path like "%2Fevil.example" cannot turn page 1's redirect into one to another host.
    return paged(third, `/${encodeURIComponent(entries)}/`, (page) => ({ kind: 'entries', path: entries, page }));
  }
  // A post at /<slug>/, a child page at /<parent>/<slug>/ and deeper, a content type's entries at /<path>/<slug>/.
  return path.length > 2 ? entryRoute(site, path) : 'not-found';
}

/** Page `raw` of a listing: its first page lives at `base`, and a page that is no number at all is not found. */
function paged(raw: string, base: string, toRoute: (page: number) => PageRoute): EntryRoute {
  const decoded = decodeURIComponent(raw);
  const number = /^\d+$/.test(decoded) ? Number(decoded) : NaN;
  if (number === 1) return { redirect: base };
  return Number.isSafeInteger(number) && number > 1 ? toRoute(number) : 'not-found';
}

/**
 * Answers a theme page: renders it, keeps it in the page cache when everyone may be sent it, and
 * sends it; or redirects (the page's own address, an address of the site's WordPress days).
 */
export async function answerPage(site: Site, route: EntryRoute, ask: PageAsk, outlet: PageOutlet, res: ServerResponse): Promise<void> {
  if (typeof route === 'object' && 'redirect' in route) return sendRedirect(ask.req, res, 301, route.redirect);
  const moved = asksByQuery(ask.url) ? await movedTo(site, ask.path, queryOf(ask.url)) : undefined;
  if (moved) return sendRedirect(ask.req, res, 301, moved);
  const request = { path: ask.path, baseUrl: ask.baseUrl, unlocked: unlockedBy(ask.req, site) };
  const version = site.cacheVersion();
  const rendered = route === 'not-found' ? await renderError(site, 404, request) : await renderPage(site, route, request);
  // Nothing here: perhaps an address of the site's WordPress days.
  const movedHere = rendered.status === 404 ? await movedTo(site, ask.path, queryOf(ask.url)) : undefined;
  if (movedHere) return sendRedirect(ask.req, res, 301, movedHere);
  // What only this visitor may see, and every page of a private site, is never kept or shared.
  if (rendered.personal || site.manifest.private) return sendHtml(ask.req, res, rendered.status, rendered.html);
  const stored = await outlet.cache.store(pageKey(site.slug, ask.baseUrl, ask.path), version, rendered, needsSite(site));
  sendPage(ask.req, res, stored, outlet.cacheControl);
  served(site, ask.baseUrl, ask.path, stored, false);
}

/**
 * Where the site's plugins send a GET or HEAD instead (request:redirect, a redirects plugin's
 * table), if anywhere: a path on this site or an http(s) address, with a redirect's status.
 */
export async function pluginRedirect(site: Site, ask: PageAsk): Promise<{ readonly status: number; readonly location: string } | undefined> {
  const queryStart = ask.url.indexOf('?');
  const query = queryStart === -1 ? '' : ask.url.slice(queryStart);
  const target = await site.hooks.run('request:redirect', null, { site: site.info(ask.baseUrl), method: ask.req.method ?? 'GET', path: ask.path, query });
  if (target && /^(\/(?!\/)|https?:\/\/)/.test(target.location) && [301, 302, 307, 308].includes(target.status)) return target;
  return undefined;
}

/** Answers a request this site's routes failed on with its theme's 500 page, and logs why. */
export async function answerFailure(site: Site, error: unknown, ask: Omit<PageAsk, 'url'>, res: ServerResponse): Promise<void> {
  site.log.error({ err: error, path: ask.path }, `could not answer ${ask.req.method} ${ask.path}: ${describeError(error)}`);
  // Half a page is out already: all that is left is to end it, so the browser does not wait on.
  if (res.headersSent) return void res.destroy();
  // The theme's own 500 page, or a plain one when the theme cannot render even that.
  const { html } = await renderError(site, 500, { path: ask.path, baseUrl: ask.baseUrl });
  sendHtml(ask.req, res, 500, html);
}

/** Whether a request may be answered with the page everyone gets (no unlocked post, no old ?p= address). */
export function mayShare(url: string, cookieHeader: string | undefined): boolean {
  // /?p=12 is not the home page: an old WordPress address, answered by the routes.
  // A visitor who unlocked a protected post sees it, not the password form cached for everyone.
  return !asksByQuery(url) && !mayHaveUnlocked(cookieHeader);
}

/**
 * A page this site rendered before, still current, sent straight from the page cache, with the
 * site open. Returns false when the request must be rendered. (core/host/cached-pages.ts answers
 * before the site is even opened.)
 */
export function sendCachedPage(outlet: PageOutlet, site: Site, baseUrl: string, req: IncomingMessage, path: string, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  // A private site's pages are for those past its gate, never shared.
  if (site.manifest.private) return false;
  // A site that redirects (a redirects plugin) decides before any page is sent, cached or not.
  if (site.hooks.has('request:redirect')) return false;
  if (!mayShare(req.url ?? '', req.headers.cookie)) return false;
  const page = outlet.cache.get(pageKey(site.slug, baseUrl, path), site.cacheVersion());
  if (!page) return false;
  sendPage(req, res, page, outlet.cacheControl);
  served(site, baseUrl, path, page, true);
  return true;
}

/** Sends a page the host's fast path found, and tells the site's plugins it was seen when the site is open. */
export function sendServedPage(site: Site | undefined, baseUrl: string, path: string, req: IncomingMessage, res: ServerResponse, page: CachedPage, cacheControl: string): void {
  sendPage(req, res, page, cacheControl);
  if (site) served(site, baseUrl, path, page, true);
}

function served(site: Site, baseUrl: string, path: string, page: CachedPage, cached: boolean): void {
  site.hooks.run('page:served', { site: site.info(baseUrl), path, status: page.status, kind: page.kind, cached });
}

/** Whether a page of this site may be sent without it: nothing taps page:served or request:redirect. */
function needsSite(site: Site): boolean {
  return site.hooks.has('page:served') || site.hooks.has('request:redirect');
}

/** A page for this visitor alone: never kept by a browser or anything between. */
function sendHtml(req: IncomingMessage, res: ServerResponse, status: number, html: string): void {
  const body = Buffer.from(html);
  res.writeHead(status, ['Content-Type', 'text/html; charset=utf-8', 'Cache-Control', 'private, no-store', 'Content-Length', String(body.length)]);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A redirect, its address encoded as a Location header must be. */
export function sendRedirect(req: IncomingMessage, res: ServerResponse, status: number, location: string): void {
  const address = encodeUrl(location);
  const body = Buffer.from(`${STATUS_CODES[status]}. Redirecting to ${address}`);
  res.writeHead(status, ['Location', address, 'Content-Type', 'text/plain; charset=utf-8', 'Content-Length', String(body.length)]);
  res.end(req.method === 'HEAD' ? undefined : body);
}
