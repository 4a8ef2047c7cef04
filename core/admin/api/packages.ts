/**
 * The directory's browse-and-install page over the API (owners): search the host's directory,
 * read a package (versions, price, capabilities, the sites using it), install it on this site,
 * buy a licence on invoice, remove it, and switch the site's theme. Every change goes through the
 * host's installer, which checks everything first and changes nothing when it refuses.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import semver from 'semver';
import { createMarkdown, type DirectoryClient, type PackageKind, type PackagePage } from '../../directory/index.ts';
import { GuildError } from '../../errors.ts';
import type { SiteManifest } from '../../manifest/index.ts';
import { GUILD_VERSION } from '../../version.ts';
import type { HostPackage, SitePackages } from '../site-packages.ts';
import { locals, requireCapability, type ApiDeps } from './context.ts';
import { Input } from './input.ts';

const LICENCE = { max: 8000, pattern: /^guild-licence\.[\w-]+\.[\w-]+$/, hint: 'must be a licence token as the directory issues it (guild-licence.….…)' };

export function packageRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const render = createMarkdown();
  const mayManage = (_req: Request, res: Response, next: NextFunction) => (requireCapability(res, 'packages:manage'), next());
  router.use(['/packages', '/installed', '/themes'], mayManage);

  const packages = (): SitePackages => {
    if (!deps.packages) throw new GuildError('GUILD_ERR_NO_DIRECTORY');
    return deps.packages;
  };
  const directory = (): DirectoryClient => packages().directory() ?? (() => { throw new GuildError('GUILD_ERR_NO_DIRECTORY'); })();

  router.get('/packages', async (req, res) => {
    const client = directory();
    const query = req.query as Record<string, string | undefined>;
    const kind = query.kind === 'plugin' || query.kind === 'theme' ? (query.kind as PackageKind) : undefined;
    const [found, host] = await Promise.all([client.search({ text: (query.q ?? '').slice(0, 200), ...(kind ? { kind } : {}) }), packages().onHost()]);
    const { manifest } = locals(res).site;
    res.json({
      directory: client.url,
      items: found.map((item) => ({ ...item, onSite: usedBy(manifest, item.id), installed: versionOnHost(host, item.id) })),
    });
  });

  router.get('/packages/:id', async (req, res) => {
    const client = directory();
    const id = String(req.params.id);
    const [page, host] = await Promise.all([client.package(id), packages().onHost()]);
    res.json({
      ...packageView(client, page, render),
      latest: latestOf(packages(), page),
      onSite: usedBy(locals(res).site.manifest, id),
      installed: versionOnHost(host, id),
      engine: GUILD_VERSION,
    });
  });

  router.post('/packages/:id/install', async (req, res) => {
    const input = new Input(req.body);
    const version = input.string('version', { max: 100 });
    const licence = input.string('licence', LICENCE);
    input.check();
    const installed = await packages().install(locals(res).site.slug, {
      packageId: String(req.params.id),
      ...(version ? { range: version } : {}),
      ...(licence ? { licence } : {}),
    });
    res.json({ installed });
  });

  router.post('/packages/:id/buy', async (req, res) => {
    const purchase = await packages().buy(locals(res).site.slug, String(req.params.id));
    res.status(purchase.status === 'pending' ? 202 : 200).json(purchase);
  });

  router.delete('/packages/:id', async (req, res) => {
    res.json(await packages().remove(locals(res).site.slug, String(req.params.id)));
  });

  router.post('/packages/:id/update', async (req, res) => {
    res.json({ updated: await packages().update(locals(res).site.slug, String(req.params.id)) });
  });

  router.get('/installed', async (_req, res) => {
    const { site } = locals(res);
    const host = await packages().onHost();
    // Updates need the directory; the page still shows what is installed when it cannot be reached.
    const updates = deps.packages?.directory() ? await packages().updates(site.slug).catch(() => null) : [];
    const describe = (kind: PackageKind, id: string): HostPackage =>
      (kind === 'theme' ? host.themes : host.plugins).find((found) => found.id === id) ?? { kind, id, name: id, version: null, description: '', price: null, installedFrom: null, problem: 'it is not installed on this host' };
    res.json({
      directory: deps.packages?.directory()?.url ?? null,
      theme: describe('theme', site.manifest.theme.id),
      plugins: site.plugins().map((status) => ({ ...describe('plugin', status.id), state: status.state, reason: 'reason' in status ? status.reason : null })),
      themes: host.themes,
      updates,
    });
  });

  router.post('/themes/:id/use', async (req, res) => {
    const input = new Input(req.body);
    const licence = input.string('licence', LICENCE);
    input.check();
    const { dropped } = await packages().useTheme(locals(res).site.slug, String(req.params.id), licence);
    res.json({ theme: String(req.params.id), dropped });
  });

  return router;
}

/** A package as the admin shows it: the directory's answer, with links and screenshots made absolute and the readme rendered safely. */
function packageView(client: DirectoryClient, page: PackagePage, render: (markdown: string) => string) {
  const { readme, signature: _signature, signedWith: _signedWith, integrity: _integrity, ...pkg } = page.package;
  const base = `${client.url}/packages/${encodeURIComponent(pkg.id)}`;
  return {
    directory: client.url,
    url: base,
    package: {
      ...pkg,
      readmeHtml: render(readme),
      screenshots: pkg.screenshots.map((file) => `${base}/${encodeURIComponent(pkg.version)}/files/${file.split('/').map(encodeURIComponent).join('/')}`),
    },
    versions: page.versions.map((version) => ({
      version: version.version,
      publishedAt: version.publishedAt,
      engine: version.engine,
      size: version.size,
      price: version.price,
      yanked: version.yanked,
      yankReason: version.yankReason,
      fits: semver.satisfies(GUILD_VERSION, version.engine, { includePrerelease: true }),
    })),
    sites: page.sites,
    freelancers: page.freelancers,
  };
}

/** The version an install would take now, or null when none is open (all yanked). */
function latestOf(packages: SitePackages, page: PackagePage): string | null {
  try {
    return packages.pickVersion(page.package.id, page.versions).version;
  } catch {
    return null;
  }
}

/** How the site uses a package: as its theme, as a plugin, or not at all. */
function usedBy(manifest: SiteManifest, id: string): 'theme' | 'plugin' | null {
  if (manifest.theme.id === id) return 'theme';
  return manifest.plugins?.some((plugin) => plugin.id === id) ? 'plugin' : null;
}

function versionOnHost(host: { themes: HostPackage[]; plugins: HostPackage[] }, id: string): string | null {
  return [...host.themes, ...host.plugins].find((found) => found.id === id)?.version ?? null;
}
