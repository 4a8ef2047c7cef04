/**
 * The server side of plugins in a site's admin, as a router the admin mounts behind its login
 * (at /admin/api/plugins): each plugin's state on this site with a way to switch it back on, its
 * admin pages (views as JSON data, which the admin renders) and their actions, and the entries
 * of the content types plugins define. It expects the site in res.locals like the public routes;
 * it checks no session and no role itself, and throws GuildErrors for the admin's error handler.
 */
import express, { type Request, type Response } from 'express';
import type { Entry } from '../content/index.ts';
import { GuildError } from '../errors.ts';
import type { PluginManifest } from '../manifest/index.ts';
import type { PluginCatalog } from '../plugins/index.ts';
import { readManifest } from '../manifest/index.ts';
import { adminContentType, adminEntry, cleanEntryHtml, entryProblems } from './content-types.ts';
import type { ContentType, PluginRoute } from './plugin-contributions.ts';
import { bodyParsers, pluginRequest, servePluginRoute } from './plugin-routes.ts';
import type { SiteLocals } from './routes.ts';
import type { PluginFailure, Site } from './site.ts';

export interface PluginState {
  readonly id: string;
  /** active, failing (active, with failures since the site opened), failed (at setup), switched-off, inactive. */
  readonly state: 'active' | 'failing' | 'failed' | 'switched-off' | 'inactive';
  readonly version?: string;
  /** Sandboxed (a third party's), rather than trusted to run in the host. */
  readonly isolated?: boolean;
  /** Checked and built but not started in this process (the CLI never runs third-party code). */
  readonly notStartedHere?: true;
  readonly reason?: string;
  readonly since?: string;
  readonly lastError?: PluginFailure;
}

/** How each plugin listed in the site's site.json is doing, for the admin. */
export function pluginStates(site: Site): PluginState[] {
  return site.plugins().map((status) => {
    const lastError = site.lastFailure(status.id);
    switch (status.state) {
      case 'active':
        return { id: status.id, state: lastError ? 'failing' : 'active', version: status.version, isolated: status.isolated, ...(status.notStartedHere ? { notStartedHere: true } : {}), ...(lastError ? { lastError } : {}) };
      case 'failed':
        return { id: status.id, state: 'failed', reason: status.reason };
      case 'switched-off':
        return { id: status.id, state: 'switched-off', reason: status.reason, since: status.since, ...(lastError ? { lastError } : {}) };
      case 'inactive':
        return { id: status.id, state: 'inactive' };
    }
  });
}

export interface PluginAdminOptions {
  readonly catalog: PluginCatalog;
  /** Reopens a site (after a plugin is switched back on). */
  readonly reload: (slug: string) => Promise<void>;
  /** Whether this caller sees why a plugin failed (reasons and last errors); default yes. */
  readonly showsFailures?: (res: Response) => boolean;
}

export function pluginAdminRouter(options: PluginAdminOptions): express.Router {
  const router = express.Router();
  router.use(bodyParsers);
  const site = (res: Response) => (res.locals as SiteLocals).site;
  const manifestOf = async (id: string): Promise<PluginManifest | undefined> => {
    const dir = options.catalog.locate(id);
    const read = dir ? await readManifest('plugin', `${dir}/plugin.json`) : undefined;
    return read?.ok ? read.manifest : undefined;
  };
  const listed = (req: Request, res: Response) => site(res).manifest.plugins?.find((entry) => entry.id === req.params.plugin);

  router.get('/', async (_req, res) => {
    const details = options.showsFailures?.(res) ?? true;
    const plugins = await Promise.all(
      pluginStates(site(res)).map(async (state) => {
        const manifest = await manifestOf(state.id);
        const pages = [...site(res).contributions.adminPages(state.id)].map(([path, page]) => ({ path, title: page.title }));
        const { reason, lastError, ...shown } = state;
        return {
          ...(details ? state : shown),
          name: manifest?.name ?? state.id,
          description: manifest?.description ?? '',
          capabilities: manifest?.capabilities ?? [],
          settings: Boolean(manifest?.settings),
          pages,
        };
      }),
    );
    res.json({ plugins, contentTypes: site(res).contributions.contentTypes().map(adminContentType) });
  });

  router.post('/:plugin/switch-on', async (req, res) => {
    if (!listed(req, res)) throw new GuildError('GUILD_ERR_PLUGIN_NOT_ON_SITE', String(req.params.plugin), site(res).slug);
    const cleared = site(res).switchPluginBackOn(String(req.params.plugin));
    if (cleared) await options.reload(site(res).slug);
    res.json({ switchedOn: cleared });
  });

  router.get('/:plugin/pages/:page', async (req, res) => {
    const plugin = String(req.params.plugin);
    const page = site(res).contributions.adminPages(plugin).get(String(req.params.page));
    if (!page) throw new GuildError('GUILD_ERR_NOT_FOUND', `The admin page "${req.params.page}" of plugin "${plugin}" on this site`);
    const view = await page.render(pluginRequest(req, site(res).info()));
    if (!view || !Array.isArray(view.blocks)) throw new GuildError('GUILD_ERR_PLUGIN_ADMIN', plugin, `its page "${req.params.page}"`);
    res.json({ title: page.title, view });
  });

  // An action answers what the plugin says, as its public routes do; one that fails answers the admin's JSON error.
  const serveAction = (route: PluginRoute, req: Request, res: Response) =>
    servePluginRoute(route, req, res, () => {
      throw new GuildError('GUILD_ERR_PLUGIN_ADMIN', route.plugin, `${route.method} ${route.path}`);
    });
  router.use('/:plugin/actions', (req, res, next) => {
    const routes = site(res).contributions.router(String(req.params.plugin), true, serveAction);
    if (!routes) return next();
    routes(req, res, next);
  });

  // Content type entries: the type in the path, and for one entry its id, which must be of that type.
  const typeOf = (req: Request, res: Response): ContentType => {
    const type = site(res).contributions.contentType(String(req.params.type));
    if (!type) throw new GuildError('GUILD_ERR_NOT_FOUND', `The content type "${req.params.type}" on this site`);
    return type;
  };
  const entryOf = (req: Request, res: Response): { type: ContentType; entry: Entry } => {
    const type = typeOf(req, res);
    const entry = site(res).entries.byId(Number(req.params.id));
    if (entry?.type !== type.name) throw new GuildError('GUILD_ERR_NOT_FOUND', `Entry ${req.params.id} of "${type.name}"`);
    return { type, entry };
  };
  const slugTaken = (res: Response, type: ContentType, id?: number) => (slug: string) => {
    const holder = site(res).entries.get(type.name, slug, 'any');
    return holder !== undefined && holder.id !== id;
  };

  router.get('/types/:type/entries', (req, res) => {
    const type = typeOf(req, res);
    const { items, ...page } = site(res).entries.list(type.name, { status: 'any', page: Number(req.query.page) || 1 });
    res.json({ type: adminContentType(type), entries: items.map((entry) => adminEntry(type, entry)), ...page });
  });

  router.get('/types/:type/entries/:id', (req, res) => {
    const { type, entry } = entryOf(req, res);
    res.json(adminEntry(type, entry));
  });

  router.post('/types/:type/entries', (req, res) => {
    const type = typeOf(req, res);
    const problems = entryProblems(type, req.body ?? {}, true, slugTaken(res, type));
    if (problems.length) return res.status(422).json({ problems });
    const { input, rejected } = cleanEntryHtml(type, req.body);
    res.status(201).json({ ...adminEntry(type, site(res).entries.create(type.plugin, type.name, input)), rejected });
  });

  router.put('/types/:type/entries/:id', (req, res) => {
    const { type, entry } = entryOf(req, res);
    const problems = entryProblems(type, req.body ?? {}, false, slugTaken(res, type, entry.id));
    if (problems.length) return res.status(422).json({ problems });
    const { input, rejected } = cleanEntryHtml(type, req.body);
    res.json({ ...adminEntry(type, site(res).entries.update(entry.id, input)!), rejected });
  });

  router.delete('/types/:type/entries/:id', (req, res) => {
    const { entry } = entryOf(req, res);
    site(res).entries.delete(entry.id);
    res.status(204).end();
  });

  return router;
}
