/**
 * Watches the theme and plugin folders, so a theme or plugin author sees a change on the next
 * request: the changed theme is read again (or the plugin rebuilt) and only the sites using it
 * reload. Dependencies and hidden folders inside a package are ignored. Every process of a host
 * (GUILD_WORKERS) keeps its own compiled themes and built plugins, so each runs its own watcher
 * and applies what it sees to itself alone (`follow`).
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/index.ts';
import type { SiteManifest } from '../manifest/index.ts';
import type { SiteServices } from '../site/index.ts';
import { Debouncer } from './debounce.ts';
import type { SiteRegistry } from './registry.ts';

export class PackageWatcher {
  readonly #registry: SiteRegistry;
  readonly #services: SiteServices;
  readonly #debounce: Debouncer;
  readonly #watchers: FSWatcher[] = [];

  constructor(registry: SiteRegistry, services: SiteServices, log: Logger) {
    this.#registry = registry;
    this.#services = services;
    this.#debounce = new Debouncer(log, 150);
  }

  start(): void {
    for (const dir of this.#services.themes.dirs) this.#watch(dir, (folder) => this.#themeChanged(folder));
    for (const dir of this.#services.plugins.dirs) this.#watch(dir, (folder) => this.#pluginChanged(path.join(dir, folder)));
  }

  close(): void {
    for (const watcher of this.#watchers) watcher.close();
    this.#debounce.cancel();
  }

  #watch(dir: string, changed: (folder: string) => Promise<void>): void {
    if (!existsSync(dir)) return;
    const watcher = watch(dir, { recursive: true }, (_event, file) => {
      const parts = String(file ?? '').split(path.sep);
      if (parts.length < 2 || parts.some((part) => part.startsWith('.') || part === 'node_modules')) return;
      this.#debounce.run(`${dir}:${parts[0]}`, () => changed(parts[0]!));
    });
    watcher.on('error', () => watcher.close());
    this.#watchers.push(watcher);
  }

  async #themeChanged(theme: string): Promise<void> {
    this.#services.themes.invalidate(theme);
    await this.#reloadSites((manifest) => manifest.theme.id === theme);
  }

  async #pluginChanged(dir: string): Promise<void> {
    this.#services.builder.invalidate(dir);
    const ids = this.#services.plugins.installed().filter((id) => this.#services.plugins.locate(id) === dir);
    await this.#reloadSites((manifest) => (manifest.plugins ?? []).some((plugin) => ids.includes(plugin.id)));
  }

  async #reloadSites(uses: (manifest: SiteManifest) => boolean): Promise<void> {
    for (const entry of this.#registry.entries()) {
      if (entry.manifest && uses(entry.manifest)) await this.#registry.follow({ kind: 'reload', slug: entry.slug });
    }
  }
}
