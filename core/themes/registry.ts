/**
 * The installed themes. Each is loaded once, on first use, and shared by every site using it;
 * a theme that fails to load is tried again on the next request for it, so fixing the files is
 * enough to bring its sites back.
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

  /** The folder of an installed theme, searching the theme folders in order. */
  locate(id: string): string | undefined {
    return this.dirs.map((dir) => path.join(dir, id)).find((dir) => existsSync(path.join(dir, 'package.json')));
  }

  get(id: string): Promise<Theme> {
    let theme = this.#loading.get(id);
    if (!theme) {
      const dir = this.locate(id);
      theme = dir ? loadTheme(dir) : Promise.reject(new GuildError('GUILD_ERR_THEME_NOT_FOUND', id, this.dirs.join(', ')));
      this.#loading.set(id, theme);
      theme.catch(() => this.#loading.delete(id));
    }
    return theme;
  }

  /** The checker's report on an installed theme, also for one that cannot be loaded (for the admin and the CLI). */
  async report(id: string): Promise<CheckReport> {
    const dir = this.locate(id);
    if (!dir) throw new GuildError('GUILD_ERR_THEME_NOT_FOUND', id, this.dirs.join(', '));
    return checkTheme(dir);
  }

  /** Forgets a loaded theme so the next use reads it from disk again. */
  invalidate(id: string): void {
    this.#loading.delete(id);
  }

  /** The ids of every installed theme. */
  installed(): string[] {
    const ids = new Set<string>();
    for (const dir of this.dirs) {
      if (!existsSync(dir)) continue;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && existsSync(path.join(dir, entry.name, 'package.json'))) ids.add(entry.name);
      }
    }
    return [...ids].sort();
  }
}
