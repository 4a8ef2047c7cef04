/**
 * Reads a package archive and checks it before anything of it is used: every entry a plain file
 * or folder under `package/` (no links, devices, absolute paths or ".."), a manifest, and every
 * file present once, with the size and sha256 hash the manifest lists. `extractPackage` writes the
 * files out only after all of that passed, so a damaged or hostile archive changes nothing.
 */
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { GuildError } from '../errors.ts';
import { integrityOf } from './pack.ts';
import { MANIFEST_NAME, ROOT, type PackageManifest } from './types.ts';

export interface ReadPackage {
  readonly manifest: PackageManifest;
  /** The files by their path inside the package. */
  readonly files: ReadonlyMap<string, Buffer>;
}

/** At most this much unpacked, so a small archive cannot fill the disk or memory. */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

export interface ReadOptions {
  /**
   * Stop reading, and refuse with GUILD_ERR_PACKAGE_UNPACKED, once the files hold more than this
   * (default 200 MB). Reading stops at once: a compression bomb is never inflated in full.
   */
  readonly maxUnpackedBytes?: number;
}

export async function readPackage(file: string, options: ReadOptions = {}): Promise<ReadPackage> {
  const refuse = (reason: string): never => {
    throw new GuildError('GUILD_ERR_PACKAGE', file, reason);
  };
  const limit = options.maxUnpackedBytes ?? MAX_UNPACKED_BYTES;
  const contents = new Map<string, Buffer>();
  const problems: string[] = [];
  let unpacked = 0;
  const parser = new tar.Parser({
    strict: true,
    onReadEntry: (entry) => {
      const name = entry.path;
      const unsafe = path.posix.isAbsolute(name) || path.win32.isAbsolute(name) || name.split(/[\\/]/).includes('..');
      if (unsafe) problems.push(`${name}: an entry may not be an absolute path or climb with ".."`);
      else if (entry.type !== 'File' && entry.type !== 'Directory') problems.push(`${name}: is a ${entry.type}; packages hold only files and folders`);
      else if (name !== ROOT && !name.startsWith(`${ROOT}/`)) problems.push(`${name}: every entry must be inside "${ROOT}/"`);
      if (entry.type !== 'File' || problems.length > 0) return entry.resume();
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => {
        unpacked += chunk.length;
        if (unpacked <= limit) chunks.push(chunk);
        else parser.abort(new Error('over the unpacked limit'));
      });
      entry.on('end', () => {
        const relative = name.slice(ROOT.length + 1);
        if (contents.has(relative)) problems.push(`${name}: appears twice`);
        contents.set(relative, Buffer.concat(chunks));
      });
    },
  });
  const overLimit = () => new GuildError('GUILD_ERR_PACKAGE_UNPACKED', file, String(limit));
  try {
    await pipeline(createReadStream(file), parser);
  } catch (error) {
    if (unpacked > limit) throw overLimit();
    refuse(`it is not a readable .tar.gz (${(error as Error).message})`);
  }
  if (unpacked > limit) throw overLimit();
  if (problems.length > 0) refuse(problems.join('; '));

  const manifestText = contents.get(MANIFEST_NAME);
  if (!manifestText) refuse(`it has no ${ROOT}/${MANIFEST_NAME}; build it with "guild theme build"`);
  let manifest: PackageManifest;
  try {
    manifest = JSON.parse(manifestText!.toString('utf8')) as PackageManifest;
  } catch {
    return refuse(`${ROOT}/${MANIFEST_NAME} is not valid JSON`);
  }
  if (manifest.guild !== 1 || !Array.isArray(manifest.files)) refuse(`${ROOT}/${MANIFEST_NAME} is not a Guild package manifest`);
  contents.delete(MANIFEST_NAME);
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const content = contents.get(entry.path);
    if (!content) problems.push(`${entry.path}: listed in the manifest but missing`);
    else if (content.length !== entry.size || integrityOf(content) !== entry.integrity) problems.push(`${entry.path}: does not match its hash; the archive is damaged or was changed`);
  }
  for (const name of contents.keys()) if (!listed.has(name)) problems.push(`${name}: is not listed in the manifest`);
  if (problems.length > 0) refuse(problems.join('; '));
  return { manifest, files: contents };
}

/** Verifies a package, then writes its files into `dest` (created if needed). */
export async function extractPackage(file: string, dest: string): Promise<PackageManifest> {
  const { manifest, files } = await readPackage(file);
  for (const [relative, content] of files) {
    const target = path.resolve(dest, relative);
    if (!target.startsWith(path.resolve(dest) + path.sep)) throw new GuildError('GUILD_ERR_PACKAGE', file, `${relative} would land outside ${dest}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return manifest;
}
