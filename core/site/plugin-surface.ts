/**
 * The host's side of a plugin on one site: each registration is checked against the plugin's
 * capabilities and the site's rules, wrapped in the failure guard (so a throwing helper, route
 * or job is skipped and counted like a throwing tap), and stored with the plugin's name on it.
 */
import { GuildError } from '../errors.ts';
import { asyncAction, guardTap, syncFilter, type GuardOptions, type HookKind, type HookRegistry, type SiteInfo } from '../hooks/index.ts';
import type { Logger } from '../log/index.ts';
import type { PluginManifest } from '../manifest/index.ts';
import type { MailTransport } from '../mail/index.ts';
import { outboundFetch, requireCapability, type AnyFunction, type LogLevel, type PluginSurface } from '../plugins/index.ts';
import type { AdminPage, ContentTypeDefinition, HelperFunction, HttpRequest, HttpResponse, MailMessage, RouteHandler, RouteMethod } from '../sdk/context.ts';
import type { PluginContributions } from './plugin-contributions.ts';

/** What a plugin's surface needs from its site. */
export interface SurfaceSite {
  readonly hooks: HookRegistry;
  readonly contributions: PluginContributions;
  readonly log: Logger;
  readonly mail: MailTransport;
  readonly guard: GuardOptions;
  info(): SiteInfo;
  /** Marks the site's cached pages stale. */
  invalidatePages(): void;
}

const MIN_JOB_INTERVAL_MS = 1000;
const ASYNC = asyncAction<unknown>('');
const SYNC = syncFilter<unknown, unknown>('');

/** The prefix a plugin's helpers carry: "acme.contact-form" → "contact_form". */
export function helperPrefix(pluginId: string): string {
  return pluginId.split('.')[1]!.replaceAll('-', '_');
}

export class SiteSurface implements PluginSurface {
  readonly manifest: PluginManifest;
  readonly #site: SurfaceSite;
  readonly #id: string;
  // Made when the plugin first logs: most opens of a site log nothing.
  #log: Logger | undefined;

  constructor(site: SurfaceSite, manifest: PluginManifest) {
    this.#site = site;
    this.manifest = manifest;
    this.#id = manifest.id;
  }

  addTap(name: string, kind: HookKind, fn: AnyFunction, priority?: number): void {
    this.#need('hooks', `hooks.add${kind === 'filter' ? 'Filter' : 'Action'}("${name}")`);
    this.#site.hooks.add(name, kind, fn, this.#id, priority);
  }

  removeTap(name: string, fn: AnyFunction, priority?: number): boolean {
    return this.#site.hooks.remove(name, fn, priority);
  }

  hasTap(name: string, fn?: AnyFunction, priority?: number): number | boolean {
    if (!fn) return this.#site.hooks.has(name);
    return priority === undefined ? this.#site.hooks.has(name, fn) : this.#site.hooks.has(name, fn, priority);
  }

  removeAllTaps(name: string, priority?: number): void {
    this.#need('hooks', `hooks.removeAll("${name}")`);
    this.#site.hooks.removeAll(name, priority);
  }

  runOwnHook(name: string, kind: HookKind, args: readonly unknown[]): unknown {
    return this.#site.hooks.runAs(this.#id, name, args, kind);
  }

  hookMode(name: string): 'sync' | 'async' | undefined {
    return this.#site.hooks.describe(name)?.spec.mode;
  }

  /**
   * Takes away everything the plugin added: its taps and its other contributions. Cached pages are
   * not touched: a site closing keeps them, and a plugin switched off moves the site's version itself.
   */
  reset(): void {
    this.#site.hooks.removePlugin(this.#id);
    this.#site.contributions.removePlugin(this.#id);
  }

  did(name: string): number {
    return this.#site.hooks.did(name);
  }

  doing(name?: string): boolean {
    return this.#site.hooks.doing(name);
  }

  current(): string | undefined {
    return this.#site.hooks.current();
  }

  currentPriority(): number | false {
    return this.#site.hooks.currentPriority();
  }

  addRoute(method: RouteMethod, path: string, handler: RouteHandler): void {
    this.#need('routes', `routes.${method.toLowerCase()}("${path}")`);
    this.#site.contributions.addRoute({ plugin: this.#id, method, path, handler: this.#async(`route ${method} ${path}`, handler) as RouteHandler });
  }

  addAdminPage(path: string, page: AdminPage): void {
    this.#need('admin', `admin.page("${path}")`);
    this.#site.contributions.addAdminPage(this.#id, path, { title: String(page.title), render: this.#async(`admin page ${path}`, (request) => page.render(request)) as AdminPage['render'] });
  }

  addAdminRoute(method: RouteMethod, path: string, handler: RouteHandler): void {
    this.#need('admin', `admin.route("${method}", "${path}")`);
    this.#site.contributions.addRoute({ plugin: this.#id, method, path, handler: this.#async(`admin route ${method} ${path}`, handler) as RouteHandler }, true);
  }

  addHelper(name: string, helper: HelperFunction): void {
    this.#need('helpers', `helpers.add("${name}")`);
    const prefix = helperPrefix(this.#id);
    if (name !== prefix && !name.startsWith(`${prefix}_`)) {
      throw new GuildError('GUILD_ERR_PLUGIN_CONTRIBUTION', this.#id, `the helper "${name}"`, `its name must be "${prefix}" or start with "${prefix}_", so it cannot clash with the theme's or another plugin's`);
    }
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new GuildError('GUILD_ERR_PLUGIN_CONTRIBUTION', this.#id, `the helper "${name}"`, 'lowercase letters, digits and "_" only');
    const guarded = guardTap(SYNC, { hook: `helper ${name}`, plugin: this.#id, fn: (args, hash, call) => helper(args as unknown[], hash as Record<string, unknown>, { site: this.#site.info(), ...(call as { path: string }) }) }, this.#site.guard);
    this.#site.contributions.addHelper(this.#id, name, (args, hash, call) => {
      const html = guarded(args, hash, call);
      return typeof html === 'string' ? html : undefined;
    });
  }

  addPartial(name: string, source: string): void {
    this.#need('partials', `partials.add("${name}")`);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new GuildError('GUILD_ERR_PLUGIN_CONTRIBUTION', this.#id, `the partial "${name}"`, 'its name is lowercase letters, digits and dashes');
    this.#site.contributions.addPartial(this.#id, name, String(source));
  }

  defineContentType(type: ContentTypeDefinition): void {
    this.#need('content-types', `contentTypes.define("${type.name}")`);
    this.#site.contributions.defineContentType({ ...type, plugin: this.#id });
  }

  addJob(name: string, intervalMs: number, job: () => unknown): void {
    this.#need('jobs', `jobs.every("${name}")`);
    if (!Number.isFinite(intervalMs) || intervalMs < MIN_JOB_INTERVAL_MS) {
      throw new GuildError('GUILD_ERR_PLUGIN_CONTRIBUTION', this.#id, `the job "${name}"`, `it must run at most once a second (intervalMs >= ${MIN_JOB_INTERVAL_MS})`);
    }
    const run = this.#async(`job ${name}`, job);
    let running = false;
    this.#site.contributions.addJob(this.#id, intervalMs, () => {
      if (running) return; // a slow run is not stacked on by the next tick
      running = true;
      void (run() as Promise<unknown>).finally(() => (running = false));
    });
  }

  async sendMail(message: MailMessage): Promise<void> {
    this.#need('mail', 'mail.send()');
    if (!/^[^\s@]+@[^\s@]+$/.test(String(message.to))) throw new GuildError('GUILD_ERR_PLUGIN_CONTRIBUTION', this.#id, 'a mail', `"${message.to}" is not an email address`);
    await this.#site.mail.send({ to: String(message.to), subject: String(message.subject), text: String(message.text) });
  }

  fetch(url: string, request?: HttpRequest): Promise<HttpResponse> {
    this.#need('network', `http.fetch("${url}")`);
    return outboundFetch(this.manifest, url, request);
  }

  log(level: LogLevel, message: string, details?: Record<string, unknown>): void {
    // A level the host does not log costs nothing: no child loggers made for a line nobody reads.
    if (!this.#site.log.isLevelEnabled(level)) return;
    this.#log ??= this.#site.log.child({ plugin: this.#id });
    this.#log[level](details ?? {}, message);
  }

  invalidatePages(): void {
    this.#site.invalidatePages();
  }

  #need(capability: Parameters<typeof requireCapability>[1], use: string): void {
    requireCapability(this.manifest, capability, use);
  }

  /** The function inside the failure guard: a throw, a rejection or an overrun resolves to undefined. */
  #async(what: string, fn: AnyFunction): AnyFunction {
    return guardTap(ASYNC, { hook: what, plugin: this.#id, fn }, this.#site.guard);
  }
}
