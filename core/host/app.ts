/**
 * The host's HTTP side: each request is matched to a site by its Host header. A site's public
 * names (its domains, <slug>.localhost, <slug>.<GUILD_PUBLIC_URL's host>) get its public routes;
 * <slug>.<admin host> gets its admin and nothing else, and the admin host itself the network
 * admin. The admin never answers on a public name (core/admin's publicSide redirects there), so a
 * script on a public page shares neither its cookies nor its origin. Unknown host names get the
 * host's own 404 page, refused sites a 503, the host's own names (localhost) the network index.
 * The host's own names also answer a load balancer's health check (health.ts).
 * Nothing a site does can reach another site's request, and no error page shows a stack trace.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import { publicRoutes, ROUTED_BEFORE_PAGES, sendCachedPage, type PageCache, type SiteLocals } from '../site/index.ts';
import { cachedPages } from './cached-pages.ts';
import { hostnameOf, pathDecodes } from './hostname.ts';
import type { Addresses } from './addresses.ts';
import type { HostConfig } from './config.ts';
import { answerProof, PROOF_PATH } from './domain-proof.ts';
import { HEALTH_PATH, health } from './health.ts';
import { errorPage, maintenancePage, networkIndexPage, refusedSitePage, unknownHostPage } from './pages.ts';
import { SiteRefused, type SiteEntry, type SiteRegistry } from './registry.ts';
import { themePages } from './theme-pages.ts';
import { TLS_ASK_PATH, tlsAsk } from './tls-ask.ts';

export interface AppOptions {
  readonly registry: SiteRegistry;
  readonly cache: PageCache;
  /** Cache-Control of public pages (see publicCacheControl). */
  readonly cacheControl: string;
  readonly hostNames: readonly string[];
  readonly log: Logger;
  readonly addresses: Addresses;
  /** The embedded directory, answering at its own host name. */
  readonly directory?: { readonly host: string; readonly handler: express.Handler };
  /** The admin: a site's at <slug>.<admin host> (with res.locals.site set), the network's at the admin host. */
  readonly admin: { readonly site: express.Handler; readonly network: express.Handler };
  /** Routers every site answers on its public names before its public routes (the admin's redirects, the media files). */
  readonly siteRouters?: readonly SiteRouter[];
  /** The reverse proxies whose X-Forwarded-For/-Proto are believed (GUILD_TRUST_PROXY); none by default. */
  readonly trustProxy?: readonly string[];
  /** Where domain proofs for the directory are kept (see domain-proof.ts). */
  readonly proofs?: Pick<HostConfig, 'dataDir'>;
}

/** A router a site answers on its public names, and the first path segments of the addresses it answers. */
export interface SiteRouter {
  readonly router: express.RequestHandler;
  readonly firstSegments: readonly string[];
}

export function createApp(options: AppOptions): express.Express {
  const { registry, log, addresses } = options;
  const app = express();
  app.disable('x-powered-by');
  // Express believes X-Forwarded-* only from these peers; from anyone else the socket decides.
  app.set('trust proxy', options.trustProxy?.length ? [...options.trustProxy] : false);
  const outlet = { cache: options.cache, cacheControl: options.cacheControl };
  const siteRouter = express.Router();
  for (const { router } of options.siteRouters ?? []) siteRouter.use(router);
  siteRouter.use(publicRoutes(outlet));
  // Cached pages, and then the theme's pages, are answered before express sees the request: its
  // routing and request objects cost several times what sending a page does, and about what
  // rendering one does. (An express app is a function that calls app.handle, so this covers
  // app.listen and supertest alike.)
  const publicNames = { registry, addresses, otherNames: new Set(options.directory ? [options.directory.host] : []) };
  const fromCache = cachedPages({ ...publicNames, ...outlet });
  // The host's own addresses come first too, on every name.
  const hostPaths = [HEALTH_PATH, TLS_ASK_PATH, PROOF_PATH].map((path) => path.split('/')[1]!);
  const routedFirst = new Set([...hostPaths, ...ROUTED_BEFORE_PAGES, ...(options.siteRouters ?? []).flatMap((router) => router.firstSegments)]);
  const toThemePage = themePages({ ...publicNames, ...outlet, routedFirst });
  const handle = (app as unknown as { handle: express.Handler }).handle.bind(app);
  (app as unknown as { handle: express.Handler }).handle = (req, res, next) => {
    if (!fromCache(req, res)) toThemePage(req, res, () => handle(req, res, next));
  };
  const hostNames = new Set(options.hostNames);
  // A load balancer in front of several hosts asks here whether to send this one requests.
  app.get(HEALTH_PATH, health({ hostNames, hostnameOf }));
  // Caddy's on-demand TLS asks here whether a name is ours; anything else falls through.
  app.get(
    TLS_ASK_PATH,
    tlsAsk({
      registry,
      hostNames,
      ownNames: [addresses.adminHost, ...(options.directory ? [options.directory.host] : [])],
      hostnameOf,
      slugOf: (hostname) => addresses.adminSlugOf(hostname) ?? addresses.siteSlugOf(hostname),
    }),
  );

  /** Opens the site and hands the request to `handler` with the site and the address it writes in res.locals. */
  const serve = async (entry: SiteEntry, baseUrl: string, handler: express.Handler, req: Request, res: Response, next: NextFunction) => {
    let acquired;
    try {
      acquired = await registry.acquire(entry);
    } catch (error) {
      if (!(error instanceof SiteRefused)) return next(error);
      return res.status(503).type('html').set('Retry-After', '30').send(refusedSitePage());
    }
    // A site in maintenance keeps its admin open (its own origin, and the redirect there from
    // /admin on a public name), so its owner can work on it and switch it back on.
    const disabled = acquired.site.manifest.disabled;
    if (disabled && handler === siteRouter && !/^\/admin(\/|$)/.test(req.path)) {
      acquired.release();
      return res.status(503).type('html').set('Retry-After', '3600').set('Cache-Control', 'no-store').send(maintenancePage(acquired.site.manifest.title, disabled.message));
    }
    if (handler === siteRouter && sendCachedPage(outlet, acquired.site, baseUrl, req, req.path, res)) return acquired.release();
    res.once('close', acquired.release);
    const locals = res.locals as SiteLocals;
    locals.site = acquired.site;
    locals.baseUrl = baseUrl;
    handler(req, res, next);
  };

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    pinClient(req);
    // A path that is not UTF-8 names nothing here; refused before any route tries to decode it.
    if (!pathDecodes(req.path)) {
      log.debug({ path: req.originalUrl.slice(0, 200) }, 'refused a path that is not UTF-8');
      return res.status(400).type('text').send('Bad request: the address is not valid UTF-8.');
    }
    const hostname = hostnameOf(req.headers.host ?? '');
    if (options.directory && hostname === options.directory.host) return options.directory.handler(req, res, next);
    if (hostname === addresses.adminHost) return options.admin.network(req, res, next);
    const adminOf = addresses.adminSlugOf(hostname);
    if (adminOf !== undefined) {
      const entry = registry.get(adminOf);
      if (!entry) return res.status(404).type('html').send(unknownHostPage(hostname));
      // The admin links to the site's public address (post links, "View site"), not its own.
      return serve(entry, addresses.viewUrl({ slug: entry.slug, domains: entry.manifest?.domains }), options.admin.site, req, res, next);
    }
    const siteSlug = addresses.siteSlugOf(hostname);
    const entry = registry.find(hostname) ?? (siteSlug === undefined ? undefined : registry.get(siteSlug));
    if (entry && options.proofs && (await answerProof(options.proofs, hostname, req, res))) return;
    if (!entry) {
      if (hostNames.has(hostname) && req.path === '/') return res.type('html').send(networkIndexPage(registry, addresses));
      return res.status(404).type('html').send(unknownHostPage(hostname));
    }
    // The name it was reached by (one of the site's own), with the configured protocol and port.
    return serve(entry, addresses.url(hostname), siteRouter, req, res, next);
  });

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    log.error({ err: error, host: req.hostname, path: req.path }, `request failed: ${describeError(error)}`);
    if (!res.headersSent) res.status(500).type('html').send(errorPage());
  });
  return app;
}

/**
 * Reads the visitor's address and protocol once, as this app's trust says, and fixes them on the
 * request: the embedded directory is an app of its own, and must see the same visitor.
 */
function pinClient(req: Request): void {
  Object.defineProperties(req, { ip: { value: req.ip ?? req.socket.remoteAddress ?? '' }, protocol: { value: req.protocol } });
}
