/**
 * Watches the sites folder: a site folder added or removed is picked up, and a site.json written
 * (in place or by rename, as editors and `guild site new` do) reloads that one site. Events are
 * debounced per site, since one save often fires several. With GUILD_WORKERS each process watches
 * for itself, so what it sees is applied here only (`follow`), not told to the others.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import { Debouncer } from './debounce.ts';
import type { SiteRegistry } from './registry.ts';

export class SitesWatcher {
  readonly #registry: SiteRegistry;
  readonly #log: Logger;
  readonly #watchers = new Map<string, FSWatcher>();
  readonly #debounce: Debouncer;
  #root: FSWatcher | undefined;

  constructor(registry: SiteRegistry, log: Logger) {
    this.#registry = registry;
    this.#log = log;
    this.#debounce = new Debouncer(log);
  }

  start(): void {
    if (!existsSync(this.#registry.sitesDir)) return;
    this.#root = watch(this.#registry.sitesDir, () => this.#debounce.run('', () => this.#rescan()));
    this.#syncSiteWatchers();
  }

  close(): void {
    this.#root?.close();
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
    this.#debounce.cancel();
  }

  async #rescan(): Promise<void> {
    await this.#registry.follow({ kind: 'scan' });
    this.#syncSiteWatchers();
  }

  #syncSiteWatchers(): void {
    const slugs = new Set(this.#registry.entries().map((entry) => entry.slug));
    for (const [slug, watcher] of this.#watchers) {
      if (!slugs.has(slug)) {
        watcher.close();
        this.#watchers.delete(slug);
      }
    }
    for (const slug of slugs) {
      if (this.#watchers.has(slug)) continue;
      const dir = path.join(this.#registry.sitesDir, slug);
      try {
        const watcher = watch(dir, (_event, file) => {
          if (file === 'site.json') this.#debounce.run(slug, () => this.#registry.follow({ kind: 'reload', slug }));
        });
        watcher.on('error', () => this.#watchers.delete(slug));
        this.#watchers.set(slug, watcher);
      } catch (error) {
        this.#log.warn({ site: slug }, `cannot watch ${dir}: ${describeError(error)}; restart the host after editing its site.json`);
      }
    }
  }
}
