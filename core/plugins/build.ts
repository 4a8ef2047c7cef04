/**
 * Turns a plugin folder into a module the host can import: esbuild bundles the entry with the
 * plugin's own dependencies (so two plugins may use two versions of one library), compiles
 * TypeScript, and inlines a source map so errors point at the author's lines. Bundles are named by
 * their content hash; each is built once per process and shared by every site using the plugin.
 * Sandboxed plugins get a second build of the same source: one script for QuickJS, for the
 * browser platform so that reaching for a Node built-in fails the build with a message instead of
 * failing at run time; and the guest script every sandbox evaluates first (sandbox/guest.ts).
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { GuildError } from '../errors.ts';
import type { PluginManifest } from '../manifest/index.ts';
import type { PluginDefinition } from '../sdk/context.ts';
import { definitionOf } from './start.ts';

export const SDK_ENTRY = fileURLToPath(new URL('../sdk/index.ts', import.meta.url));
const GUEST_ENTRY = fileURLToPath(new URL('./sandbox/guest.ts', import.meta.url));
/** The global the sandbox build leaves the plugin's module in (read by guest.ts). */
const SANDBOX_GLOBAL = '__guildPlugin';

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

/** esbuild options for a sandbox script: no Node platform, no source map to ship across. */
function sandboxOptions(entry: string, dir: string): esbuild.BuildOptions & { write: false } {
  return { ...bundleOptions(entry, dir), platform: 'browser', format: 'iife', target: 'es2023', sourcemap: false, logLevel: 'silent' };
}

export class PluginBuilder {
  readonly cacheDir: string;
  readonly #bundles = new Map<string, Promise<string>>();
  readonly #modules = new Map<string, Promise<PluginDefinition<any>>>();
  readonly #sandboxBundles = new Map<string, Promise<string>>();
  #guestScript: Promise<string> | undefined;

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

  /** The plugin as one script for its sandbox, built on first use; a Node built-in fails the build. */
  sandboxBundle(dir: string, manifest: PluginManifest): Promise<string> {
    return this.#once(this.#sandboxBundles, `${dir}@${manifest.version}`, async () => {
      const result = await esbuild.build({ ...sandboxOptions(path.join(dir, manifest.entry), dir), globalName: SANDBOX_GLOBAL }).catch((error: { errors?: esbuild.Message[] }) => {
        throw new GuildError('GUILD_ERR_PLUGIN_SANDBOX_BUILD', manifest.id, (error.errors ?? []).map((problem) => `${problem.location?.file ?? manifest.entry}: ${problem.text}`).join('; ') || String(error));
      });
      return result.outputFiles[0]!.text;
    });
  }

  /** The script every sandbox evaluates before the plugin: the guest side of the bridge. */
  guestScript(): Promise<string> {
    this.#guestScript ??= esbuild.build(sandboxOptions(GUEST_ENTRY, path.dirname(GUEST_ENTRY))).then((result) => result.outputFiles[0]!.text);
    this.#guestScript.catch(() => (this.#guestScript = undefined));
    return this.#guestScript;
  }

  /** Forgets built plugins, so changed source is built again on next use. */
  invalidate(dir?: string): void {
    for (const cache of [this.#bundles, this.#modules, this.#sandboxBundles]) {
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
