/**
 * Removing a plugin's data from a site, which only an uninstall does: its tables (and their
 * indexes and views), its migration records, its content type entries and its install record.
 */
import { ownsName, storagePrefix } from '../plugins/index.ts';
import type { Site } from './site.ts';

export interface RemovedData {
  readonly tables: readonly string[];
  readonly entries: number;
}

export function removePluginData(site: Site, plugin: string): RemovedData {
  const db = site.database;
  const prefix = storagePrefix(plugin);
  const objects = (db.prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'").all() as Array<{ type: string; name: string }>).filter(
    (object) => ownsName(prefix, object.name),
  );
  db.transaction(() => {
    for (const object of objects) db.exec(`DROP ${object.type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS "${object.name.replaceAll('"', '""')}"`);
    db.prepare('DELETE FROM guild_migrations WHERE namespace = ?').run(plugin);
  })();
  const entries = site.entries.deletePlugin(plugin);
  site.installs.forget(plugin);
  site.switchPluginBackOn(plugin);
  return { tables: objects.map((object) => object.name), entries };
}
