/**
 * Remembers, in the site's own database, which plugins were switched off on this site and why,
 * so a plugin that kept failing stays off across restarts until the owner switches it back on;
 * and which plugins were installed on it, at which version, so each runs its install step once.
 */
import { migrate, type Migration, type SqliteDatabase } from '../content/index.ts';

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'plugins switched off on this site',
    up: (db) => db.exec('CREATE TABLE plugin_switch_offs (plugin TEXT PRIMARY KEY, reason TEXT NOT NULL, since TEXT NOT NULL)'),
  },
];

const installMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'plugins installed on this site',
    up: (db) => db.exec('CREATE TABLE plugin_installs (plugin TEXT PRIMARY KEY, version TEXT NOT NULL, installed_at TEXT NOT NULL, updated_at TEXT NOT NULL)'),
  },
];

export interface PluginInstall {
  readonly plugin: string;
  readonly version: string;
  readonly installed_at: string;
  readonly updated_at: string;
}

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

/** Which plugins were installed on this site; their install step runs once, the first time. */
export class PluginInstalls {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    migrate(db, 'plugin-installs', installMigrations);
  }

  get(plugin: string): PluginInstall | undefined {
    return this.#db.prepare('SELECT * FROM plugin_installs WHERE plugin = ?').get(plugin) as PluginInstall | undefined;
  }

  /** Records the plugin as installed; true when this call did it (so its install step runs now). */
  claim(plugin: string, version: string): boolean {
    const now = new Date().toISOString();
    return this.#db.prepare('INSERT OR IGNORE INTO plugin_installs (plugin, version, installed_at, updated_at) VALUES (?, ?, ?, ?)').run(plugin, version, now, now).changes > 0;
  }

  /** Notes the version now running; returns the one before when it changed (an upgrade). */
  recordVersion(plugin: string, version: string): string | undefined {
    const before = this.get(plugin)?.version;
    if (before !== undefined && before !== version) {
      this.#db.prepare('UPDATE plugin_installs SET version = ?, updated_at = ? WHERE plugin = ?').run(version, new Date().toISOString(), plugin);
    }
    return before !== version ? before : undefined;
  }

  forget(plugin: string): void {
    this.#db.prepare('DELETE FROM plugin_installs WHERE plugin = ?').run(plugin);
  }
}
