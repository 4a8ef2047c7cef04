/**
 * The host's HTTP side: each request is matched to a site by its Host header and handed to the
 * site routes; unknown host names get the host's own 404 page, refused sites a 503, and the
 * host's own names (localhost) the network index. Nothing a site does can reach another site's
 * request, and no error page shows a stack trace.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import { publicRoutes, sendCachedPage, type PageCache, type SiteLocals } from '../site/index.ts';
import { errorPage, maintenancePage, networkIndexPage, refusedSitePage, unknownHostPage } from './pages.ts';
import { SiteRefused, type SiteRegistry } from './registry.ts';

export interface AppOptions {
  readonly registry: SiteRegistry;
  readonly cache: PageCache;
  readonly hostNames: readonly string[];
  readonly log: Logger;
  readonly urlFor: (host: string) => string;
  /** The embedded directory, answering at its own host name. */
  readonly directory?: { readonly host: string; readonly handler: express.Handler };
  /** Routers every site answers before its public routes (the admin, the media files). */
  readonly siteRouters?: readonly express.RequestHandler[];
}

export function createApp(options: AppOptions): express.Express {
  const { registry, log } = options;
  const app = express();
  app.disable('x-powered-by');
  const siteRouter = express.Router();
  for (const router of options.siteRouters ?? []) siteRouter.use(router);
  siteRouter.use(publicRoutes(options.cache));
  const hostNames = new Set(options.hostNames);

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    const host = req.headers.host ?? '';
    const hostname = hostnameOf(host);
    if (options.directory && hostname === options.directory.host) return options.directory.handler(req, res, next);
    const entry = registry.find(hostname);
    if (!entry) {
      if (hostNames.has(hostname) && req.path === '/') return res.type('html').send(networkIndexPage(registry, options.urlFor));
      return res.status(404).type('html').send(unknownHostPage(hostname));
    }
    let acquired;
    try {
      acquired = await registry.acquire(entry);
    } catch (error) {
      if (!(error instanceof SiteRefused)) return next(error);
      return res.status(503).type('html').set('Retry-After', '30').send(refusedSitePage());
    }
    // A site in maintenance keeps its admin open, so its owner can work on it and switch it back on.
    const disabled = acquired.site.manifest.disabled;
    if (disabled && !/^\/admin(\/|$)/.test(req.path)) {
      acquired.release();
      return res.status(503).type('html').set('Retry-After', '3600').set('Cache-Control', 'no-store').send(maintenancePage(acquired.site.manifest.title, disabled.message));
    }
    const baseUrl = `${protocolOf(req)}://${host}`;
    if (sendCachedPage(options.cache, acquired.site, baseUrl, req, res)) return acquired.release();
    res.once('close', acquired.release);
    const locals = res.locals as SiteLocals;
    locals.site = acquired.site;
    locals.baseUrl = baseUrl;
    siteRouter(req, res, next);
  });

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    log.error({ err: error, host: req.hostname, path: req.path }, `request failed: ${describeError(error)}`);
    if (!res.headersSent) res.status(500).type('html').send(errorPage());
  });
  return app;
}

/** "Acme.Example:3000" → "acme.example"; "[::1]:3000" → "::1". */
function hostnameOf(host: string): string {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.split(':')[0]!;
  return name.toLowerCase();
}

/** http or https; a proxy on this machine may say which through X-Forwarded-Proto. */
function protocolOf(req: Request): 'http' | 'https' {
  if ((req.socket as { encrypted?: boolean }).encrypted) return 'https';
  const forwarded = req.headers['x-forwarded-proto'];
  const loopback = req.socket.remoteAddress === '127.0.0.1' || req.socket.remoteAddress === '::1' || req.socket.remoteAddress === '::ffff:127.0.0.1';
  return loopback && forwarded === 'https' ? 'https' : 'http';
}
