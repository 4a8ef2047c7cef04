/**
 * What a site's plugins added besides hook taps: public and admin routes, admin pages, theme
 * helpers and partials, content types and jobs, each remembered with the plugin that added it so
 * that a plugin switched off (or restarted) takes all of it away at once. Jobs are real timers
 * of this site, stopped when the site closes.
 */
import express from 'express';
import { GuildError } from '../errors.ts';
import type { AdminPage, ContentTypeDefinition, RouteHandler, RouteMethod } from '../sdk/context.ts';
import { compilePartial, htmlHelper, isEngineHelper, NO_EXTRAS, type ExtraHelper, type RenderExtras } from '../themes/index.ts';

export interface PluginRoute {
  readonly plugin: string;
  readonly method: RouteMethod;
  readonly path: string;
  readonly handler: RouteHandler;
}

export interface ContentType extends ContentTypeDefinition {
  readonly plugin: string;
}

/** Paths the site answers itself, which a content type cannot take. */
const RESERVED_PATHS = new Set(['admin', 'api', 'assets', 'author', 'content', 'p', 'page', 'rss', 'tag', 'favicon.ico', 'robots.txt', 'sitemap.xml']);

export class PluginContributions {
  readonly #routes: PluginRoute[] = [];
  readonly #adminRoutes: PluginRoute[] = [];
  readonly #adminPages = new Map<string, Map<string, AdminPage>>();
  readonly #helpers = new Map<string, { plugin: string; helper: ExtraHelper }>();
  readonly #partials = new Map<string, { plugin: string; template: ReturnType<typeof compilePartial> }>();
  readonly #types = new Map<string, ContentType>();
  readonly #jobs = new Map<string, NodeJS.Timeout[]>();
  #extras: RenderExtras | undefined;
  readonly #routers = new Map<string, express.Router>();

  addRoute(route: PluginRoute, admin = false): void {
    if (!/^\/[A-Za-z0-9_\-./:]*$/.test(route.path)) {
      throw new GuildError('GUILD_ERR_PLUGIN_CONTRIBUTION', route.plugin, `the route "${route.path}"`, 'a route path starts with "/" and holds letters, digits, "-", "_", ".", "/" and ":params"');
    }
    (admin ? this.#adminRoutes : this.#routes).push(route);
    this.#routers.delete(`${admin}:${route.plugin}`);
  }

  /** An express router with one plugin's public (or admin) routes, built when first asked for. */
  router(plugin: string, admin: boolean, serve: (route: PluginRoute, req: express.Request, res: express.Response) => Promise<void>): express.Router | undefined {
    const key = `${admin}:${plugin}`;
    let router = this.#routers.get(key);
    const routes = (admin ? this.#adminRoutes : this.#routes).filter((route) => route.plugin === plugin);
    if (!router && routes.length > 0) {
      router = express.Router({ strict: false });
      for (const route of routes) router[route.method.toLowerCase() as 'get'](route.path, (req, res) => serve(route, req, res));
      this.#routers.set(key, router);
    }
    return router;
  }

  addAdminPage(plugin: string, path: string, page: AdminPage): void {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(path)) throw new GuildError('GUILD_ERR_PLUGIN_CONTRIBUTION', plugin, `the admin page "${path}"`, 'its path is one word of lowercase letters, digits and dashes');
    const pages = this.#adminPages.get(plugin) ?? new Map<string, AdminPage>();
    pages.set(path, page);
    this.#adminPages.set(plugin, pages);
  }

  adminPages(plugin: string): ReadonlyMap<string, AdminPage> {
    return this.#adminPages.get(plugin) ?? new Map();
  }

  addHelper(plugin: string, name: string, helper: ExtraHelper): void {
    if (isEngineHelper(name)) throw new GuildError('GUILD_ERR_PLUGIN_CONTRIBUTION', plugin, `the helper "${name}"`, 'themes have a helper of that name already; pick another');
    const owner = this.#helpers.get(name);
    if (owner && owner.plugin !== plugin) throw new GuildError('GUILD_ERR_PLUGIN_CONTRIBUTION', plugin, `the helper "${name}"`, `plugin "${owner.plugin}" on this site already adds it`);
    this.#helpers.set(name, { plugin, helper });
    this.#extras = undefined;
  }

  addPartial(plugin: string, name: string, source: string): void {
    let template: ReturnType<typeof compilePartial>;
    try {
      template = compilePartial(source);
    } catch (error) {
      throw new GuildError('GUILD_ERR_PLUGIN_CONTRIBUTION', plugin, `the partial "${name}"`, `it does not compile: ${(error as Error).message.split('\n')[0]}`);
    }
    this.#partials.set(`${plugin}/${name}`, { plugin, template });
    this.#extras = undefined;
  }

  /** The helpers and partials theme renders of this site get. */
  renderExtras(): RenderExtras {
    this.#extras ??=
      this.#helpers.size === 0 && this.#partials.size === 0
        ? NO_EXTRAS
        : {
            helpers: Object.fromEntries([...this.#helpers].map(([name, { helper }]) => [name, htmlHelper(helper)])),
            partials: Object.fromEntries([...this.#partials].map(([name, { template }]) => [name, template])),
          };
    return this.#extras;
  }

  defineContentType(type: ContentType): void {
    const refuse = (reason: string) => {
      throw new GuildError('GUILD_ERR_PLUGIN_CONTRIBUTION', type.plugin, `the content type "${type.name}"`, reason);
    };
    if (!/^[a-z][a-z0-9-]*$/.test(type.name)) refuse('its name is one word of lowercase letters, digits and dashes, like "project"');
    if (!/^[a-z][a-z0-9-]*$/.test(type.path) || RESERVED_PATHS.has(type.path)) refuse(`its path "${type.path}" must be one free word, like "projects" (not ${[...RESERVED_PATHS].join(', ')})`);
    for (const other of this.#types.values()) {
      if (other.plugin !== type.plugin && (other.name === type.name || other.path === type.path)) refuse(`plugin "${other.plugin}" on this site already has a content type "${other.name}" at /${other.path}/`);
    }
    for (const field of Object.keys(type.fields)) if (!/^[a-z][a-z0-9_]*$/.test(field) || ['title', 'slug', 'url'].includes(field)) refuse(`its field "${field}" must be a lowercase name other than title, slug and url`);
    this.#types.set(type.name, type);
  }

  contentType(name: string): ContentType | undefined {
    return this.#types.get(name);
  }

  contentTypeAt(path: string): ContentType | undefined {
    return [...this.#types.values()].find((type) => type.path === path);
  }

  contentTypes(): ContentType[] {
    return [...this.#types.values()];
  }

  addJob(plugin: string, intervalMs: number, run: () => void): void {
    const timer = setInterval(run, intervalMs);
    timer.unref();
    this.#jobs.set(plugin, [...(this.#jobs.get(plugin) ?? []), timer]);
  }

  /** Takes away everything one plugin added. */
  removePlugin(plugin: string): void {
    const keep = (route: PluginRoute) => route.plugin !== plugin;
    this.#routes.splice(0, this.#routes.length, ...this.#routes.filter(keep));
    this.#adminRoutes.splice(0, this.#adminRoutes.length, ...this.#adminRoutes.filter(keep));
    this.#routers.delete(`false:${plugin}`);
    this.#routers.delete(`true:${plugin}`);
    this.#adminPages.delete(plugin);
    for (const [name, helper] of this.#helpers) if (helper.plugin === plugin) this.#helpers.delete(name);
    for (const [name, partial] of this.#partials) if (partial.plugin === plugin) this.#partials.delete(name);
    for (const [name, type] of this.#types) if (type.plugin === plugin) this.#types.delete(name);
    for (const timer of this.#jobs.get(plugin) ?? []) clearInterval(timer);
    this.#jobs.delete(plugin);
    this.#extras = undefined;
  }

  /** Stops every job; the site is closing. */
  close(): void {
    for (const timers of this.#jobs.values()) for (const timer of timers) clearInterval(timer);
    this.#jobs.clear();
  }
}
