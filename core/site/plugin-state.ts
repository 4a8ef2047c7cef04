/**
 * Remembers, in the site's own database, which plugins were switched off on this site and why,
 * so a plugin that kept failing stays off across restarts until the owner switches it back on.
 */
import { migrate, type Migration, type SqliteDatabase } from '../content/index.ts';

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'plugins switched off on this site',
    up: (db) => db.exec('CREATE TABLE plugin_switch_offs (plugin TEXT PRIMARY KEY, reason TEXT NOT NULL, since TEXT NOT NULL)'),
  },
];

export interface SwitchOff {
  readonly plugin: string;
  readonly reason: string;
  readonly since: string;
}

export class PluginSwitchOffs {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    migrate(db, 'site', migrations);
  }

  get(plugin: string): SwitchOff | undefined {
    return this.#db.prepare('SELECT plugin, reason, since FROM plugin_switch_offs WHERE plugin = ?').get(plugin) as SwitchOff | undefined;
  }

  record(plugin: string, reason: string): SwitchOff {
    const since = new Date().toISOString();
    this.#db.prepare('INSERT OR REPLACE INTO plugin_switch_offs (plugin, reason, since) VALUES (?, ?, ?)').run(plugin, reason, since);
    return { plugin, reason, since };
  }

  clear(plugin: string): boolean {
    return this.#db.prepare('DELETE FROM plugin_switch_offs WHERE plugin = ?').run(plugin).changes > 0;
  }
}
