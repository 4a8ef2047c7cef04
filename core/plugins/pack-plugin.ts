/**
 * Builds a plugin folder into what it ships as, for `guild publish`: dist/ holds one bundled,
 * source-mapped index.mjs (the plugin's own dependencies inside), its plugin.json pointing at it,
 * its README, LICENSE and screenshots/, packed into <id>-<version>.tar.gz with every file's hash.
 *
 * Stand-in until the plugin SDK branch (issue 4) lands: its `buildPluginPackage` in package.ts has
 * this same signature and result, and replaces this file when the branches meet.
 */
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { GuildError } from '../errors.ts';
import { formatProblem, readManifest, type PluginManifest } from '../manifest/index.ts';
import { integrityOf, packDirectory, type Packed } from '../packages/index.ts';
import { bundleOptions } from './build.ts';

export interface BuiltPlugin {
  readonly manifest: PluginManifest;
  readonly dist: string;
  readonly packed: Packed;
  /** The archive's own hash, "sha256-<base64>". */
  readonly integrity: string;
}

export async function buildPluginPackage(dir: string): Promise<BuiltPlugin> {
  const file = path.join(dir, 'plugin.json');
  const read = await readManifest('plugin', file);
  if (!read.ok) throw new GuildError('GUILD_ERR_MANIFEST_INVALID', file, read.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n'));
  const manifest = read.manifest;
  const dist = path.join(dir, 'dist');
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  const result = await esbuild.build({ ...bundleOptions(path.join(dir, manifest.entry), dir), sourcesContent: true });
  await writeFile(path.join(dist, 'index.mjs'), result.outputFiles[0]!.text);
  const { $schema: _schema, ...shipped } = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(path.join(dist, 'plugin.json'), `${JSON.stringify({ ...shipped, entry: 'index.mjs' }, null, 2)}\n`);
  for (const extra of ['README.md', 'LICENSE']) if (existsSync(path.join(dir, extra))) await copyFile(path.join(dir, extra), path.join(dist, extra));
  if (existsSync(path.join(dir, 'screenshots'))) await cp(path.join(dir, 'screenshots'), path.join(dist, 'screenshots'), { recursive: true });
  const packed = await packDirectory({ dir: dist, kind: 'plugin', id: manifest.id, version: manifest.version, out: path.join(dist, `${manifest.id}-${manifest.version}.tar.gz`) });
  return { manifest, dist, packed, integrity: integrityOf(await readFile(packed.file)) };
}
