/**
 * Remembers, in the site's own database, which plugins were switched off on this site and why,
 * so a plugin that kept failing stays off across restarts until the owner switches it back on;
 * and which plugins were installed on it, at which version, so each runs its install step once.
 */
import { lazyStatements, migrate, type Migration, type SqliteDatabase, type StatementMakers } from '../content/index.ts';

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

// Prepared on first use and kept with the connection: every site open asks about each of its plugins.
const switchOffStatements = {
  get: (db) => db.prepare('SELECT plugin, reason, since FROM plugin_switch_offs WHERE plugin = ?'),
  record: (db) => db.prepare('INSERT OR REPLACE INTO plugin_switch_offs (plugin, reason, since) VALUES (?, ?, ?)'),
  clear: (db) => db.prepare('DELETE FROM plugin_switch_offs WHERE plugin = ?'),
} satisfies StatementMakers;

const installStatements = {
  get: (db) => db.prepare('SELECT * FROM plugin_installs WHERE plugin = ?'),
  claim: (db) => db.prepare('INSERT OR IGNORE INTO plugin_installs (plugin, version, installed_at, updated_at) VALUES (?, ?, ?, ?)'),
  update: (db) => db.prepare('UPDATE plugin_installs SET version = ?, updated_at = ? WHERE plugin = ?'),
  forget: (db) => db.prepare('DELETE FROM plugin_installs WHERE plugin = ?'),
} satisfies StatementMakers;

export class PluginSwitchOffs {
  readonly #statements;

  constructor(db: SqliteDatabase) {
    migrate(db, 'site', migrations);
    this.#statements = lazyStatements(db, switchOffStatements);
  }

  get(plugin: string): SwitchOff | undefined {
    return this.#statements.get.get(plugin) as SwitchOff | undefined;
  }

  record(plugin: string, reason: string): SwitchOff {
    const since = new Date().toISOString();
    this.#statements.record.run(plugin, reason, since);
    return { plugin, reason, since };
  }

  clear(plugin: string): boolean {
    return this.#statements.clear.run(plugin).changes > 0;
  }
}

/** Which plugins were installed on this site; their install step runs once, the first time. */
export class PluginInstalls {
  readonly #statements;

  constructor(db: SqliteDatabase) {
    migrate(db, 'plugin-installs', installMigrations);
    this.#statements = lazyStatements(db, installStatements);
  }

  get(plugin: string): PluginInstall | undefined {
    return this.#statements.get.get(plugin) as PluginInstall | undefined;
  }

  /**
   * Records the plugin as installed; true when this call did it (so its install step runs now).
   * A plugin installed long ago is only read: opening a site writes nothing when nothing is new.
   */
  claim(plugin: string, version: string): boolean {
    if (this.get(plugin)) return false;
    const now = new Date().toISOString();
    return this.#statements.claim.run(plugin, version, now, now).changes > 0;
  }

  /** Notes the version now running; returns the one before when it changed (an upgrade). */
  recordVersion(plugin: string, version: string): string | undefined {
    const before = this.get(plugin)?.version;
    if (before !== undefined && before !== version) this.#statements.update.run(version, new Date().toISOString(), plugin);
    return before !== version ? before : undefined;
  }

  forget(plugin: string): void {
    this.#statements.forget.run(plugin);
  }
}
