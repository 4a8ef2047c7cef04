/**
 * The installed themes. Each is loaded once, on first use, and shared by every site using it;
 * a theme that fails to load is tried again on the next request for it, so fixing the files is
 * enough to bring its sites back. Several versions of one theme can sit side by side (a
 * directory install is kept in `<id>@<version>/<id>`); a site that names its version gets that one.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { GuildError } from '../errors.ts';
import { checkTheme, type CheckReport } from './check.ts';
import { loadTheme, type Theme } from './theme.ts';

export class ThemeRegistry {
  readonly dirs: readonly string[];
  readonly #loading = new Map<string, Promise<Theme>>();

  constructor(dirs: readonly string[]) {
    this.dirs = dirs;
  }

  /** The folder of an installed theme, searching the theme folders in order: of that exact version when one is given and present. */
  locate(id: string, version?: string): string | undefined {
    const exact = version ? this.dirs.map((dir) => path.join(dir, `${id}@${version}`, id)) : [];
    return [...exact, ...this.dirs.map((dir) => path.join(dir, id))].find((dir) => existsSync(path.join(dir, 'package.json')));
  }

  get(id: string, version?: string): Promise<Theme> {
    const dir = this.locate(id, version);
    const key = dir ?? id;
    let theme = this.#loading.get(key);
    if (!theme) {
      theme = dir ? loadTheme(dir) : Promise.reject(new GuildError('GUILD_ERR_THEME_NOT_FOUND', id, this.dirs.join(', ')));
      this.#loading.set(key, theme);
      theme.catch(() => this.#loading.delete(key));
    }
    return theme;
  }

  /** The checker's report on an installed theme, also for one that cannot be loaded (for the admin and the CLI). */
  async report(id: string): Promise<CheckReport> {
    const dir = this.locate(id);
    if (!dir) throw new GuildError('GUILD_ERR_THEME_NOT_FOUND', id, this.dirs.join(', '));
    return checkTheme(dir);
  }

  /** Forgets a loaded theme (every version of it) so the next use reads it from disk again. */
  invalidate(id: string): void {
    for (const key of this.#loading.keys()) if (key === id || path.basename(key) === id) this.#loading.delete(key);
  }

  /** The ids of every installed theme. */
  installed(): string[] {
    const ids = new Set<string>();
    for (const dir of this.dirs) {
      if (!existsSync(dir)) continue;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        if (existsSync(path.join(dir, entry.name, 'package.json'))) ids.add(entry.name);
        const versioned = /^([a-z0-9][a-z0-9-]*)@/.exec(entry.name)?.[1];
        if (versioned && existsSync(path.join(dir, entry.name, versioned, 'package.json'))) ids.add(versioned);
      }
    }
    return [...ids].sort();
  }
}
