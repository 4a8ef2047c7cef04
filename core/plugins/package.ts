/**
 * A plugin folder as its author ships it: checked (manifest by JSON path, the capabilities it
 * needs, an entry that compiles, SQL both database engines accept), then built into dist/ (one bundled, source-mapped index.mjs with
 * the plugin's own dependencies inside, its plugin.json pointing at it, its README, LICENSE and
 * screenshots/) and packed into an archive listing every file with its sha256 integrity hash.
 */
import { copyFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { readManifest, type ManifestProblem, type PluginManifest } from '../manifest/index.ts';
import { integrityOf, packDirectory, type Packed } from '../packages/index.ts';
import { bundleOptions } from './build.ts';
import { manifestCapabilityProblems } from './capabilities.ts';
import { unportableSqlProblems } from './check-sql.ts';

export interface PluginCheckResult {
  readonly manifest: PluginManifest | undefined;
  readonly problems: readonly ManifestProblem[];
}

/** Every problem with a plugin folder, each with its file and JSON path (or line). */
export async function checkPluginFolder(dir: string): Promise<PluginCheckResult> {
  const file = path.join(dir, 'plugin.json');
  const read = await readManifest('plugin', file);
  if (!read.ok) return { manifest: undefined, problems: read.problems };
  const manifest = read.manifest;
  const problems: ManifestProblem[] = [...manifestCapabilityProblems(manifest, file)];
  const entry = path.join(dir, manifest.entry);
  if (!existsSync(entry)) problems.push({ file, path: '/entry', message: `names ${manifest.entry}, which does not exist` });
  else {
    const result = await esbuild.build({ ...bundleOptions(entry, dir), sourcemap: false }).catch((error: esbuild.BuildFailure) => error);
    for (const message of 'errors' in result ? result.errors : []) {
      problems.push({ file: message.location ? path.join(dir, message.location.file) : entry, path: message.location ? `line ${message.location.line} column ${message.location.column + 1}` : '/', message: `does not compile: ${message.text}` });
    }
  }
  problems.push(...(await unportableSqlProblems(dir)));
  return { manifest, problems };
}

export interface BuiltPlugin {
  readonly manifest: PluginManifest;
  readonly dist: string;
  readonly packed: Packed;
  /** The archive's own hash, "sha256-<base64>". */
  readonly integrity: string;
}

/** Builds `<dir>/dist` and packs it to `<dir>/dist/<id>-<version>.tar.gz`. Throws with the problems when the check fails. */
export async function buildPluginPackage(dir: string): Promise<BuiltPlugin> {
  const { manifest, problems } = await checkPluginFolder(dir);
  if (!manifest || problems.length > 0) throw Object.assign(new Error(`${path.join(dir, 'plugin.json')} has problems; run "guild plugin check"`), { problems });
  const dist = path.join(dir, 'dist');
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  const result = await esbuild.build({ ...bundleOptions(path.join(dir, manifest.entry), dir), sourcesContent: true });
  await writeFile(path.join(dist, 'index.mjs'), result.outputFiles[0]!.text);
  const { $schema: _schema, ...shipped } = JSON.parse(await readFile(path.join(dir, 'plugin.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(path.join(dist, 'plugin.json'), `${JSON.stringify({ ...shipped, entry: 'index.mjs' }, null, 2)}\n`);
  for (const extra of ['README.md', 'LICENSE']) if (existsSync(path.join(dir, extra))) await copyFile(path.join(dir, extra), path.join(dist, extra));
  // The directory shows these on the plugin's page.
  if (existsSync(path.join(dir, 'screenshots'))) await cp(path.join(dir, 'screenshots'), path.join(dist, 'screenshots'), { recursive: true });
  const packed = await packDirectory({ dir: dist, kind: 'plugin', id: manifest.id, version: manifest.version, out: path.join(dist, `${manifest.id}-${manifest.version}.tar.gz`) });
  return { manifest, dist, packed, integrity: integrityOf(await readFile(packed.file)) };
}
