/**
 * Publishing a version, rule by rule. The directory accepts an upload only when: it is under
 * the size limit ("size"); the publisher's registered key signed it ("signature"); it unpacks to
 * no more than the unpacked limit ("unpacked-size") nor more than so many times its own size
 * ("compression-ratio"), reading stopping the moment either is passed; its readme and screenshots
 * are small enough to show ("readme", "screenshots"); the archive is
 * safe and whole ("archive": no absolute paths, "..", links, unlisted or changed files); its
 * manifest is valid and names this package and version ("manifest"); the package is new or the
 * publisher's ("owner"); and the version is new ("version-new") and higher than every earlier one
 * ("version-higher"). The archive is written under a temporary name and renamed into place, then
 * recorded in the database in one transaction: the database is the source of truth. The readme
 * goes into the database and the screenshots into files/<id>/<version>/, once, so the pages never
 * unpack an archive to answer a request.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { GuildError, isGuildError } from '../errors.ts';
import { formatProblem, parseManifest, type PackagePrice, type PluginManifest, type ThemeManifest } from '../manifest/index.ts';
import { integrityOf, readPackage, type ReadPackage } from '../packages/index.ts';
import { packageStatement, verifyText } from '../signing/index.ts';
import { keysOf } from './store/people.ts';
import { packageRow, versionsOf, type PackageKind } from './store/packages.ts';
import type { DirectorySql } from './store/sql.ts';

export interface Upload {
  readonly id: string;
  readonly version: string;
  readonly archive: Buffer;
  /** The publisher's signature of the package statement (id, version, archive hash). */
  readonly signature: string;
  /** The authenticated publisher. */
  readonly handle: string;
}

export interface PublishContext {
  readonly db: DirectorySql;
  readonly archivesDir: string;
  /** Where each version's screenshots are written at publish: <filesDir>/<id>/<version>/<path>. */
  readonly filesDir: string;
  readonly maxArchiveBytes: number;
  readonly maxUnpackedBytes: number;
  /** Unpacked bytes per archive byte, past the first megabyte. */
  readonly maxCompressionRatio: number;
  readonly now: () => Date;
}

/** What a page shows of a package, each kept small: its readme and its screenshots. */
export const README_MAX_BYTES = 256 * 1024;
export const SCREENSHOT_MAX_BYTES = 2 * 1024 * 1024;
export const MAX_SCREENSHOTS = 12;
/** Below this, any archive may unpack (a tiny package of text compresses well). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export interface Published {
  readonly id: string;
  readonly kind: PackageKind;
  readonly version: string;
  readonly integrity: string;
  readonly size: number;
}

const SCREENSHOT = /^(?:screenshots\/[^/]+|(?:assets\/)?screenshot[^/]*)\.(?:png|jpe?g|webp|gif)$/i;

export async function publish(context: PublishContext, upload: Upload): Promise<Published> {
  const { db } = context;
  if (upload.archive.length > context.maxArchiveBytes) throw new GuildError('GUILD_ERR_PUBLISH_TOO_LARGE', String(upload.archive.length), String(context.maxArchiveBytes));
  const integrity = integrityOf(upload.archive);
  const statement = packageStatement({ id: upload.id, version: upload.version, integrity });
  const signedWith = keysOf(db, upload.handle).find((key) => verifyText(statement, upload.signature ?? '', key));
  if (!signedWith) throw new GuildError('GUILD_ERR_PUBLISH_SIGNATURE', `the package signature does not match ${upload.handle}'s key for ${upload.id} ${upload.version} and this archive`);

  const incoming = path.join(context.archivesDir, '.incoming');
  await mkdir(incoming, { recursive: true });
  const staged = path.join(incoming, `${randomBytes(8).toString('hex')}.tar.gz`);
  await writeFile(staged, upload.archive);
  try {
    const read = await readUpload(context, staged, upload.archive.length);
    const screenshots = shownFiles(read);
    const described = describe(read, upload, screenshots);
    const owner = packageRow(db, upload.id);
    if (owner && owner.owner !== upload.handle) throw new GuildError('GUILD_ERR_PUBLISH_NOT_OWNER', upload.id, owner.owner, upload.handle);
    if (owner && owner.kind !== described.kind) throw new GuildError('GUILD_ERR_PUBLISH_MANIFEST', `"${upload.id}" is a ${owner.kind} in the directory; this archive is a ${described.kind}`);
    const earlier = versionsOf(db, upload.id).map((version) => version.version);
    if (earlier.includes(upload.version)) throw new GuildError('GUILD_ERR_PUBLISH_VERSION_EXISTS', upload.id, upload.version);
    const latest = semver.rsort([...earlier])[0];
    if (latest && !semver.gt(upload.version, latest)) throw new GuildError('GUILD_ERR_PUBLISH_VERSION_LOWER', upload.id, upload.version, latest);

    const relative = path.join(upload.id, `${upload.id}-${upload.version}.tar.gz`);
    const target = path.join(context.archivesDir, relative);
    const files = versionFilesDir(context.filesDir, upload.id, upload.version);
    await writeFiles(files, read, screenshots);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(staged, target);
    const now = context.now().toISOString();
    try {
      db.transaction(() => {
        if (!owner) db.run('INSERT INTO packages (id, kind, owner, created_at) VALUES (@id, @kind, @handle, @now)', { id: upload.id, kind: described.kind, handle: upload.handle, now });
        db.run(
          `INSERT INTO versions (package_id, version, name, description, manifest, readme, screenshots, capabilities, engine, licence,
             price_amount, price_currency, licence_months, licence_terms, archive, size, integrity, signature, signed_with, published_by, published_at)
           VALUES (@id, @version, @name, @description, @manifest, @readme, @screenshots, @capabilities, @engine, @licence,
             @amount, @currency, @months, @terms, @archive, @size, @integrity, @signature, @signedWith, @handle, @now)`,
          {
            ...described,
            id: upload.id,
            version: upload.version,
            archive: relative,
            size: upload.archive.length,
            integrity,
            signature: upload.signature,
            signedWith,
            handle: upload.handle,
            now,
          },
        );
      });
    } catch (error) {
      await rm(target, { force: true });
      await rm(files, { recursive: true, force: true });
      throw error;
    }
    return { id: upload.id, kind: described.kind, version: upload.version, integrity, size: upload.archive.length };
  } finally {
    await rm(staged, { force: true });
  }
}

/** Reads the staged upload under the unpacked and compression-ratio limits, naming the one it passed. */
async function readUpload(context: PublishContext, staged: string, size: number): Promise<ReadPackage> {
  const byRatio = Math.max(size * context.maxCompressionRatio, RATIO_FLOOR_BYTES);
  const limit = Math.min(context.maxUnpackedBytes, byRatio);
  try {
    return await readPackage(staged, { maxUnpackedBytes: limit });
  } catch (error) {
    if (isGuildError(error, 'GUILD_ERR_PACKAGE_UNPACKED')) {
      if (limit === context.maxUnpackedBytes) throw new GuildError('GUILD_ERR_PUBLISH_LIMIT', 'unpacked-size', `the archive unpacks to more than ${context.maxUnpackedBytes} bytes, the directory's limit`);
      throw new GuildError('GUILD_ERR_PUBLISH_LIMIT', 'compression-ratio', `the archive (${size} bytes) unpacks to more than ${context.maxCompressionRatio} times its size, the directory's limit`);
    }
    if (isGuildError(error, 'GUILD_ERR_PACKAGE')) throw new GuildError('GUILD_ERR_PUBLISH_ARCHIVE', error.message.replace(staged, 'the archive'));
    throw error;
  }
}

/** The screenshots a package's page shows, each checked against the limits. */
function shownFiles(read: ReadPackage): string[] {
  const screenshots = [...read.files.keys()].filter((name) => SCREENSHOT.test(name)).sort();
  if (screenshots.length > MAX_SCREENSHOTS) throw new GuildError('GUILD_ERR_PUBLISH_LIMIT', 'screenshots', `the package has ${screenshots.length} screenshots; at most ${MAX_SCREENSHOTS} are shown`);
  for (const name of screenshots) {
    const size = read.files.get(name)!.length;
    if (size > SCREENSHOT_MAX_BYTES) throw new GuildError('GUILD_ERR_PUBLISH_LIMIT', 'screenshots', `${name} is ${size} bytes; a screenshot may be ${SCREENSHOT_MAX_BYTES}`);
  }
  const readme = readmeOf(read);
  if (readme && read.files.get(readme)!.length > README_MAX_BYTES) throw new GuildError('GUILD_ERR_PUBLISH_LIMIT', 'readme', `${readme} is ${read.files.get(readme)!.length} bytes; a readme may be ${README_MAX_BYTES}`);
  return screenshots;
}

/** The folder a version's screenshots are kept in, beside the archives. */
export function versionFilesDir(filesDir: string, id: string, version: string): string {
  return path.join(filesDir, id, version);
}

/** Writes the named files of a read package into `dir`, which is made afresh. */
export async function writeFiles(dir: string, read: ReadPackage, names: readonly string[]): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const name of names) {
    const target = path.join(dir, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, read.files.get(name)!);
  }
}

function readmeOf(read: ReadPackage): string | undefined {
  return [...read.files.keys()].find((name) => /^readme(?:\.md|\.markdown|\.txt)?$/i.test(name));
}

/** What the directory keeps of a package's manifest; throws the "manifest" rule when it is not valid. */
function describe(read: ReadPackage, upload: Upload, screenshots: readonly string[]) {
  const refuse = (detail: string): never => {
    throw new GuildError('GUILD_ERR_PUBLISH_MANIFEST', detail);
  };
  const { kind, id, version } = read.manifest;
  if (id !== upload.id || version !== upload.version) refuse(`the archive holds ${id} ${version}, but was uploaded as ${upload.id} ${upload.version}`);
  const file = kind === 'plugin' ? 'plugin.json' : 'package.json';
  const text = read.files.get(file);
  if (kind !== 'plugin' && kind !== 'theme') refuse(`"${String(kind)}" is not a kind of package; a package is a plugin or a theme`);
  if (!text) refuse(`the archive has no ${file}`);
  const parsed = parseManifest(kind, text!.toString('utf8'), file);
  if (!parsed.ok) refuse(parsed.problems.map((problem) => formatProblem(problem)).join('; '));
  const manifest = (parsed as { manifest: PluginManifest | ThemeManifest }).manifest;
  const manifestId = kind === 'plugin' ? (manifest as PluginManifest).id : (manifest as ThemeManifest).name;
  if (manifestId !== id || manifest.version !== version) refuse(`${file} describes ${manifestId} ${manifest.version}, but the archive says ${id} ${version}`);
  let engine: string;
  let capabilities: readonly string[] = [];
  if (kind === 'plugin') {
    const plugin = manifest as PluginManifest;
    if (plugin.author.handle !== upload.handle) refuse(`plugin.json /author/handle is "${plugin.author.handle}", but ${upload.handle} is publishing it; a package names the person who publishes it`);
    if (!read.files.has(plugin.entry)) refuse(`plugin.json /entry names ${plugin.entry}, which is not in the archive`);
    engine = plugin.engine;
    capabilities = plugin.capabilities;
  } else {
    engine = (manifest as ThemeManifest).engines?.guild ?? '*';
  }
  const price: PackagePrice | undefined = manifest.price && manifest.price.amount > 0 ? manifest.price : undefined;
  const readme = readmeOf(read);
  return {
    kind,
    name: kind === 'plugin' ? (manifest as PluginManifest).name : manifestId,
    description: manifest.description ?? '',
    manifest: text!.toString('utf8'),
    readme: readme ? read.files.get(readme)!.toString('utf8') : '',
    screenshots: JSON.stringify(screenshots),
    capabilities: JSON.stringify(capabilities),
    engine,
    licence: (kind === 'plugin' ? (manifest as PluginManifest).license : (manifest as ThemeManifest).license) ?? '',
    amount: price?.amount ?? 0,
    currency: price?.currency ?? null,
    months: price?.months ?? null,
    terms: price?.terms ?? null,
  };
}
