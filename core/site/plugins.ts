/**
 * Sets up a site's plugins, in the order its site.json lists them. Everything about a plugin is
 * checked before any of its code runs (installed, manifest valid, engine range, settings); then
 * every plugin's own hooks are declared, so plugins may tap each other's hooks whatever the order;
 * then each setup runs with a time limit. A plugin that fails any step is left out and the site
 * serves without it: one broken plugin never takes its site down.
 */
import path from 'node:path';
import semver from 'semver';
import { GuildError, describeError } from '../errors.ts';
import type { HookRegistry, SiteInfo } from '../hooks/index.ts';
import type { Logger } from '../log/index.ts';
import { formatProblem, readManifest, settingsProblems, type ManifestProblem, type PluginManifest, type SiteManifest } from '../manifest/index.ts';
import { createPluginContext, type PluginBuilder, type PluginCatalog } from '../plugins/index.ts';
import { GUILD_VERSION } from '../version.ts';
import { licenceProblem } from './licences.ts';
import type { PluginSwitchOffs } from './plugin-state.ts';

export type PluginStatus =
  | { readonly id: string; readonly state: 'active'; readonly version: string }
  | { readonly id: string; readonly state: 'failed'; readonly reason: string }
  | { readonly id: string; readonly state: 'switched-off'; readonly reason: string; readonly since: string };

export interface PluginSetupInput {
  readonly manifest: SiteManifest;
  readonly manifestFile: string;
  readonly site: SiteInfo;
  readonly hooks: HookRegistry;
  readonly switchOffs: PluginSwitchOffs;
  readonly catalog: PluginCatalog;
  /** Public keys of the directories whose licences are accepted, for paid plugins. */
  readonly licenceKeys: readonly string[];
  readonly builder: PluginBuilder;
  readonly log: Logger;
  readonly setupTimeLimitMs: number;
}

type Checked = Required<PluginCheck>;

export async function setUpPlugins(input: PluginSetupInput): Promise<PluginStatus[]> {
  const statuses = new Map<string, PluginStatus>();
  const ready: Checked[] = [];
  for (const checked of await checkSitePlugins(input.manifest, input.manifestFile, input.catalog, input.licenceKeys)) {
    if (checked.problems.length === 0) ready.push(checked as Checked);
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
    try {
      await runSetup(input, checked);
      statuses.set(checked.id, { id: checked.id, state: 'active', version: checked.plugin.version });
    } catch (error) {
      input.hooks.removePlugin(checked.id);
      statuses.set(checked.id, { id: checked.id, state: 'failed', reason: describeError(error) });
    }
  }

  const ordered = (input.manifest.plugins ?? []).map((entry) => statuses.get(entry.id)!);
  for (const status of ordered) {
    if (status.state !== 'active') input.log.error({ plugin: status.id, state: status.state }, `plugin ${status.id} is not running: ${status.reason}`);
  }
  return ordered;
}

/** A plugin listed in site.json, checked before any of its code runs. */
export interface PluginCheck {
  readonly id: string;
  readonly problems: readonly ManifestProblem[];
  readonly dir?: string;
  readonly plugin?: PluginManifest;
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** Checks each plugin a site lists: installed, valid manifest, engine range, a licence if paid, valid settings. */
export async function checkSitePlugins(manifest: SiteManifest, manifestFile: string, catalog: PluginCatalog, licenceKeys: readonly string[]): Promise<PluginCheck[]> {
  return Promise.all(
    (manifest.plugins ?? []).map(async (entry, index) => {
      const check = await checkPlugin(entry.id, entry.settings ?? {}, index, manifestFile, catalog);
      const unlicensed = check.plugin && licenceProblem(check.plugin, entry.licence, manifest, licenceKeys);
      if (!unlicensed) return check;
      return { id: check.id, dir: check.dir, problems: [{ file: manifestFile, path: `/plugins/${index}/licence`, message: new GuildError('GUILD_ERR_LICENCE', entry.id, unlicensed).message }] };
    }),
  );
}

async function checkPlugin(id: string, settings: Readonly<Record<string, unknown>>, index: number, manifestFile: string, catalog: PluginCatalog): Promise<PluginCheck> {
  const dir = catalog.locate(id);
  if (!dir) {
    return { id, problems: [{ file: manifestFile, path: `/plugins/${index}/id`, message: `names a plugin that is not installed (looked in ${catalog.dirs.join(', ')})` }] };
  }
  const pluginFile = path.join(dir, 'plugin.json');
  const read = await readManifest('plugin', pluginFile);
  if (!read.ok) return { id, dir, problems: read.problems };
  const plugin = read.manifest;
  if (!semver.satisfies(GUILD_VERSION, plugin.engine, { includePrerelease: true })) {
    return { id, dir, problems: [{ file: pluginFile, path: '/engine', message: new GuildError('GUILD_ERR_PLUGIN_ENGINE', id, plugin.engine, GUILD_VERSION).message }] };
  }
  const problems = plugin.settings ? settingsProblems(plugin.settings, settings, manifestFile, `/plugins/${index}/settings`) : [];
  return { id, dir, plugin, settings: withDefaults(plugin, settings), problems };
}

async function runSetup(input: PluginSetupInput, checked: Checked): Promise<void> {
  const definition = await input.builder.load(checked.dir, checked.plugin).catch((error: unknown) => {
    throw new GuildError('GUILD_ERR_PLUGIN_LOAD', checked.id, describeError(error));
  });
  const context = createPluginContext({
    manifest: checked.plugin,
    site: input.site,
    settings: checked.settings,
    hooks: input.hooks,
    log: input.log.child({ plugin: checked.id }),
  });
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`setup did not finish within ${input.setupTimeLimitMs} ms`)), input.setupTimeLimitMs);
  });
  try {
    await Promise.race([Promise.resolve().then(() => definition.setup(context)), overrun]);
  } catch (error) {
    throw new GuildError('GUILD_ERR_PLUGIN_SETUP', checked.id, describeError(error));
  } finally {
    clearTimeout(timer);
  }
}

/** Settings as the site set them, with the schema's defaults for the ones it left out. */
function withDefaults(plugin: PluginManifest, settings: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(plugin.settings?.properties ?? {})) {
    const fallback = (schema as { default?: unknown }).default;
    if (fallback !== undefined) defaults[key] = fallback;
  }
  return { ...defaults, ...settings };
}
