/**
 * The installed plugins: every folder with a plugin.json under the plugin folders, by id. A
 * folder's name need not match its id (plugins/seo holds "guild.seo"), so the folders are read
 * once and read again when an id is not found, which is how a newly installed plugin appears.
 * Several versions of one plugin can sit side by side (a directory install is kept in
 * `<id>@<version>`); a site that names the version it uses gets that one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readManifest, type ManifestResult } from '../manifest/index.ts';

export class PluginCatalog {
  readonly dirs: readonly string[];
  #byId = new Map<string, string>();
  #byVersion = new Map<string, string>();
  readonly #manifests = new Map<string, { readonly mtimeMs: number; readonly result: ManifestResult<'plugin'> }>();

  constructor(dirs: readonly string[]) {
    this.dirs = dirs;
    this.#scan();
  }

  /** The folder of an installed plugin: of that exact version when one is given and present. */
  locate(id: string, version?: string): string | undefined {
    const key = `${id}@${version}`;
    if (version ? !this.#byVersion.has(key) : !this.#byId.has(id)) this.#scan();
    return (version && this.#byVersion.get(key)) || this.#byId.get(id);
  }

  /**
   * A plugin's plugin.json, read and checked once, and again only when the file changes. Every
   * site open asks: a synchronous stat costs microseconds, an async one a trip through the
   * thread pool.
   */
  async manifest(dir: string): Promise<ManifestResult<'plugin'>> {
    const file = path.join(dir, 'plugin.json');
    const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
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
    const versions = new Map<string, string>();
    for (const dir of this.dirs) {
      if (!existsSync(dir)) continue;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const folder = path.join(dir, entry.name);
        const named = entry.isDirectory() && !entry.name.startsWith('.') ? readIdentity(path.join(folder, 'plugin.json')) : undefined;
        if (!named) continue;
        if (!found.has(named.id)) found.set(named.id, folder);
        if (named.version && !versions.has(`${named.id}@${named.version}`)) versions.set(`${named.id}@${named.version}`, folder);
      }
    }
    this.#byId = found;
    this.#byVersion = versions;
  }
}

function readIdentity(file: string): { id: string; version: string | undefined } | undefined {
  try {
    const { id, version } = JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown; version?: unknown };
    return typeof id === 'string' ? { id, version: typeof version === 'string' ? version : undefined } : undefined;
  } catch {
    return undefined; // an unreadable manifest is reported when a site asks for the plugin
  }
}
