/**
 * A plugin's life on the sites of a host. Activating it on a site lists it in that site's
 * site.json and opens the site, which runs the plugin's pending migrations and, the first time,
 * its install step, in that site's own database: activating on many sites does this for each,
 * and no other site changes. A sandboxed plugin is only checked and built where third-party code
 * must not run (the CLI); its migrations and install step run when the host serves the site. Deactivating keeps its settings and data; only an uninstall,
 * confirmed, removes its data. Upgrades need nothing here: a new version's migrations run the
 * next time each site opens.
 */
import { GuildError } from '../errors.ts';
import { editSiteManifest, formatProblem, type SiteManifest, type SitePluginEntry } from '../manifest/index.ts';
import { checkSitePlugins, removePluginData, type PluginStatus, type RemovedData, type SiteServices } from '../site/index.ts';
import type { SiteEntry, SiteRegistry } from './registry.ts';

export interface SiteOutcome {
  readonly site: string;
  readonly status: PluginStatus | undefined;
}

export async function activatePlugin(registry: SiteRegistry, services: SiteServices, plugin: string, slugs: readonly string[], settings?: Readonly<Record<string, unknown>>): Promise<SiteOutcome[]> {
  const entries = slugs.map((slug) => siteEntry(registry, slug));
  // Everything is checked for every site before any site.json changes: all or nothing.
  for (const entry of entries) {
    const current = entry.manifest!.plugins?.find((listed) => listed.id === plugin);
    const proposed: SitePluginEntry = { id: plugin, ...(current?.licence ? { licence: current.licence } : {}), ...((settings ?? current?.settings) ? { settings: settings ?? current!.settings } : {}) };
    const manifest: SiteManifest = { ...entry.manifest!, plugins: [proposed] };
    const [check] = await checkSitePlugins(manifest, entry.manifestFile, services.plugins, services.licenceKeys());
    if (check!.problems.length) throw new GuildError('GUILD_ERR_PLUGIN_SETUP', plugin, `it cannot be activated on ${entry.slug}:\n${check!.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`);
  }
  const outcomes: SiteOutcome[] = [];
  for (const entry of entries) {
    await editSiteManifest(entry.manifestFile, entry.slug, (raw) => {
      const plugins = (raw.plugins as Array<Record<string, unknown>> | undefined) ?? [];
      const listed = plugins.find((listed) => listed.id === plugin);
      if (listed) delete listed.active;
      else plugins.push({ id: plugin });
      const target = listed ?? plugins.at(-1)!;
      if (settings) target.settings = settings;
      raw.plugins = plugins;
    });
    outcomes.push({ site: entry.slug, status: await reopen(registry, entry.slug, plugin) });
  }
  return outcomes;
}

export async function deactivatePlugin(registry: SiteRegistry, plugin: string, slugs: readonly string[]): Promise<SiteOutcome[]> {
  const entries = slugs.map((slug) => siteEntry(registry, slug));
  for (const entry of entries) listedOn(entry, plugin);
  const outcomes: SiteOutcome[] = [];
  for (const entry of entries) {
    await editSiteManifest(entry.manifestFile, entry.slug, (raw) => {
      const listed = (raw.plugins as Array<Record<string, unknown>>).find((candidate) => candidate.id === plugin)!;
      listed.active = false;
    });
    outcomes.push({ site: entry.slug, status: await reopen(registry, entry.slug, plugin) });
  }
  return outcomes;
}

/** Takes the plugin off the site and removes its data there. `confirmed` must be true: data goes for good. */
export async function uninstallPlugin(registry: SiteRegistry, plugin: string, slug: string, confirmed: boolean): Promise<RemovedData> {
  const entry = siteEntry(registry, slug);
  listedOn(entry, plugin);
  if (!confirmed) throw new GuildError('GUILD_ERR_CONFIRMATION', `Uninstalling ${plugin} from ${slug}`);
  await editSiteManifest(entry.manifestFile, entry.slug, (raw) => {
    raw.plugins = (raw.plugins as Array<Record<string, unknown>>).filter((candidate) => candidate.id !== plugin);
  });
  await registry.reload(slug);
  const { site, release } = await registry.acquire(registry.get(slug)!);
  try {
    return removePluginData(site, plugin);
  } finally {
    release();
  }
}

function siteEntry(registry: SiteRegistry, slug: string): SiteEntry & { manifest: SiteManifest } {
  const entry = registry.get(slug);
  if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
  if (!entry.manifest) throw new GuildError('GUILD_ERR_MANIFEST_INVALID', entry.manifestFile, entry.problems.join('\n'));
  return entry as SiteEntry & { manifest: SiteManifest };
}

function listedOn(entry: SiteEntry & { manifest: SiteManifest }, plugin: string): void {
  if (!entry.manifest.plugins?.some((listed) => listed.id === plugin)) throw new GuildError('GUILD_ERR_PLUGIN_NOT_ON_SITE', plugin, entry.slug);
}

/** Reopens the site with its new site.json and tells how the plugin is doing there. */
async function reopen(registry: SiteRegistry, slug: string, plugin: string): Promise<PluginStatus | undefined> {
  await registry.reload(slug);
  const status = await registry.status(registry.get(slug)!);
  return status.plugins.find((candidate) => candidate.id === plugin);
}
