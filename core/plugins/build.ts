/**
 * Turns a plugin folder into a module the host can import: esbuild bundles the entry with the
 * plugin's own dependencies (so two plugins may use two versions of one library), compiles
 * TypeScript, and inlines a source map so errors point at the author's lines. Bundles are named by
 * their content hash; each is built once per process and shared by every site using the plugin.
 * The same builder makes the bootstrap script isolated plugins' worker threads start from.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { PluginManifest } from '../manifest/index.ts';
import type { PluginDefinition } from '../sdk/context.ts';
import { definitionOf } from './start.ts';

export const SDK_ENTRY = fileURLToPath(new URL('../sdk/index.ts', import.meta.url));
const WORKER_ENTRY = fileURLToPath(new URL('./isolation/worker.ts', import.meta.url));

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
  readonly #bundles = new Map<string, Promise<string>>();
  readonly #modules = new Map<string, Promise<PluginDefinition<any>>>();
  #workerScript: Promise<string> | undefined;

  constructor(cacheDir: string) {
    this.cacheDir = cacheDir;
  }

  /** The plugin's bundle on disk, built on first use. */
  bundle(dir: string, manifest: PluginManifest): Promise<string> {
    return this.#once(this.#bundles, `${dir}@${manifest.version}`, () => this.#build(dir, manifest));
  }

  /** The plugin's definition (its default export), built and imported into this thread on first use. */
  load(dir: string, manifest: PluginManifest): Promise<PluginDefinition<any>> {
    return this.#once(this.#modules, `${dir}@${manifest.version}`, async () =>
      definitionOf((await import(pathToFileURL(await this.bundle(dir, manifest)).href)) as { default?: unknown }, manifest),
    );
  }

  /** The script isolated plugins' workers run: built once per process, its native module left to Node. */
  workerScript(): Promise<string> {
    this.#workerScript ??= (async () => {
      const require = createRequire(import.meta.url);
      const result = await esbuild.build({
        ...bundleOptions(WORKER_ENTRY, path.dirname(WORKER_ENTRY)),
        plugins: [
          {
            name: 'native-modules',
            setup: (build) => build.onResolve({ filter: /^better-sqlite3$/ }, (args) => ({ path: pathToFileURL(require.resolve(args.path)).href, external: true })),
          },
        ],
      });
      return this.#write('guild-plugin-worker', result.outputFiles[0]!.text);
    })();
    this.#workerScript.catch(() => (this.#workerScript = undefined));
    return this.#workerScript;
  }

  /** Forgets built plugins, so changed source is built again on next use. */
  invalidate(dir?: string): void {
    for (const cache of [this.#bundles, this.#modules]) {
      for (const key of cache.keys()) if (!dir || key.startsWith(`${dir}@`)) cache.delete(key);
    }
  }

  #once<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    let value = cache.get(key);
    if (!value) {
      value = make();
      cache.set(key, value);
      value.catch(() => cache.delete(key));
    }
    return value;
  }

  async #build(dir: string, manifest: PluginManifest): Promise<string> {
    const result = await esbuild.build(bundleOptions(path.join(dir, manifest.entry), dir));
    return this.#write(`${manifest.id}@${manifest.version}`, result.outputFiles[0]!.text);
  }

  async #write(name: string, code: string): Promise<string> {
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const file = path.join(this.cacheDir, `${name}-${hash}.mjs`);
    await mkdir(this.cacheDir, { recursive: true });
    await writeFile(file, code);
    return file;
  }
}
