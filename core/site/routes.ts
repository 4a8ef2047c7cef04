/**
 * The public routes every site answers, shared by all sites: the host puts the site a request is
 * for in `res.locals.site` (and where it was reached in `res.locals.baseUrl`) before these run.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { describeError } from '../errors.ts';
import type { Theme } from '../themes/index.ts';
import { siteContentApi } from './content-api.ts';
import { robotsTxt, rssFeed, sitemap } from './feeds.ts';
import { asksByQuery, movedTo, queryOf } from './old-urls.ts';
import { pageKey, type CachedPage, type PageCache } from './page-cache.ts';
import { sendPage } from './send-page.ts';
import { pluginRouter } from './plugin-routes.ts';
import type { PageRoute } from './page-models.ts';
import { commentForm } from './comment-form.ts';
import { privateGate } from './private.ts';
import { mayHaveUnlocked, protectedPostForm, unlockedBy } from './protected.ts';
import { renderError, renderPage, type RenderedPage } from './render.ts';
import { searchRoutes } from './search.ts';
import { entryRoute, type EntryRoute } from './entry-paths.ts';
import { sendWordPressCss, WORDPRESS_CSS_PATH } from './wordpress-assets.ts';
import type { Site } from './site.ts';

export interface SiteLocals {
  site: Site;
  baseUrl: string;
}

const ONE_YEAR = 31_536_000;

function locals(res: Response): SiteLocals {
  return res.locals as SiteLocals;
}

function served(site: Site, baseUrl: string, path: string, page: CachedPage, cached: boolean): void {
  site.hooks.run('page:served', { site: site.info(baseUrl), path, status: page.status, kind: page.kind, cached });
}

/** Whether a page of this site may be sent without it: nothing taps page:served or request:redirect. */
function needsSite(site: Site): boolean {
  return site.hooks.has('page:served') || site.hooks.has('request:redirect');
}

/** Whether a request may be answered with the page everyone gets (no unlocked post, no old ?p= address). */
export function mayShare(url: string, cookieHeader: string | undefined): boolean {
  // /?p=12 is not the home page: an old WordPress address, answered by the routes.
  // A visitor who unlocked a protected post sees it, not the password form cached for everyone.
  return !asksByQuery(url) && !mayHaveUnlocked(cookieHeader);
}

/**
 * The path the host takes before routing, with the site open: a page this site rendered before,
 * still current, is sent straight from the cache. Returns false when the request must go through
 * the routes. (core/host/cached-pages.ts answers before the site is even opened.)
 */
export function sendCachedPage(cache: PageCache, cacheControl: string, site: Site, baseUrl: string, req: IncomingMessage & { path: string }, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  // A private site's pages are for those past its gate, never shared.
  if (site.manifest.private) return false;
  // A site that redirects (a redirects plugin) decides before any page is sent, cached or not.
  if (site.hooks.has('request:redirect')) return false;
  if (!mayShare(req.url ?? '', req.headers.cookie)) return false;
  const page = cache.get(pageKey(site.slug, baseUrl, req.path), site.cacheVersion());
  if (!page) return false;
  sendPage(req, res, page, cacheControl);
  served(site, baseUrl, req.path, page, true);
  return true;
}

/** Sends a page the host's fast path found, and tells the site's plugins it was seen when the site is open. */
export function sendServedPage(site: Site | undefined, baseUrl: string, path: string, req: IncomingMessage, res: ServerResponse, page: CachedPage, cacheControl: string): void {
  sendPage(req, res, page, cacheControl);
  if (site) served(site, baseUrl, path, page, true);
}

export function publicRoutes(cache: PageCache, cacheControl: string): express.Router {
  const router = express.Router({ strict: true });
  const assetHandlers = new WeakMap<Theme, RequestHandler>();
  // Before the private gate, as on Ghost: the key is what lets a reader in.
  router.use('/ghost/api/content', siteContentApi(locals));
  router.use(privateGate(locals));

  const page = (toRoute: (req: Request, site: Site) => EntryRoute | Promise<EntryRoute>): RequestHandler =>
    async (req, res) => {
      const route = await toRoute(req, locals(res).site);
      if (typeof route === 'object' && 'redirect' in route) return res.redirect(301, route.redirect);
      const { site, baseUrl } = locals(res);
      const moved = asksByQuery(req.originalUrl) ? await movedTo(site, req.path, queryOf(req.originalUrl)) : undefined;
      if (moved) return res.redirect(301, moved);
      const request = { path: req.path, baseUrl, unlocked: unlockedBy(req, site) };
      const version = site.cacheVersion();
      const rendered: RenderedPage = route === 'not-found' ? await renderError(site, 404, request) : await renderPage(site, route, request);
      // Nothing here: perhaps an address of the site's WordPress days.
      const movedHere = rendered.status === 404 ? await movedTo(site, req.path, queryOf(req.originalUrl)) : undefined;
      if (movedHere) return res.redirect(301, movedHere);
      // What only this visitor may see, and every page of a private site, is never kept or shared.
      if (rendered.personal || site.manifest.private) return void res.status(rendered.status).type('html').set('Cache-Control', 'private, no-store').send(rendered.html);
      const stored = await cache.store(pageKey(site.slug, baseUrl, req.path), version, rendered, needsSite(site));
      sendPage(req, res, stored, cacheControl);
      served(site, baseUrl, req.path, stored, false);
    };

  router.use(async (req, res, next) => {
    const { site, baseUrl } = locals(res);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !site.hooks.has('request:redirect')) return next();
    const queryStart = req.originalUrl.indexOf('?');
    const target = await site.hooks.run('request:redirect', null, { site: site.info(baseUrl), method: req.method, path: req.path, query: queryStart === -1 ? '' : req.originalUrl.slice(queryStart) });
    if (target && /^(\/(?!\/)|https?:\/\/)/.test(target.location) && [301, 302, 307, 308].includes(target.status)) return res.redirect(target.status, target.location);
    next();
  });
  router.use('/p/:plugin', pluginRouter());

  router.get('/robots.txt', (_req, res) => {
    const { site, baseUrl } = locals(res);
    res.type('text/plain').send(robotsTxt(site, site.info(baseUrl)));
  });
  router.get('/sitemap.xml', async (_req, res) => {
    const { site, baseUrl } = locals(res);
    res.type('application/xml').send(await sitemap(site, site.info(baseUrl)));
  });
  router.get('/rss/', async (_req, res) => {
    const { site, baseUrl } = locals(res);
    res.type('application/rss+xml').send(await rssFeed(site, site.info(baseUrl)));
  });
  router.get(WORDPRESS_CSS_PATH, sendWordPressCss);
  router.get('/favicon.ico', (_req, res) => {
    const icon = locals(res).site.manifest.icon;
    if (icon) res.redirect(302, icon);
    else res.status(404).end();
  });
  router.use('/assets', (req, res, next) => {
    const theme = locals(res).site.theme;
    let handler = assetHandlers.get(theme);
    if (!handler) {
      handler = express.static(theme.assetsDir, {
        index: false,
        dotfiles: 'ignore',
        fallthrough: false,
        // A versioned URL (from {{asset}}) never changes content, so it may be cached for a year.
        setHeaders: (response) =>
          response.setHeader('Cache-Control', response.req.query.v ? `public, max-age=${ONE_YEAR}, immutable` : 'public, max-age=0, must-revalidate'),
      });
      assetHandlers.set(theme, handler);
    }
    // Missing files and refused paths ("..") alike answer a plain 404: an asset either exists or not.
    handler(req, res, (error?: unknown) => {
      const status = (error as { status?: number } | undefined)?.status ?? 0;
      if (status >= 400 && status < 500) res.status(404).type('text/plain').send('Not found');
      else next(error);
    });
  });

  router.use(searchRoutes(locals));
  router.get('/', page(() => ({ kind: 'home', page: 1 })));
  router.get('/page/:page/', page((req) => paged(req, '/', (n) => ({ kind: 'home', page: n }))));
  for (const kind of ['tag', 'author'] as const) {
    router.get(`/${kind}/:slug/`, page((req) => ({ kind, slug: String(req.params.slug), page: 1 })));
    router.get(`/${kind}/:slug/page/:page/`, page((req) => paged(req, `/${kind}/${String(req.params.slug)}/`, (n) => ({ kind, slug: String(req.params.slug), page: n }))));
  }
  // Encoded, so that a path like "%2Fevil.example" cannot turn page 1's redirect into one to another host.
  router.get('/:path/page/:page/', page((req) => paged(req, `/${encodeURIComponent(String(req.params.path))}/`, (n) => ({ kind: 'entries', path: String(req.params.path), page: n }))));
  // A post at /<slug>/, a child page at /<parent>/<slug>/ and deeper, a content type's entries at /<path>/<slug>/.
  router.post('/*entry/comments/', ...commentForm(locals));
  router.post('/*entry/', ...protectedPostForm(locals));
  router.get('/*entry/', page((req, site) => entryRoute(site, req.path)));

  // "/about" → "/about/": one address per page, as search engines prefer.
  router.get('/{*rest}', (req, res, next) => {
    if (req.path.endsWith('/') || /\.[a-z0-9]+$/i.test(req.path)) return next();
    const queryStart = req.originalUrl.indexOf('?');
    const query = queryStart === -1 ? '' : req.originalUrl.slice(queryStart);
    // Collapse leading slashes so "//evil.example" cannot become a redirect to another host.
    res.redirect(301, `/${req.path.replace(/^\/+/, '')}/${query}`);
  });
  router.use(page(() => 'not-found'));

  router.use(async (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const { site, baseUrl } = locals(res);
    site.log.error({ err: error, path: req.path }, `could not answer ${req.method} ${req.path}: ${describeError(error)}`);
    if (res.headersSent) return next(error);
    const rendered = await renderError(site, 500, { path: req.path, baseUrl });
    res.status(500).type('html').set('Cache-Control', 'no-store').send(rendered.html);
  });
  return router;
}

function paged(req: Request, base: string, toRoute: (page: number) => PageRoute): EntryRoute {
  const raw = String(req.params.page);
  const number = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (number === 1) return { redirect: base };
  return Number.isSafeInteger(number) && number > 1 ? toRoute(number) : 'not-found';
}
