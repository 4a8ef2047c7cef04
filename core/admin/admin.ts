/**
 * The admin of every site on a host: the JSON API at /admin/api/ and the browser admin at /admin/
 * (one HTML page and its bundled script), which the host serves on each site's admin origin
 * (<slug>.<admin host>) and nowhere else; the network admin for the admin host itself; and the
 * media library's files at /content/images/, which every site's public names serve too.
 */
import express from 'express';
import helmet from 'helmet';
import type { Auth } from '../auth/index.ts';
import { EMBED_HOSTS } from '../content/index.ts';
import type { Logger } from '../log/index.ts';
import type { MediaStorage } from '../media/index.ts';
import type { PluginCatalog } from '../plugins/index.ts';
import type { SiteLocals } from '../site/index.ts';
import { apiRouter } from './api/router.ts';
import type { LoginLimits } from './api/gate.ts';
import { buildAdminBundle, type AdminBundle } from './bundle.ts';
import { loginLinkRoute } from './login-link.ts';
import { ImportJobs, type OpenSite } from './import-jobs.ts';
import { MediaFetches } from './media-fetches.ts';
import { networkAdmin, type NetworkSite } from './network.ts';
import { adminElsewhere } from './public-side.ts';
import { adminShell } from './shell.ts';
import type { NetworkSites } from './network-sites.ts';
import type { SitePackages } from './site-packages.ts';
import { mediaFiles } from './media-files.ts';
import { siteStates } from './site-state.ts';

export interface AdminOptions {
  readonly auth: Auth;
  readonly plugins: PluginCatalog;
  readonly log: Logger;
  readonly uploadMaxBytes: number;
  /** The largest WordPress export the import page accepts. */
  readonly importMaxBytes: number;
  /** The host's installer, for the directory page (owners). */
  readonly packages?: SitePackages;
  /** The host's sites and their lifecycle (the Sites overview; disable, rename, domains, remove). */
  readonly network?: NetworkSites;
  /** Re-reads a site's site.json after the admin has written it. */
  readonly reloadSite: (slug: string) => Promise<void>;
  /** A site as it is open now, held until released (for telling it what an import changed). */
  readonly openSite: OpenSite;
  readonly loginLimits?: LoginLimits;
  /** The origin of a site's admin, e.g. "http://harbour.admin.localhost:3000": mailed links point there. */
  readonly adminUrl: (slug: string) => string;
  /** The sites the network admin lists. */
  readonly sites: () => readonly NetworkSite[];
  /** Where the media library's files are kept. */
  readonly media: MediaStorage;
}

export interface Admin {
  /** A site's admin origin: /admin, /admin/* and /content/images/* for the site in res.locals.site. */
  readonly router: express.Router;
  /** What a site's public names serve of the admin: redirects and 404s to its origin, and the media library's files (/content/images/*). */
  readonly publicSide: { readonly router: express.Router; readonly firstSegments: readonly string[] };
  /** The network admin, at the admin host itself. */
  readonly network: express.Router;
  /** Builds the browser bundle now rather than on the first visit. */
  warm(): Promise<void>;
  /** Stops running imports (none of them commits) and fetches of imported files; for the host's shutdown. */
  close(): Promise<void>;
}

const ONE_YEAR = 31_536_000;

export function createAdmin(options: AdminOptions): Admin {
  const stateOf = siteStates(options.reloadSite, options.media);
  const imports = new ImportJobs(options.openSite);
  const mediaFetches = new MediaFetches(options.openSite);
  let bundle: Promise<AdminBundle> | undefined;
  const getBundle = () => {
    if (!bundle) {
      bundle = buildAdminBundle();
      bundle.catch((error: unknown) => {
        options.log.error({ err: error }, 'the browser admin could not be built');
        bundle = undefined;
      });
    }
    return bundle;
  };

  const security = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ProseMirror positions menus and images with style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
        frameSrc: ["'self'", ...EMBED_HOSTS.map((host) => `https://${host}`)],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });

  // Strict, so that /admin (redirected) and /admin/ (the admin) are two addresses.
  const router = express.Router({ strict: true });
  router.use('/admin/api', security, apiRouter({ ...options, stateOf, imports, mediaFetches }, { loginLimits: options.loginLimits }));

  router.get('/admin/assets/:file', security, async (req, res) => {
    const file = (await getBundle()).files.get(String(req.params.file));
    if (!file) return res.status(404).type('text/plain').send('Not found');
    res.type(file.type).set('Cache-Control', req.query.v ? `public, max-age=${ONE_YEAR}, immutable` : 'no-cache').send(file.body);
  });

  router.get('/admin/login/:token', security, loginLinkRoute(options.auth));
  router.get('/admin', (_req, res) => res.redirect(301, '/admin/'));
  router.get('/admin/{*screen}', security, async (_req, res) => {
    const { site } = res.locals as SiteLocals;
    const { version } = await getBundle();
    res.type('html').set('Cache-Control', 'no-store').send(adminShell({ siteTitle: site.manifest.title, version, locale: site.manifest.locale ?? 'en' }));
  });

  const media = express.Router().use('/content/images', mediaFiles(options.media, options.log));
  router.use(media);
  router.get('/', (_req, res) => res.redirect(302, '/admin/'));
  router.use((_req, res) => res.status(404).type('text/plain').send('Not found'));
  const publicSide = { router: express.Router().use(adminElsewhere(options.adminUrl), media), firstSegments: ['admin', 'content'] };
  return { router, publicSide, network: networkAdmin(options.sites), warm: async () => void (await getBundle()), close: async () => void (await Promise.all([imports.close(), mediaFetches.close()])) };
}
