/**
 * One site at run time: its manifest, its theme (shared with other sites), its own database,
 * hooks and plugins. Opening a site either succeeds whole or throws a reason the host shows as a
 * refusal; a plugin that fails along the way is left out instead. Per-site state lives here and
 * nowhere else: no module of the core keeps "the current site".
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  contentDatabaseFile,
  contentVersion,
  contentSql,
  EntryStore,
  PgContentStore,
  removeDatabase,
  seedContent,
  siteSchema,
  SqliteContentStore,
  welcomeSeed,
  type ContentChangeEvent,
  type ContentLocation,
  type EngineContentStore,
  type PgDatabase,
  type SeedData,
  type SyncSql,
} from '../content/index.ts';
import { describeError, GuildError } from '../errors.ts';
import { FailureWindow, HookRegistry, type ContentChange, type FailureWindowOptions, type SiteInfo, type TapFailure } from '../hooks/index.ts';
import type { Logger } from '../log/index.ts';
import { formatProblem, type SiteManifest } from '../manifest/index.ts';
import { sendingAs, type MailTransport } from '../mail/index.ts';
import type { MediaStorage } from '../media/index.ts';
import { PgScopedStorage, ScopedStorage, type CheckedStorage, type PluginBuilder, type PluginCatalog, type StatementLimits } from '../plugins/index.ts';
import { settingsValueProblems, type Theme, type ThemeRegistry } from '../themes/index.ts';
import { licenceProblem } from './licences.ts';
import { PluginContributions } from './plugin-contributions.ts';
import { PluginInstalls, PluginSwitchOffs } from './plugin-state.ts';
import { setUpPlugins, type PluginIsolation, type PluginRuntime, type PluginStatus } from './plugins.ts';
import { RenderMemo } from './render-memo.ts';
import { postView } from './views.ts';

/** What every site of a host shares. */
export interface SiteServices {
  readonly themes: ThemeRegistry;
  readonly plugins: PluginCatalog;
  readonly builder: PluginBuilder;
  readonly log: Logger;
  /** How long one hook tap may run. */
  readonly hookTimeLimitMs: number;
  /** How long a plugin's setup may run. */
  readonly pluginSetupTimeLimitMs: number;
  /** When a failing plugin is switched off (default: 5 failures within a minute). */
  readonly failures?: FailureWindowOptions;
  /** A site's own public address (its first domain, else its name under the network's), e.g. "http://acme.localhost:3000". */
  readonly siteUrl: (site: { readonly slug: string; readonly domains?: readonly string[] | undefined }) => string;
  /** The public keys of the directories whose licences this host accepts, read when asked. */
  readonly licenceKeys: () => readonly string[];
  /** Which plugins run in the host and which in workers, with what memory. */
  readonly isolation: PluginIsolation;
  /** How plugins' mail is sent. */
  readonly mail: MailTransport;
  /** Where sites' content lives when it is in PostgreSQL (GUILD_DATABASE_URL); unset, each site's SQLite file. */
  readonly contentDatabase?: PgDatabase | undefined;
  /** Where the sites' media files are kept (their folders, or a bucket). */
  readonly media: MediaStorage;
}

/** A plugin's most recent failure on this site, for its status. */
export interface PluginFailure {
  readonly hook: string;
  readonly reason: string;
  readonly at: string;
}

export interface SiteSource {
  readonly slug: string;
  readonly dir: string;
  readonly manifestFile: string;
  readonly manifest: SiteManifest;
  /**
   * What, besides the content, decides how its pages look: its site.json and the code and packages
   * of this host (see core/host/fingerprint.ts). Part of every cached page's version.
   */
  readonly fingerprint?: string;
}

export class Site {
  readonly slug: string;
  readonly dir: string;
  readonly manifest: SiteManifest;
  readonly theme: Theme;
  readonly store: EngineContentStore;
  /** Where the content is, for a worker or command that opens it on its own. */
  readonly contentLocation: ContentLocation;
  /** Synchronous SQL on the content, either engine: the site's plugin records, entries, revisions, media records. */
  readonly contentSql: SyncSql;
  /**
   * A plugin's own tables, beside the content: in the SQLite file or the site's PostgreSQL schema.
   * With limits, the engine stops its statements past them.
   */
  readonly pluginStorage: (pluginId: string, limits?: StatementLimits) => CheckedStorage;
  readonly hooks: HookRegistry;
  /** What plugins added besides hook taps: routes, admin pages, helpers, partials, content types, jobs. */
  readonly contributions = new PluginContributions();
  readonly installs: PluginInstalls;
  /** Entries of the content types the site's plugins define. */
  readonly entries: EntryStore;
  /** What renders derive from the content, kept while cacheVersion() stays the same. */
  readonly memo = new RenderMemo(() => this.cacheVersion());
  readonly #switchOffs: PluginSwitchOffs;
  #runtimes: PluginRuntime[] = [];
  readonly #lastFailures = new Map<string, PluginFailure>();
  readonly #failures: FailureWindow;
  /** Overruns of a sandboxed plugin's time budget: 3 within a minute switch it off. */
  readonly #overruns = new FailureWindow({ limit: 3 });
  readonly #primaryUrl: string;
  #plugins: PluginStatus[] = [];
  readonly #fingerprint: string;
  #version = { content: '', full: '' };
  readonly #hostLog: Logger;
  #log: Logger | undefined;

  private constructor(source: SiteSource, theme: Theme, services: SiteServices, content: OpenedContent) {
    this.slug = source.slug;
    this.dir = source.dir;
    this.manifest = source.manifest;
    this.#fingerprint = source.fingerprint ?? '';
    this.theme = theme;
    this.#hostLog = services.log;
    this.#primaryUrl = services.siteUrl({ slug: source.slug, domains: source.manifest.domains });
    this.#failures = new FailureWindow(services.failures);
    this.hooks = new HookRegistry({
      site: source.slug,
      timeLimitMs: services.hookTimeLimitMs,
      onFailure: (failure) => this.#tapFailed(failure),
    });
    this.store = content.store;
    this.contentLocation = content.location;
    this.pluginStorage = content.pluginStorage;
    this.contentSql = contentSql(content.store);
    this.#switchOffs = new PluginSwitchOffs(this.contentSql);
    this.installs = new PluginInstalls(this.contentSql);
    this.entries = new EntryStore(this.contentSql, () => {
      this.store.touch();
      this.hooks.run('content:changed', { kind: 'entry', action: 'updated' });
    });
  }

  /** Opens a site: theme, database (created and seeded on first open), plugins; then `site:ready`. */
  static async open(source: SiteSource, services: SiteServices): Promise<Site> {
    const theme = await services.themes.get(source.manifest.theme.id, source.manifest.theme.version);
    const unlicensed = licenceProblem({ id: theme.id, price: theme.manifest.price }, source.manifest.theme.licence, source.manifest, services.licenceKeys());
    if (unlicensed) throw new GuildError('GUILD_ERR_LICENCE', theme.id, unlicensed);
    const settingsProblems = settingsValueProblems(theme.manifest, source.manifest.theme.settings ?? {}, source.manifestFile);
    if (settingsProblems.length > 0) {
      throw new GuildError('GUILD_ERR_THEME_SETTINGS', theme.id, settingsProblems.map((problem) => `  ${formatProblem(problem)}`).join('\n'));
    }
    let site: Site | undefined;
    const content = await openContent(source, services.contentDatabase, (change) => {
      if (site) site.#contentChanged(change);
    });
    site = new Site(source, theme, services, content);
    if (site.store.created) {
      try {
        await seedContent(site.store, await readSeed(source));
      } catch (error) {
        // A fresh database holds nothing but the failed seed: drop it so the next open starts clean.
        await site.#closeContent();
        await content.discard();
        throw new Error(`${path.join(source.dir, 'seed.json')}: the first content could not be created: ${describeError(error)}`);
      }
    }
    try {
      const { statuses, runtimes } = await setUpPlugins({
        manifest: source.manifest,
        manifestFile: source.manifestFile,
        site: site.info(),
        hooks: site.hooks,
        switchOffs: site.#switchOffs,
        installs: site.installs,
        catalog: services.plugins,
        licenceKeys: services.licenceKeys(),
        builder: services.builder,
        get log() {
          return site.log;
        },
        setupTimeLimitMs: services.pluginSetupTimeLimitMs,
        surfaceSite: {
          hooks: site.hooks,
          contributions: site.contributions,
          get log() {
            return site.log;
          },
          // Plugins' mail goes out as the site (its mail.from), whichever site the plugin serves.
          mail: sendingAs(services.mail, () => site.manifest.mail?.from),
          guard: { timeLimitMs: services.hookTimeLimitMs, onFailure: (failure) => site.#tapFailed(failure) },
          info: () => site.info(),
          invalidatePages: () => site.store.touch(),
        },
        storage: site.pluginStorage,
        isolation: services.isolation,
        onOverrun: (plugin, reason) => site.#overran(plugin, reason),
        onEnded: (plugin, reason) => site.#switchOff(plugin, reason),
      });
      site.#plugins = statuses;
      site.#runtimes = runtimes;
      await site.hooks.run('site:ready', { site: site.info() });
    } catch (error) {
      await site.#stopPlugins();
      await site.#closeContent();
      throw error;
    }
    return site;
  }

  /** The site's logger, made when first used: most openings of a site log nothing. */
  get log(): Logger {
    return (this.#log ??= this.#hostLog.child({ site: this.slug }));
  }

  /** The site as plugins and templates see it; `url` is where this visitor reached it. */
  info(url: string = this.#primaryUrl): SiteInfo {
    const manifest = this.manifest;
    return {
      id: manifest.id,
      title: manifest.title,
      description: manifest.description ?? '',
      url,
      locale: manifest.locale ?? 'en',
      timezone: manifest.timezone ?? 'UTC',
      logo: manifest.logo ?? null,
      icon: manifest.icon ?? null,
      builtBy: manifest.builtBy,
    };
  }

  /** How each plugin listed in site.json is doing, in the order listed. */
  plugins(): readonly PluginStatus[] {
    return this.#plugins;
  }

  /** A plugin's most recent failure on this site (since it opened), if any. */
  lastFailure(plugin: string): PluginFailure | undefined {
    return this.#lastFailures.get(plugin);
  }

  /**
   * Forgets that a plugin was switched off for failing. It runs again the next time the site
   * opens; returns false when it was not switched off.
   */
  switchPluginBackOn(plugin: string): boolean {
    this.#failures.forget(plugin);
    this.#overruns.forget(plugin);
    return this.#switchOffs.clear(plugin);
  }

  /**
   * Changes whenever a cached page of this site may be stale. For content in SQLite, the same
   * value whether the site is open or not (see siteCacheVersion), so pages survive closing and
   * restarts; for content in PostgreSQL, the open store's version, which no page rendered before
   * this opening carries (see core/content/README.md, "The content version on PostgreSQL").
   */
  cacheVersion(): string {
    const content = this.store instanceof PgContentStore ? this.store.version() : contentVersion((this.contentLocation as { file: string }).file);
    // Asked many times a render (every memo load): the same string while the content stays the same.
    if (content !== this.#version.content) this.#version = { content, full: `${this.#fingerprint}:${content}` };
    return this.#version.full;
  }

  async close(): Promise<void> {
    try {
      await this.hooks.run('site:closing', { site: this.info() });
    } finally {
      await this.#stopPlugins();
      await this.#closeContent();
    }
  }

  async #closeContent(): Promise<void> {
    await this.store.close();
  }

  async #stopPlugins(): Promise<void> {
    this.contributions.close();
    await Promise.all(this.#runtimes.map((runtime) => runtime.stop()));
    this.#runtimes = [];
  }

  #tapFailed(failure: TapFailure): void {
    this.log.error({ plugin: failure.plugin, hook: failure.hook, err: failure.error }, `plugin ${failure.plugin} failed in ${failure.hook}: ${failure.reason}`);
    this.#lastFailures.set(failure.plugin, { hook: failure.hook, reason: failure.reason, at: new Date().toISOString() });
    if (failure.plugin === 'core' || !this.#failures.record(failure.plugin)) return;
    const { limit, windowMs } = this.#failures;
    this.#switchOff(failure.plugin, `switched off after ${limit} failures within ${Math.round(windowMs / 1000)} s; last: ${failure.hook} ${failure.reason}`);
  }

  /** A call into a sandboxed plugin ran past its time: it was stopped; the third in a minute switches the plugin off. */
  #overran(plugin: string, reason: string): void {
    this.log.error({ plugin }, `plugin ${plugin} overran: ${reason}`);
    this.#lastFailures.set(plugin, { hook: 'time budget', reason, at: new Date().toISOString() });
    if (!this.#overruns.record(plugin)) return;
    const { limit, windowMs } = this.#overruns;
    this.#switchOff(plugin, `switched off after ${limit} overruns of its time budget within ${Math.round(windowMs / 1000)} s; last: ${reason}`);
  }

  /** Takes a plugin off this site until its owner switches it back on; remembered across restarts. */
  #switchOff(plugin: string, reason: string): void {
    if (this.#switchOffs.get(plugin)) return;
    const switchOff = this.#switchOffs.record(plugin, reason);
    this.hooks.removePlugin(plugin);
    const runtime = this.#runtimes.find((candidate) => candidate.id === plugin);
    this.#runtimes = this.#runtimes.filter((candidate) => candidate !== runtime);
    void runtime?.stop();
    this.#plugins = this.#plugins.map((status) => (status.id === plugin ? { id: status.id, state: 'switched-off', reason, since: switchOff.since } : status));
    // Pages rendered with the plugin are stale now, here and in any other process.
    this.store.touch();
    this.log.warn({ plugin }, `plugin ${plugin} ${reason}`);
  }

  #contentChanged(change: ContentChange): void {
    this.hooks.run('content:changed', change);
    if (!change.published || change.id === undefined) return;
    this.store
      .getPost(change.id)
      .then((post) => post && this.hooks.run('post:published', { site: this.info(), post: postView(post) }))
      .catch((error: unknown) => this.log.error({ err: error }, `post:published failed: ${describeError(error)}`));
  }
}

/** The version a site's cached pages must carry to be current, read without opening the site. */
export function siteCacheVersion(fingerprint: string, siteDir: string): string {
  return `${fingerprint}:${contentVersion(contentDatabaseFile(siteDir))}`;
}

/** Where a site's content is: its schema in PostgreSQL when the host has one, else its SQLite file. */
export function siteContentLocation(siteDir: string, slug: string, databaseUrl: string | undefined): ContentLocation {
  return databaseUrl ? { databaseUrl, schema: siteSchema(slug) } : { file: contentDatabaseFile(siteDir) };
}

interface OpenedContent {
  readonly store: EngineContentStore;
  readonly location: ContentLocation;
  /** A plugin's storage on this site; with limits, the engine stops its statements past them. */
  readonly pluginStorage: (pluginId: string, limits?: StatementLimits) => CheckedStorage;
  /** Removes content that was just created (a seed that failed). */
  discard(): Promise<void>;
}

async function openContent(source: SiteSource, pg: PgDatabase | undefined, onChange: (change: ContentChangeEvent) => void): Promise<OpenedContent> {
  if (!pg) {
    const file = contentDatabaseFile(source.dir);
    const store = new SqliteContentStore(file, { onChange });
    return { store, location: { file }, pluginStorage: (id, limits) => new ScopedStorage(store.db, id, limits), discard: () => removeDatabase(file) };
  }
  const schema = siteSchema(source.slug);
  // Everything of the site is in its schema: a PostgreSQL site has no SQLite file.
  const store = await PgContentStore.open(pg, schema, { onChange });
  return { store, location: { databaseUrl: pg.url, schema }, pluginStorage: (id, limits) => new PgScopedStorage(pg.sync(), schema, id, limits), discard: () => pg.dropSchema(schema) };
}

async function readSeed(source: SiteSource): Promise<SeedData> {
  const file = path.join(source.dir, 'seed.json');
  if (!existsSync(file)) return welcomeSeed(source.manifest);
  return JSON.parse(await readFile(file, 'utf8')) as SeedData;
}
