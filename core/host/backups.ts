/**
 * Site backups: an archive of one site (core/archive: files, online SQLite snapshots, and its
 * members from the host database) written to GUILD_BACKUP_DIR/<slug>/<slug>-<time>.tar.gz while
 * the site keeps serving, then the oldest removed beyond GUILD_BACKUP_KEEP. The time is in the
 * name, so the last backup of a site is known from its folder alone, by this host or a CLI.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { exportSite } from '../archive/index.ts';
import { siteMembers, type Auth } from '../auth/index.ts';
import { GuildError, describeError } from '../errors.ts';
import type { MediaStorage } from '../media/index.ts';
import { siteContentLocation } from '../site/index.ts';
import type { HostConfig } from './config.ts';
import type { SiteRegistry } from './registry.ts';

export interface BackupContext {
  readonly config: Pick<HostConfig, 'backupDir' | 'backupKeep' | 'databaseUrl'>;
  readonly registry: SiteRegistry;
  readonly auth: Auth;
  /** Where the sites' media are kept; a bucket's are fetched into each archive. */
  readonly media: MediaStorage;
}

export interface Backup {
  readonly slug: string;
  readonly file: string;
  readonly bytes: number;
  readonly at: Date;
  /** Older backups removed to keep GUILD_BACKUP_KEEP. */
  readonly removed: readonly string[];
}

const SUFFIX = '.tar.gz';
/** 2026-12-07T01:30:00.123Z as 2026-12-07T01-30-00.123Z: the same order, and no colons in a file name. */
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d\.\d{3}Z)$/;

export async function backupSite(context: BackupContext, slug: string): Promise<Backup> {
  const entry = context.registry.get(slug);
  if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, context.registry.sitesDir);
  if (!entry.manifest) throw new GuildError('GUILD_ERR_BACKUP_FAILED', slug, 'its site.json has never been valid, so there is nothing the host could restore');
  const dir = path.join(context.config.backupDir, slug);
  // The archives hold password hashes: only the host's own user may read them.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const at = new Date();
  const file = path.join(dir, `${slug}-${at.toISOString().replace(/:/g, '-')}${SUFFIX}`);
  // Written under a dot-name and renamed when complete: a half-written backup is never listed.
  const partial = path.join(dir, `.${path.basename(file)}.partial`);
  try {
    await exportSite(
      { slug, dir: entry.dir, manifest: entry.manifest, content: siteContentLocation(entry.dir, slug, context.config.databaseUrl), members: await siteMembers(context.auth, slug), media: context.media },
      createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
    );
    await rename(partial, file);
  } catch (error) {
    throw new GuildError('GUILD_ERR_BACKUP_FAILED', slug, describeError(error));
  } finally {
    await rm(partial, { force: true });
  }
  const removed = await rotate(dir, slug, context.config.backupKeep);
  return { slug, file, bytes: (await stat(file)).size, at, removed };
}

/** Backs up every site with a valid manifest, one after another; a failure does not stop the rest. */
export async function backupAll(context: BackupContext): Promise<Array<Backup | { readonly slug: string; readonly error: unknown }>> {
  const results: Array<Backup | { slug: string; error: unknown }> = [];
  for (const entry of context.registry.entries()) {
    try {
      results.push(await backupSite(context, entry.slug));
    } catch (error) {
      results.push({ slug: entry.slug, error });
    }
  }
  return results;
}

/** A site's backups, oldest first, with when each was taken. */
export async function listBackups(backupDir: string, slug: string): Promise<Array<{ readonly file: string; readonly at: Date }>> {
  let names: string[];
  try {
    names = await readdir(path.join(backupDir, slug));
  } catch {
    return [];
  }
  const found: Array<{ file: string; at: Date }> = [];
  for (const name of names) {
    if (!name.startsWith(`${slug}-`) || !name.endsWith(SUFFIX)) continue;
    const stamp = STAMP.exec(name.slice(slug.length + 1, -SUFFIX.length));
    if (stamp) found.push({ file: path.join(backupDir, slug, name), at: new Date(`${stamp[1]}:${stamp[2]}:${stamp[3]}`) });
  }
  return found.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** When the site's newest backup was taken; undefined when it has none (for overviews). */
export async function lastBackup(backupDir: string, slug: string): Promise<Date | undefined> {
  return (await listBackups(backupDir, slug)).at(-1)?.at;
}

async function rotate(dir: string, slug: string, keep: number): Promise<string[]> {
  const backups = await listBackups(path.dirname(dir), slug);
  const old = backups.slice(0, Math.max(0, backups.length - keep)).map((backup) => backup.file);
  await Promise.all(old.map((file) => rm(file, { force: true })));
  return old;
}
