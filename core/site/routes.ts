/**
 * The public routes every site answers, shared by all sites: the host puts the site a request is
 * for in `res.locals.site` (and where it was reached in `res.locals.baseUrl`) before these run.
 * The theme's pages are answered by theme-pages.ts, here and on the host's way in before express.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Theme } from '../themes/index.ts';
import { commentForm } from './comment-form.ts';
import { siteContentApi } from './content-api.ts';
import type { EntryRoute } from './entry-paths.ts';
import { robotsTxt, rssFeed, sitemap } from './feeds.ts';
import { pluginRouter } from './plugin-routes.ts';
import { privateGate } from './private.ts';
import { protectedPostForm } from './protected.ts';
import { searchRoutes } from './search.ts';
import type { Site } from './site.ts';
import { answerFailure, answerPage, pageRouteOf, pluginRedirect, sendRedirect, type PageOutlet } from './theme-pages.ts';
import { sendWordPressCss, WORDPRESS_CSS_PATH } from './wordpress-assets.ts';

export interface SiteLocals {
  site: Site;
  baseUrl: string;
}

const ONE_YEAR = 31_536_000;

/**
 * The first path segments of the addresses these routes answer before the theme's pages (the
 * Content API, plugin routes, the feed, scripts and styles, the theme's assets, search, a private
 * site's gate). The host's way in before express (core/host/theme-pages.ts) leaves every address
 * starting with one of them to these routes: a route added here with a new first segment adds it.
 */
export const ROUTED_BEFORE_PAGES: readonly string[] = ['ghost', 'p', 'rss', 'public', 'assets', 'search', 'private'];

function locals(res: Response): SiteLocals {
  return res.locals as SiteLocals;
}

export function publicRoutes(outlet: PageOutlet): express.Router {
  const router = express.Router({ strict: true });
  const answer = (req: Request, res: Response, route: EntryRoute | Promise<EntryRoute>) => {
    const { site, baseUrl } = locals(res);
    return Promise.resolve(route).then((resolved) => answerPage(site, resolved, { req, path: req.path, url: req.originalUrl, baseUrl }, outlet, res));
  };
  const assetHandlers = new WeakMap<Theme, RequestHandler>();
  // Before the private gate, as on Ghost: the key is what lets a reader in.
  router.use('/ghost/api/content', siteContentApi(locals));
  router.use(privateGate(locals));

  router.use(async (req, res, next) => {
    const { site, baseUrl } = locals(res);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !site.hooks.has('request:redirect')) return next();
    const target = await pluginRedirect(site, { req, path: req.path, url: req.originalUrl, baseUrl });
    if (target) return sendRedirect(req, res, target.status, target.location);
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
  router.post('/*entry/comments/', ...commentForm(locals));
  router.post('/*entry/', ...protectedPostForm(locals));
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const route = pageRouteOf(locals(res).site, req.path);
    if (route === undefined) return next();
    answer(req, res, route).catch(next);
  });

  // "/about" → "/about/": one address per page, as search engines prefer.
  router.get('/{*rest}', (req, res, next) => {
    if (req.path.endsWith('/') || /\.[a-z0-9]+$/i.test(req.path)) return next();
    const queryStart = req.originalUrl.indexOf('?');
    const query = queryStart === -1 ? '' : req.originalUrl.slice(queryStart);
    // Collapse leading slashes so "//evil.example" cannot become a redirect to another host.
    res.redirect(301, `/${req.path.replace(/^\/+/, '')}/${query}`);
  });
  router.use((req, res, next) => void answer(req, res, 'not-found').catch(next));

  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { site, baseUrl } = locals(res);
    void answerFailure(site, error, { req, path: req.path, baseUrl }, res);
  });
  return router;
}
