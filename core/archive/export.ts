/**
 * Writes a site archive while the site keeps serving. The site folder is staged first (beside
 * the sites, so it never shows up as a site): files copied, every SQLite database taken with
 * the online backup in one step (a consistent snapshot, however busy the site), then every file
 * summed and the lot streamed out as tar.gz. Media kept in a bucket rather than the folder are
 * downloaded into the archive where the folder would hold them, so an archive is the same
 * whichever store made it, and restores onto either. Content kept in PostgreSQL is copied into the
 * staged SQLite file (beside what the site keeps there), so an archive is the same from either
 * engine too.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { create } from 'tar';
import { contentDatabaseFile, copyContent, openContentStore, openDatabase, SqliteContentStore, type ContentLocation } from '../content/index.ts';
import { copyMedia, imagesDirIn, localStorage, type MediaStorage } from '../media/index.ts';
import { MIRROR_MARKER, type SiteManifest } from '../manifest/index.ts';
import { GUILD_VERSION } from '../version.ts';
import { ACCOUNTS, ARCHIVE_FORMAT, ARCHIVE_VERSION, CHECKSUMS, DESCRIPTOR, SITE_FOLDER, formatChecksums, sha256File, type ArchiveDescriptor, type ArchivedMember } from './format.ts';

export interface SiteToExport {
  readonly slug: string;
  readonly dir: string;
  readonly manifest: SiteManifest;
  /** Where its content is (default: the folder's SQLite file); from PostgreSQL it is copied into the archive's SQLite file. */
  readonly content?: ContentLocation;
  /** Who may log in to it (from the host database), so that the restored site can be logged into. */
  readonly members?: readonly ArchivedMember[];
  /** Where the host keeps media; files in a bucket are fetched into the archive. */
  readonly media?: MediaStorage;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0');
/** Files SQLite keeps beside a live database; the snapshot replaces them. */
const SQLITE_COMPANIONS = /-(wal|shm|journal)$/;

export async function exportSite(site: SiteToExport, out: Writable): Promise<ArchiveDescriptor> {
  const staging = await mkdtemp(path.join(path.dirname(site.dir), `.export-${site.slug}-`));
  try {
    const databases: string[] = [];
    const stagedSite = path.join(staging, SITE_FOLDER);
    let files = await stage(site.dir, stagedSite, SITE_FOLDER, databases);
    if (site.content && !('file' in site.content)) {
      const inArchive = await fromPostgres(site.content, stagedSite);
      if (!files.includes(inArchive)) files.push(inArchive);
      if (!databases.includes(inArchive)) databases.push(inArchive);
    }
    if (site.media && !site.media.inSiteFolder) {
      // The bucket's files, where the folder would hold them; any left in the folder from before the host used a bucket are not the site's.
      const imagesDir = imagesDirIn(stagedSite);
      const inArchive = `${path.relative(staging, imagesDir).split(path.sep).join('/')}/`;
      await rm(imagesDir, { recursive: true, force: true });
      const keys = await copyMedia(site.media.forSite(site), localStorage().forSite({ slug: site.slug, dir: stagedSite }));
      files = [...files.filter((name) => !name.startsWith(inArchive)), ...keys.map((key) => inArchive + key)];
    }
    const descriptor: ArchiveDescriptor = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      slug: site.slug,
      title: site.manifest.title,
      createdAt: new Date().toISOString(),
      guild: GUILD_VERSION,
      databases,
    };
    await writeFile(path.join(staging, DESCRIPTOR), `${JSON.stringify(descriptor, null, 2)}\n`);
    const top = [DESCRIPTOR];
    if (site.members) {
      await writeFile(path.join(staging, ACCOUNTS), `${JSON.stringify(site.members, null, 2)}\n`, { mode: 0o600 });
      top.push(ACCOUNTS);
    }
    const sums = new Map<string, string>();
    for (const file of [...top, ...files]) sums.set(file, await sha256File(path.join(staging, file)));
    await writeFile(path.join(staging, CHECKSUMS), formatChecksums(sums));
    await pipeline(create({ gzip: true, cwd: staging, portable: true }, [...top, ...files, CHECKSUMS]), out);
    return descriptor;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Copies the site's content from its schema into the staged SQLite file (made when the site has
 * none), as one read of each table; returns the file's path in the archive.
 */
async function fromPostgres(content: Exclude<ContentLocation, { file: string }>, stagedSite: string): Promise<string> {
  const file = contentDatabaseFile(stagedSite);
  const source = await openContentStore(content);
  try {
    const target = new SqliteContentStore(file);
    try {
      await copyContent(source, target);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
  return `${SITE_FOLDER}/${path.relative(stagedSite, file).split(path.sep).join('/')}`;
}

/** Copies a folder into the staging area; returns the archive paths of the files, in order. */
async function stage(from: string, to: string, prefix: string, databases: string[]): Promise<string[]> {
  await mkdir(to, { recursive: true });
  const files: string[] = [];
  const entries = (await readdir(from, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const names = new Set(entries.map((entry) => entry.name));
  for (const entry of entries) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    const inArchive = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      files.push(...(await stage(source, target, inArchive, databases)));
    } else if (entry.isFile()) {
      if (entry.name === MIRROR_MARKER) continue;
      const companion = SQLITE_COMPANIONS.exec(entry.name);
      if (companion && names.has(entry.name.slice(0, companion.index))) continue;
      if (await isSqlite(source)) {
        await snapshot(source, target);
        databases.push(inArchive);
      } else {
        // A clone where the file system can, a copy where not: uploads are never linked.
        await copyFile(source, target, constants.COPYFILE_FICLONE);
      }
      files.push(inArchive);
    }
    // Links and other special files are not content; an archive never carries them.
  }
  return files;
}

async function isSqlite(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    return bytesRead === header.length && header.equals(SQLITE_HEADER);
  } finally {
    await handle.close();
  }
}

async function snapshot(file: string, target: string): Promise<void> {
  const db = openDatabase(file, { readonly: true });
  try {
    // All pages in one step: one read transaction, so writers carry on and the copy is consistent.
    await db.backup(target, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
}
