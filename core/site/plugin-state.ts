/**
 * Remembers, in the site's content database (its SQLite file or its PostgreSQL schema: the
 * tables come with the content's migrations, namespaces "site" and "plugin-installs"), which plugins were switched off on this site and why,
 * so a plugin that kept failing stays off across restarts until the owner switches it back on;
 * and which plugins were installed on it, at which version, so each runs its install step once.
 */
import type { SyncSql } from '../content/index.ts';

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
  readonly #sql: SyncSql;

  constructor(sql: SyncSql) {
    this.#sql = sql;
  }

  get(plugin: string): SwitchOff | undefined {
    return this.#sql.all<SwitchOff>('SELECT plugin, reason, since FROM plugin_switch_offs WHERE plugin = @plugin', { plugin })[0];
  }

  record(plugin: string, reason: string): SwitchOff {
    const since = new Date().toISOString();
    this.#sql.run('INSERT INTO plugin_switch_offs (plugin, reason, since) VALUES (@plugin, @reason, @since) ON CONFLICT (plugin) DO UPDATE SET reason = excluded.reason, since = excluded.since', { plugin, reason, since });
    return { plugin, reason, since };
  }

  clear(plugin: string): boolean {
    return this.#sql.run('DELETE FROM plugin_switch_offs WHERE plugin = @plugin', { plugin }) > 0;
  }
}

/** Which plugins were installed on this site; their install step runs once, the first time. */
export class PluginInstalls {
  readonly #sql: SyncSql;

  constructor(sql: SyncSql) {
    this.#sql = sql;
  }

  get(plugin: string): PluginInstall | undefined {
    return this.#sql.all<PluginInstall>('SELECT * FROM plugin_installs WHERE plugin = @plugin', { plugin })[0];
  }

  /**
   * Records the plugin as installed; true when this call did it (so its install step runs now).
   * A plugin installed long ago is only read: opening a site writes nothing when nothing is new.
   */
  claim(plugin: string, version: string): boolean {
    if (this.get(plugin)) return false;
    const now = new Date().toISOString();
    return this.#sql.run('INSERT INTO plugin_installs (plugin, version, installed_at, updated_at) VALUES (@plugin, @version, @now, @now) ON CONFLICT (plugin) DO NOTHING', { plugin, version, now }) > 0;
  }

  /** Notes the version now running; returns the one before when it changed (an upgrade). */
  recordVersion(plugin: string, version: string): string | undefined {
    const before = this.get(plugin)?.version;
    if (before !== undefined && before !== version) {
      this.#sql.run('UPDATE plugin_installs SET version = @version, updated_at = @now WHERE plugin = @plugin', { plugin, version, now: new Date().toISOString() });
    }
    return before !== version ? before : undefined;
  }

  forget(plugin: string): void {
    this.#sql.run('DELETE FROM plugin_installs WHERE plugin = @plugin', { plugin });
  }
}
