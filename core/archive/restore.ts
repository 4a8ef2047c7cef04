/**
 * Recreates a site from its archive. Every entry is checked before it is written (regular files
 * and folders only; no absolute paths, no "..", no links), everything is unpacked into a hidden
 * staging folder beside the sites, every checksum is verified, the manifest is checked, and only
 * then is the folder renamed into place in one step. A damaged or unsafe archive changes nothing.
 * A host keeping media in a bucket uploads the archive's files there under the site's slug; one
 * keeping content in PostgreSQL loads the archive's content into the site's schema (and takes it
 * out of the SQLite file, where it would be a stale copy).
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Parser, type ReadEntry } from 'tar';
import { contentDatabaseFile, copyContent, openDatabase, PgContentStore, PgDatabase, removeDatabase, siteSchema, SqliteContentStore } from '../content/index.ts';
import { GuildError, describeError } from '../errors.ts';
import { copyMedia, imagesDirIn, isKey, localStorage, type MediaStorage } from '../media/index.ts';
import { SCHEMA_FILES, formatProblem, parseManifest, type SiteManifest } from '../manifest/index.ts';
import { ACCOUNTS, ARCHIVE_FORMAT, ARCHIVE_VERSION, CHECKSUMS, DESCRIPTOR, SITE_FOLDER, memberProblem, parseChecksums, type ArchiveDescriptor, type ArchivedMember } from './format.ts';

export interface RestoreOptions {
  readonly sitesDir: string;
  /** What to call it in messages, e.g. the archive's path. */
  readonly name: string;
  /** Restore under another slug (a copy beside the original, say). */
  readonly as?: string;
  /** Host names the restored site answers to, instead of the archive's. */
  readonly domains?: readonly string[];
  /** The site serving a host name here already, if any. */
  readonly domainOwner: (domain: string) => string | undefined;
  /** Where this host keeps media; a bucket receives the archive's files. */
  readonly media?: MediaStorage;
  /** The PostgreSQL database this host keeps content in (GUILD_DATABASE_URL); the content goes into the site's schema there. */
  readonly databaseUrl?: string;
}

export interface RestoredSite {
  readonly slug: string;
  readonly dir: string;
  readonly manifest: SiteManifest;
  readonly descriptor: ArchiveDescriptor;
  /** Domains of the archive left out because another site here serves them. */
  readonly droppedDomains: readonly string[];
  /** Who may log in to it, for the host database (none in archives made before version 2). */
  readonly members: readonly ArchivedMember[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export async function restoreSite(archive: Readable, options: RestoreOptions): Promise<RestoredSite> {
  const refuse = (reason: string): never => {
    throw new GuildError('GUILD_ERR_ARCHIVE_INVALID', options.name, reason);
  };
  if (options.as !== undefined && !SLUG.test(options.as)) refuse(`"${options.as}" is not a site slug (lowercase letters, digits and dashes)`);
  await mkdir(options.sitesDir, { recursive: true });
  const staging = await mkdtemp(path.join(options.sitesDir, '.restore-'));
  try {
    const sums = await unpack(archive, staging, refuse);
    await verify(staging, sums, refuse);
    const descriptor = await readDescriptor(staging, refuse);
    const members = sums.has(ACCOUNTS) ? await readMembers(path.join(staging, ACCOUNTS), refuse) : [];
    const slug = options.as ?? descriptor.slug;
    if (!SLUG.test(slug)) refuse(`the archive names its site "${slug}", which is not a slug`);
    const dir = path.join(options.sitesDir, slug);
    if (existsSync(dir)) throw new GuildError('GUILD_ERR_SITE_EXISTS', slug, options.sitesDir);
    const siteDir = path.join(staging, SITE_FOLDER);
    for (const database of descriptor.databases) checkDatabase(path.join(staging, database), database, refuse);
    const { manifest, droppedDomains } = await rewriteManifest(siteDir, slug, options, refuse);
    const undoContent = options.databaseUrl ? await intoPostgres(options.databaseUrl, siteDir, slug) : undefined;
    try {
      if (options.media && !options.media.inSiteFolder) await intoBucket(options.media, siteDir, { slug, dir }, refuse);
      else await rename(siteDir, dir);
    } catch (error) {
      await undoContent?.();
      throw error;
    }
    return { slug, dir, manifest, descriptor, droppedDomains, members };
  } finally {
    await rm(staging, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * Loads the staged SQLite file's content into the site's schema, which must not exist yet, and
 * drops it from the file; returns how to drop the schema again if the restore fails later.
 */
async function intoPostgres(databaseUrl: string, siteDir: string, slug: string): Promise<() => Promise<void>> {
  const schema = siteSchema(slug);
  const file = contentDatabaseFile(siteDir);
  const db = new PgDatabase(databaseUrl, { maxConnections: 2 });
  try {
    if (await db.schemaExists(schema)) throw new GuildError('GUILD_ERR_SCHEMA_TAKEN', slug, schema);
    // An archive of a site never opened has no content yet: its schema is made and seeded when it first opens.
    if (existsSync(file)) {
      const source = new SqliteContentStore(file);
      try {
        const target = await PgContentStore.open(db, schema);
        try {
          await copyContent(source, target);
        } catch (error) {
          await db.dropSchema(schema);
          throw error;
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
      // Its data is all in the schema now; a site on PostgreSQL has no SQLite file.
      await removeDatabase(file);
    }
  } finally {
    await db.close();
  }
  return async () => {
    const again = new PgDatabase(databaseUrl, { maxConnections: 1 });
    try {
      await again.dropSchema(schema);
    } finally {
      await again.close();
    }
  };
}

/**
 * Uploads the archive's media to the bucket under the site's slug (after clearing what a removed
 * site of that slug may have left there), then moves the folder, without them, into place. A
 * failure removes what was uploaded.
 */
async function intoBucket(media: MediaStorage, siteDir: string, site: { slug: string; dir: string }, refuse: (reason: string) => never): Promise<void> {
  const staged = localStorage().forSite({ slug: site.slug, dir: siteDir });
  for await (const key of staged.keys()) if (!isKey(key)) refuse(`${SITE_FOLDER}/data/content/images/${key} is not a name a media file can have`);
  const target = media.forSite(site);
  await target.removeAll();
  try {
    await copyMedia(staged, target);
    await rm(imagesDirIn(siteDir), { recursive: true, force: true });
    await rename(siteDir, site.dir);
  } catch (error) {
    await target.removeAll().catch(() => undefined);
    throw error;
  }
}

/** Unpacks entry by entry, hashing as it writes; returns the checksum list the archive carries. */
async function unpack(archive: Readable, staging: string, refuse: (reason: string) => never): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  const writes: Array<{ readonly out: WriteStream; readonly done: Promise<void>; ended: boolean }> = [];
  let problem: string | undefined;
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      const reason = problem ?? unsafe(entry);
      if (reason) {
        problem ??= reason;
        entry.resume();
        return;
      }
      const target = path.join(staging, ...entry.path.split('/'));
      // Made at once, so the entry is read as it arrives rather than piling up in memory.
      mkdirSync(entry.type === 'Directory' ? target : path.dirname(target), { recursive: true });
      if (entry.type === 'Directory') {
        entry.resume();
        return;
      }
      const hash = createHash('sha256');
      const out = createWriteStream(target, { flags: 'wx' });
      const write = {
        out,
        ended: false,
        // Settles on close, which a destroyed stream also reaches, so a cut-off archive cannot hang.
        done: new Promise<void>((resolve, reject) => {
          out.on('error', reject);
          out.on('close', () => (write.ended && out.writableFinished ? resolve() : reject(new Error(`${entry.path} was cut short`))));
        }),
      };
      write.done.then(() => void written.set(entry.path, hash.digest('hex')), () => undefined);
      entry.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        if (!out.write(chunk)) {
          entry.pause();
          out.once('drain', () => entry.resume());
        }
      });
      entry.on('end', () => {
        write.ended = true;
        out.end();
      });
      writes.push(write);
    },
  });
  let failure: unknown;
  try {
    await pipeline(archive, parser);
    if (writes.some((write) => !write.ended)) failure = new Error('the archive ends in the middle of a file');
  } catch (error) {
    failure = error;
  }
  if (failure) for (const write of writes) write.out.destroy();
  const settled = await Promise.allSettled(writes.map((write) => write.done));
  const failed = settled.find((result) => result.status === 'rejected');
  failure ??= failed?.status === 'rejected' ? failed.reason : undefined;
  if (failure) refuse(problem ?? `it is not a readable tar.gz archive (${describeError(failure)})`);
  if (problem) refuse(problem);
  const listed = written.has(CHECKSUMS) ? parseChecksums(await readFile(path.join(staging, CHECKSUMS), 'utf8')) : undefined;
  if (!listed) refuse(`it has no valid ${CHECKSUMS}`);
  written.delete(CHECKSUMS);
  for (const [file, sum] of listed!) {
    const actual = written.get(file);
    if (actual === undefined) refuse(`${file} is listed in ${CHECKSUMS} but missing`);
    if (actual !== sum) refuse(`${file} does not match its checksum: the archive is damaged`);
  }
  for (const file of written.keys()) if (!listed!.has(file)) refuse(`${file} is not listed in ${CHECKSUMS}`);
  return listed!;
}

function unsafe(entry: ReadEntry): string | undefined {
  const name = entry.path;
  if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'Directory') return `${name} is a ${entry.type}; an archive holds only files and folders`;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.includes('\\')) return `${name} is an absolute path`;
  if (name.split('/').includes('..')) return `${name} reaches outside the archive ("..")`;
  return undefined;
}

async function verify(staging: string, sums: Map<string, string>, refuse: (reason: string) => never): Promise<void> {
  if (!sums.has(DESCRIPTOR)) refuse(`it has no ${DESCRIPTOR}`);
  const top = (await readdir(staging)).filter((name) => ![DESCRIPTOR, CHECKSUMS, SITE_FOLDER, ACCOUNTS].includes(name));
  if (top.length) refuse(`it holds ${top.join(', ')}, which a site archive does not`);
  if (!sums.has(`${SITE_FOLDER}/site.json`)) refuse(`it has no ${SITE_FOLDER}/site.json`);
}

async function readDescriptor(staging: string, refuse: (reason: string) => never): Promise<ArchiveDescriptor> {
  let descriptor: ArchiveDescriptor | undefined;
  try {
    descriptor = JSON.parse(await readFile(path.join(staging, DESCRIPTOR), 'utf8')) as ArchiveDescriptor;
  } catch {
    refuse(`${DESCRIPTOR} is not JSON`);
  }
  if (descriptor!.format !== ARCHIVE_FORMAT) refuse(`it is not a Guild site archive (${DESCRIPTOR} says "${String(descriptor!.format)}")`);
  if (descriptor!.version > ARCHIVE_VERSION) refuse(`it was made by a newer Guild (archive version ${descriptor!.version}); update this host first`);
  return descriptor!;
}

async function readMembers(file: string, refuse: (reason: string) => never): Promise<ArchivedMember[]> {
  let members: unknown;
  try {
    members = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    refuse(`${ACCOUNTS} is not JSON`);
  }
  if (!Array.isArray(members)) return refuse(`${ACCOUNTS} is not a list`);
  members.forEach((member, index) => {
    const problem = memberProblem(member, index);
    if (problem) refuse(problem);
  });
  return members as ArchivedMember[];
}

function checkDatabase(file: string, name: string, refuse: (reason: string) => never): void {
  let result: unknown;
  try {
    const db = openDatabase(file, { readonly: true });
    try {
      result = db.pragma('quick_check', { simple: true });
    } finally {
      db.close();
    }
  } catch (error) {
    refuse(`${name} is not a usable database (${describeError(error)})`);
  }
  if (result !== 'ok') refuse(`${name} fails SQLite's check: ${String(result)}`);
}

async function rewriteManifest(siteDir: string, slug: string, options: RestoreOptions, refuse: (reason: string) => never) {
  const file = path.join(siteDir, 'site.json');
  const parsed = parseManifest('site', await readFile(file, 'utf8'), file);
  if (!parsed.ok) refuse(`its site.json is not valid:\n${parsed.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`);
  const manifest = parsed.ok ? parsed.manifest : undefined;
  const wanted = options.domains ?? manifest!.domains ?? [];
  const droppedDomains: string[] = [];
  const domains = wanted.filter((domain) => {
    const owner = options.domainOwner(domain);
    if (!owner) return true;
    // A copy under another slug cannot have the original's domains; a domain asked for must be free.
    if (options.as !== undefined && options.domains === undefined) {
      droppedDomains.push(domain);
      return false;
    }
    throw new GuildError('GUILD_ERR_DOMAIN_TAKEN', domain, owner);
  });
  const text = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  // The schema hint points at this install's copy, wherever the archive was made.
  const schema = path.relative(path.join(options.sitesDir, slug), fileURLToPath(SCHEMA_FILES.site)).split(path.sep).join('/');
  const updated = { ...text, ...('$schema' in text ? { $schema: schema } : {}), id: slug, domains };
  await writeFile(file, `${JSON.stringify(updated, null, 2)}\n`);
  return { manifest: { ...manifest!, id: slug, domains } as SiteManifest, droppedDomains };
}
