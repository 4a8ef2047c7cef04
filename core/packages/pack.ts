/**
 * Writes a package archive (.tar.gz) from a folder, for themes now and plugins later. Everything
 * sits under `package/`, beside `package/guild-package.json`, the manifest: what the package is
 * and every file with its size and sha256 integrity hash. Links, absolute paths and ".." are
 * refused; dotfiles, node_modules and earlier archives are left out. Archives are reproducible:
 * the same files give the same bytes.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { GuildError } from '../errors.ts';
import { MANIFEST_NAME, ROOT, type PackageFile, type PackageManifest } from './types.ts';

export interface PackOptions {
  readonly dir: string;
  readonly kind: PackageManifest['kind'];
  readonly id: string;
  readonly version: string;
  /** The archive to write; its folder is created if needed. */
  readonly out: string;
}

export interface Packed {
  readonly file: string;
  readonly manifest: PackageManifest;
  readonly bytes: number;
}

/** Names never packed: version control, editors' and systems' files, dependencies, earlier builds. */
const SKIPPED = /^(\.|node_modules$)|\.tar\.gz$|\.tgz$/;
/** Archive entries are dated at the epoch so that a build depends on the files alone. */
const FIXED_TIME = new Date(0);

export async function packDirectory(options: PackOptions): Promise<Packed> {
  const dir = path.resolve(options.dir);
  const relatives = await packageFiles(dir, path.resolve(options.out));
  const files: PackageFile[] = [];
  for (const relative of relatives) {
    const content = await readFile(path.join(dir, relative));
    files.push({ path: relative, size: content.length, integrity: integrityOf(content) });
  }
  const manifest: PackageManifest = { guild: 1, kind: options.kind, id: options.id, version: options.version, files };

  const staging = await mkdtemp(path.join(os.tmpdir(), 'guild-pack-'));
  try {
    const root = path.join(staging, ROOT);
    for (const relative of relatives) {
      await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await copyFile(path.join(dir, relative), path.join(root, relative));
    }
    await writeFile(path.join(root, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
    const entries = [MANIFEST_NAME, ...relatives].map((relative) => `${ROOT}/${relative}`);
    await tar.create({ gzip: { level: 9 }, file: path.resolve(options.out), cwd: staging, portable: true, mtime: FIXED_TIME, noDirRecurse: true }, entries);
    const { size } = await lstat(path.resolve(options.out));
    return { file: path.resolve(options.out), manifest, bytes: size };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** `sha256-<base64>`, the Subresource Integrity form npm uses too. */
export function integrityOf(content: Buffer): string {
  return `sha256-${createHash('sha256').update(content).digest('base64')}`;
}

/** The files of a folder to pack, as sorted "/"-separated paths; throws on a link. */
async function packageFiles(dir: string, out: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (SKIPPED.test(entry.name)) continue;
      const full = path.join(folder, entry.name);
      const relative = path.relative(dir, full).split(path.sep).join('/');
      if (full === out) continue;
      if (entry.isSymbolicLink()) throw new GuildError('GUILD_ERR_PACKAGE', dir, `${relative} is a link; packages hold only real files and folders. Replace it with the file itself.`);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        if (relative === MANIFEST_NAME) throw new GuildError('GUILD_ERR_PACKAGE', dir, `${MANIFEST_NAME} is a name Guild writes itself; rename that file.`);
        found.push(relative);
      }
    }
  };
  await walk(dir);
  return found.sort();
}
