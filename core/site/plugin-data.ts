/**
 * Removing a plugin's data from a site, which only an uninstall does: its tables (and their
 * indexes and views), its migration records, its content type entries and its install record.
 */
import type { Site } from './site.ts';

export interface RemovedData {
  readonly tables: readonly string[];
  readonly entries: number;
}

export function removePluginData(site: Site, plugin: string): RemovedData {
  const tables = site.pluginStorage(plugin).removeAll();
  const entries = site.entries.deletePlugin(plugin);
  site.installs.forget(plugin);
  site.switchPluginBackOn(plugin);
  return { tables, entries };
}
