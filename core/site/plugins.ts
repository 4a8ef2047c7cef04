/**
 * Sets up a site's plugins, in the order its site.json lists them. Everything about a plugin is
 * checked before any of its code runs (installed, manifest valid, capabilities its manifest
 * needs, engine range, settings); then every plugin's own hooks are declared, so plugins may tap
 * each other's hooks whatever the order; then each starts with a time limit: its migrations, its
 * install step the first time on this site, its setup. Trusted plugins run in the host; the
 * others in a sandbox each (see core/plugins/sandbox/). A plugin that fails any step is left out
 * and the site serves without it: one broken plugin never takes its site down.
 */
import path from 'node:path';
import semver from 'semver';
import { GuildError, describeError } from '../errors.ts';
import type { HookRegistry, SiteInfo } from '../hooks/index.ts';
import type { Logger } from '../log/index.ts';
import { formatProblem, settingsProblems, type ManifestProblem, type PluginManifest, type SiteManifest, type SitePluginEntry } from '../manifest/index.ts';
import { createPluginContext, manifestCapabilityProblems, startPlugin, type CheckedStorage, type PluginBuilder, type PluginCatalog, type StatementLimits } from '../plugins/index.ts';
import { SandboxedPlugin, type SandboxOptions } from '../plugins/sandbox/sandboxed-plugin.ts';
import { GUILD_VERSION } from '../version.ts';
import { licenceProblem } from './licences.ts';
import type { PluginInstalls, PluginSwitchOffs } from './plugin-state.ts';
import { SiteSurface, type SurfaceSite } from './plugin-surface.ts';

export type PluginStatus =
  | { readonly id: string; readonly state: 'active'; readonly version: string; readonly isolated: boolean; readonly notStartedHere?: true }
  | { readonly id: string; readonly state: 'failed'; readonly reason: string }
  | { readonly id: string; readonly state: 'switched-off'; readonly reason: string; readonly since: string }
  | { readonly id: string; readonly state: 'inactive' };

/** A plugin running on a site, in the host or in its sandbox. */
export interface PluginRuntime {
  readonly id: string;
  readonly isolated: boolean;
  /** Takes away everything the plugin added and ends its sandbox. */
  stop(): Promise<void>;
}

export interface PluginSetupInput {
  readonly manifest: SiteManifest;
  readonly manifestFile: string;
  readonly site: SiteInfo;
  readonly hooks: HookRegistry;
  readonly switchOffs: PluginSwitchOffs;
  readonly installs: PluginInstalls;
  readonly catalog: PluginCatalog;
  /** Public keys of the directories whose licences are accepted, for paid plugins. */
  readonly licenceKeys: readonly string[];
  readonly builder: PluginBuilder;
  readonly log: Logger;
  readonly setupTimeLimitMs: number;
  /** What the plugins' surfaces reach of the site. */
  readonly surfaceSite: SurfaceSite;
  /** A plugin's own tables in the site's database (SQLite or PostgreSQL), whose statements stop past these limits. */
  readonly storage: (pluginId: string, limits: StatementLimits) => CheckedStorage;
  readonly isolation: PluginIsolation;
  /** Told of each call into a sandboxed plugin that ran past its time. */
  readonly onOverrun: (plugin: string, reason: string) => void;
  /** Told when a plugin's sandbox ended (out of memory): the plugin no longer runs here. */
  readonly onEnded: (plugin: string, reason: string) => void;
}

/** Which plugins run in the host, and the limits of the others' sandboxes. */
export interface PluginIsolation {
  readonly trusted: (id: string, dir: string) => boolean;
  /** Memory of one plugin's sandbox on one site (GUILD_PLUGIN_MEMORY_MB). */
  readonly memoryMb: number;
  /** CPU budget of one call into a sandbox (GUILD_HOOK_TIME_LIMIT_MS). */
  readonly budgetMs: number;
  /**
   * False where third-party code must not run at all (the CLI, in the operator's process):
   * sandboxed plugins are checked and built there, not started.
   */
  readonly startSandboxes: boolean;
}

type Checked = Required<PluginCheck>;

export async function setUpPlugins(input: PluginSetupInput): Promise<{ statuses: PluginStatus[]; runtimes: PluginRuntime[] }> {
  const statuses = new Map<string, PluginStatus>();
  const runtimes: PluginRuntime[] = [];
  const ready: Checked[] = [];
  for (const checked of await checkSitePlugins(input.manifest, input.manifestFile, input.catalog, input.licenceKeys)) {
    if (checked.inactive) statuses.set(checked.id, { id: checked.id, state: 'inactive' });
    else if (checked.problems.length === 0) ready.push(checked as Checked);
    else statuses.set(checked.id, { id: checked.id, state: 'failed', reason: checked.problems.map((problem) => formatProblem(problem)).join('; ') });
  }

  for (const checked of [...ready]) {
    try {
      for (const [name, declaration] of Object.entries(checked.plugin.hooks ?? {})) input.hooks.declare(name, declaration, checked.id);
    } catch (error) {
      statuses.set(checked.id, { id: checked.id, state: 'failed', reason: describeError(error) });
      ready.splice(ready.indexOf(checked), 1);
    }
  }

  for (const checked of ready) {
    const switchedOff = input.switchOffs.get(checked.id);
    if (switchedOff) {
      statuses.set(checked.id, { id: checked.id, state: 'switched-off', reason: switchedOff.reason, since: switchedOff.since });
      continue;
    }
    const surface = new SiteSurface(input.surfaceSite, checked.plugin);
    const isolated = !input.isolation.trusted(checked.id, checked.dir);
    const install = input.installs.claim(checked.id, checked.plugin.version);
    try {
      if (isolated && !input.isolation.startSandboxes) {
        await buildForSandbox(input, checked);
        if (install) input.installs.forget(checked.id); // its install step runs where it really starts
        statuses.set(checked.id, { id: checked.id, state: 'active', version: checked.plugin.version, isolated, notStartedHere: true });
        continue;
      }
      runtimes.push(await withTimeLimit(input.setupTimeLimitMs, () => (isolated ? startSandboxed(input, checked, surface, install) : startInProcess(input, checked, surface, install))));
      const before = input.installs.recordVersion(checked.id, checked.plugin.version);
      if (install) input.log.info({ plugin: checked.id }, `plugin ${checked.id} ${checked.plugin.version} installed on this site`);
      else if (before) input.log.info({ plugin: checked.id }, `plugin ${checked.id} upgraded from ${before} to ${checked.plugin.version} on this site`);
      statuses.set(checked.id, { id: checked.id, state: 'active', version: checked.plugin.version, isolated });
    } catch (error) {
      surface.reset();
      // Pages cached while it ran (before a restart, say) show what it added; they are stale now.
      surface.invalidatePages();
      if (install) input.installs.forget(checked.id); // its install step runs again next time
      statuses.set(checked.id, { id: checked.id, state: 'failed', reason: new GuildError('GUILD_ERR_PLUGIN_SETUP', checked.id, describeError(error)).message });
    }
  }

  const ordered = (input.manifest.plugins ?? []).map((entry) => statuses.get(entry.id)!);
  for (const status of ordered) {
    if (status.state !== 'active' && status.state !== 'inactive') input.log.error({ plugin: status.id, state: status.state }, `plugin ${status.id} is not running: ${status.reason}`);
  }
  return { statuses: ordered, runtimes };
}

async function startInProcess(input: PluginSetupInput, checked: Checked, surface: SiteSurface, install: boolean): Promise<PluginRuntime> {
  const definition = await input.builder.load(checked.dir, checked.plugin).catch((error: unknown) => {
    throw new GuildError('GUILD_ERR_PLUGIN_LOAD', checked.id, describeError(error));
  });
  await startPlugin(definition, hostContext(input, checked, surface, input.surfaceSite.guard.timeLimitMs), install);
  return { id: checked.id, isolated: false, stop: async () => surface.reset() };
}

/**
 * The context a plugin gets: used directly in the host, and behind a sandbox's bridge. Each of its
 * SQL statements may run as long as one of its calls (`callLimitMs`), and one of its migrations as
 * long as its setup: a statement that runs away is stopped before it holds every site of the host.
 */
function hostContext(input: PluginSetupInput, checked: Checked, surface: SiteSurface, callLimitMs: number) {
  return createPluginContext({
    manifest: checked.plugin,
    site: input.site,
    settings: checked.settings,
    surface,
    storage: () => input.storage(checked.id, { statementMs: callLimitMs, migrationMs: input.setupTimeLimitMs }),
  });
}

function buildForSandbox(input: PluginSetupInput, checked: Checked): Promise<[string, string]> {
  return Promise.all([input.builder.guestScript(), input.builder.sandboxBundle(checked.dir, checked.plugin)]).catch((error: unknown) => {
    throw error instanceof GuildError ? error : new GuildError('GUILD_ERR_PLUGIN_LOAD', checked.id, describeError(error));
  });
}

/**
 * A sandboxed plugin, started afresh when its sandbox is discarded after a forced stop (see
 * core/plugins/sandbox/): its taps, routes and helpers go at once, so the page being rendered goes
 * on without it, and come back when its setup has run again. Its overruns keep counting on the
 * site, so a plugin that keeps overrunning is switched off as before.
 */
async function startSandboxed(input: PluginSetupInput, checked: Checked, surface: SiteSurface, install: boolean): Promise<PluginRuntime> {
  const [guest, bundle] = await buildForSandbox(input, checked);
  let stopped = false;
  const options: SandboxOptions = {
    guest,
    bundle,
    manifest: checked.plugin,
    context: hostContext(input, checked, surface, input.isolation.budgetMs),
    budgetMs: input.isolation.budgetMs,
    requestLimitMs: Math.max(input.isolation.budgetMs, input.surfaceSite.guard.timeLimitMs),
    setupTimeLimitMs: input.setupTimeLimitMs,
    memoryMb: input.isolation.memoryMb,
    onOverrun: (reason) => input.onOverrun(checked.id, reason),
    onEnded: (reason) => input.onEnded(checked.id, reason),
    onDiscarded: () => {
      if (stopped || !plugin) return; // its overrun switched it off, or its first setup failed
      surface.reset();
      void withTimeLimit(input.setupTimeLimitMs, () => SandboxedPlugin.start(options, false)).then(
        (fresh) => {
          if (!stopped) return void (plugin = fresh);
          surface.reset(); // the site closed while it started again
          fresh.stop();
        },
        (error: unknown) => input.onEnded(checked.id, `its sandbox was discarded after an overrun and could not start again: ${describeError(error)}`),
      );
    },
  };
  let plugin: SandboxedPlugin | undefined; // declared before the start, whose setup may already be discarded
  plugin = await SandboxedPlugin.start(options, install);
  return {
    id: checked.id,
    isolated: true,
    stop: async () => {
      stopped = true;
      surface.reset();
      plugin?.stop();
    },
  };
}

async function withTimeLimit<T>(limitMs: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`setup did not finish within ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([work(), overrun]);
  } finally {
    clearTimeout(timer);
  }
}

/** A plugin listed in site.json, checked before any of its code runs. */
export interface PluginCheck {
  readonly id: string;
  readonly problems: readonly ManifestProblem[];
  /** Listed with "active": false: kept, but not run. */
  readonly inactive?: boolean;
  readonly dir?: string;
  readonly plugin?: PluginManifest;
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** Checks each plugin a site lists: installed, valid manifest, capabilities, engine range, a licence if paid, valid settings. */
export async function checkSitePlugins(manifest: SiteManifest, manifestFile: string, catalog: PluginCatalog, licenceKeys: readonly string[]): Promise<PluginCheck[]> {
  return Promise.all(
    (manifest.plugins ?? []).map(async (entry, index) => {
      const check = await checkPlugin(entry, index, manifestFile, catalog);
      const unlicensed = check.plugin && licenceProblem(check.plugin, entry.licence, manifest, licenceKeys);
      const licensed: PluginCheck = unlicensed
        ? { id: check.id, dir: check.dir, problems: [{ file: manifestFile, path: `/plugins/${index}/licence`, message: new GuildError('GUILD_ERR_LICENCE', entry.id, unlicensed).message }] }
        : check;
      return { ...licensed, ...(entry.active === false ? { inactive: true } : {}) };
    }),
  );
}

async function checkPlugin(entry: SitePluginEntry, index: number, manifestFile: string, catalog: PluginCatalog): Promise<PluginCheck> {
  const { id } = entry;
  const settings = entry.settings ?? {};
  const dir = catalog.locate(id, entry.version);
  if (!dir) {
    return { id, problems: [{ file: manifestFile, path: `/plugins/${index}/id`, message: `names a plugin that is not installed (looked in ${catalog.dirs.join(', ')})` }] };
  }
  const read = await catalog.manifest(dir);
  if (!read.ok) return { id, dir, problems: read.problems };
  const plugin = read.manifest;
  const ownProblems = pluginProblems(plugin, dir);
  if (ownProblems.length) return { id, dir, problems: ownProblems };
  const problems = plugin.settings ? settingsProblems(plugin.settings, settings, manifestFile, `/plugins/${index}/settings`) : [];
  return { id, dir, plugin, settings: withDefaults(plugin, settings), problems };
}

/**
 * What is wrong with a plugin whatever site uses it (capabilities its manifest needs, the engine
 * range), found once per manifest as the catalog read it: the catalog reads plugin.json again when
 * it changes, which makes a new manifest object, so an unchanged plugin is not checked again at
 * every site open.
 */
const ownProblemsByManifest = new WeakMap<PluginManifest, readonly ManifestProblem[]>();

function pluginProblems(plugin: PluginManifest, dir: string): readonly ManifestProblem[] {
  let problems = ownProblemsByManifest.get(plugin);
  if (!problems) {
    const pluginFile = path.join(dir, 'plugin.json');
    const capabilityProblems = manifestCapabilityProblems(plugin, pluginFile);
    problems = capabilityProblems.length
      ? capabilityProblems
      : semver.satisfies(GUILD_VERSION, plugin.engine, { includePrerelease: true })
        ? []
        : [{ file: pluginFile, path: '/engine', message: new GuildError('GUILD_ERR_PLUGIN_ENGINE', plugin.id, plugin.engine, GUILD_VERSION).message }];
    ownProblemsByManifest.set(plugin, problems);
  }
  return problems;
}

/** Settings as the site set them, with the schema's defaults for the ones it left out. */
export function withDefaults(plugin: PluginManifest, settings: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(plugin.settings?.properties ?? {})) {
    const fallback = (schema as { default?: unknown }).default;
    if (fallback !== undefined) defaults[key] = fallback;
  }
  return { ...defaults, ...settings };
}
