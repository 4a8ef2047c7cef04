/**
 * The installed plugins: every folder with a plugin.json under the plugin folders, by id. A
 * folder's name need not match its id (plugins/seo holds "guild.seo"), so the folders are read
 * once and read again when an id is not found, which is how a newly installed plugin appears.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readManifest, type ManifestResult } from '../manifest/index.ts';

export class PluginCatalog {
  readonly dirs: readonly string[];
  #byId = new Map<string, string>();
  readonly #manifests = new Map<string, { readonly mtimeMs: number; readonly result: ManifestResult<'plugin'> }>();

  constructor(dirs: readonly string[]) {
    this.dirs = dirs;
    this.#scan();
  }

  /** The folder of an installed plugin. */
  locate(id: string): string | undefined {
    if (!this.#byId.has(id)) this.#scan();
    return this.#byId.get(id);
  }

  /** A plugin's plugin.json, read and checked once, and again only when the file changes. */
  async manifest(dir: string): Promise<ManifestResult<'plugin'>> {
    const file = path.join(dir, 'plugin.json');
    const mtimeMs = (await stat(file).catch(() => undefined))?.mtimeMs ?? -1;
    const cached = this.#manifests.get(file);
    if (cached?.mtimeMs === mtimeMs) return cached.result;
    const result = await readManifest('plugin', file);
    this.#manifests.set(file, { mtimeMs, result });
    return result;
  }

  installed(): string[] {
    this.#scan();
    return [...this.#byId.keys()].sort();
  }

  #scan(): void {
    const found = new Map<string, string>();
    for (const dir of this.dirs) {
      if (!existsSync(dir)) continue;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const folder = path.join(dir, entry.name);
        const id = entry.isDirectory() ? readId(path.join(folder, 'plugin.json')) : undefined;
        if (id && !found.has(id)) found.set(id, folder);
      }
    }
    this.#byId = found;
  }
}

function readId(file: string): string | undefined {
  try {
    const id = (JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined; // an unreadable manifest is reported when a site asks for the plugin
  }
}
