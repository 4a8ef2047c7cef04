/**
 * Turns a plugin folder into a module the host can import: esbuild bundles the entry with the
 * plugin's own dependencies (so two plugins may use two versions of one library), compiles
 * TypeScript, and inlines a source map so errors point at the author's lines. Bundles are named by
 * their content hash; each is built once per process and shared by every site using the plugin.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { PluginManifest } from '../manifest/index.ts';
import type { PluginDefinition } from '../sdk/index.ts';

export const SDK_ENTRY = fileURLToPath(new URL('../sdk/index.ts', import.meta.url));

/** esbuild options every plugin bundle shares: one ESM file for Node, the SDK resolved to the host's. */
export function bundleOptions(entry: string, dir: string): esbuild.BuildOptions & { write: false } {
  return {
    entryPoints: [entry],
    absWorkingDir: dir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    // The bundle is written elsewhere (the cache): the map's paths resolve against the plugin's folder.
    sourceRoot: `${pathToFileURL(dir).href}/`,
    write: false,
    logLevel: 'silent',
    alias: { '@guild/sdk': SDK_ENTRY },
  };
}

export class PluginBuilder {
  readonly cacheDir: string;
  readonly #modules = new Map<string, Promise<PluginDefinition<any>>>();

  constructor(cacheDir: string) {
    this.cacheDir = cacheDir;
  }

  /** The plugin's definition (its default export), built and imported on first use. */
  load(dir: string, manifest: PluginManifest): Promise<PluginDefinition<any>> {
    const key = `${dir}@${manifest.version}`;
    let loading = this.#modules.get(key);
    if (!loading) {
      loading = this.#build(dir, manifest);
      this.#modules.set(key, loading);
      loading.catch(() => this.#modules.delete(key));
    }
    return loading;
  }

  /** Forgets built plugins, so changed source is built again on next use. */
  invalidate(dir?: string): void {
    for (const key of this.#modules.keys()) if (!dir || key.startsWith(`${dir}@`)) this.#modules.delete(key);
  }

  async #build(dir: string, manifest: PluginManifest): Promise<PluginDefinition<any>> {
    const result = await esbuild.build(bundleOptions(path.join(dir, manifest.entry), dir));
    const code = result.outputFiles[0]!.text;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const file = path.join(this.cacheDir, `${manifest.id}@${manifest.version}-${hash}.mjs`);
    await mkdir(this.cacheDir, { recursive: true });
    await writeFile(file, code);
    const module = (await import(pathToFileURL(file).href)) as { default?: PluginDefinition<any> };
    if (typeof module.default?.setup !== 'function') {
      throw new Error(`${manifest.entry} must export default definePlugin({ setup(context) { ... } })`);
    }
    return module.default;
  }
}
