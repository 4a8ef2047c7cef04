/**
 * The host's way in to a site's theme pages before express: a GET or HEAD for one of a site's
 * theme pages (core/site/theme-pages.ts says which addresses are) on one of its public names goes
 * straight to the site's page answer, as node:http hands it over. Express's routing and request
 * objects cost about what rendering a first-party theme's page does (scripts/bench/render.ts).
 * Everything else goes on to express as before: other methods, the admin, addresses the site's
 * own routes answer first (its `routedFirst` segments), a private site, one in maintenance or
 * refused, a path that is not UTF-8. A site's plugins that decide redirects decide here too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerFailure, answerPage, pageRouteOf, pluginRedirect, sendCachedPage, sendRedirect, type PageOutlet } from '../site/index.ts';
import { hostnameOf, pathDecodes } from './hostname.ts';
import { publicSiteOf, type PublicNames } from './public-site.ts';
import type { SiteEntry } from './registry.ts';

export interface ThemePagesOptions extends PublicNames, PageOutlet {
  /** First path segments (lower case) of addresses answered by routes that come before the theme's pages. */
  readonly routedFirst: ReadonlySet<string>;
}

/** Takes a request for a theme page, or hands it on to `elsewhere` untouched. */
export type ThemePagesHandler = (req: IncomingMessage, res: ServerResponse, elsewhere: () => void) => void;

export function themePages(options: ThemePagesOptions): ThemePagesHandler {
  const { registry, addresses, routedFirst } = options;

  const answer = async (entry: SiteEntry, hostname: string, path: string, req: IncomingMessage, res: ServerResponse, elsewhere: () => void) => {
    let acquired;
    try {
      acquired = await registry.acquire(entry);
    } catch {
      // Refused, or failing to open: express answers that as it always has.
      return elsewhere();
    }
    const { site } = acquired;
    if (site.manifest.private || site.manifest.disabled) {
      acquired.release();
      return elsewhere();
    }
    res.once('close', acquired.release);
    const ask = { req, path, url: req.url!, baseUrl: addresses.url(hostname) };
    try {
      // The site's plugins decide first where a request goes (a redirects plugin), as on its routes.
      const target = site.hooks.has('request:redirect') ? await pluginRedirect(site, ask) : undefined;
      if (target) return sendRedirect(req, res, target.status, target.location);
      if (sendCachedPage(options, site, ask.baseUrl, req, path, res)) return;
      await answerPage(site, await pageRouteOf(site, path)!, ask, options, res);
    } catch (error) {
      await answerFailure(site, error, ask, res);
    }
  };

  return (req, res, elsewhere) => {
    const url = req.url ?? '';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || url[0] !== '/') return elsewhere();
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const slash = path.indexOf('/', 1);
    if (!path.endsWith('/') || routedFirst.has(path.slice(1, slash).toLowerCase()) || !pathDecodes(path)) return elsewhere();
    const hostname = hostnameOf(req.headers.host ?? '');
    const entry = publicSiteOf(hostname, options);
    const manifest = entry?.manifest;
    if (!entry || !manifest || manifest.private || manifest.disabled || registry.refusal(entry)) return elsewhere();
    void answer(entry, hostname, path, req, res, elsewhere);
  };
}
