/**
 * The site archive: one tar.gz holding
 *   archive.json       what this is: format version, the site's slug and title, when, which Guild
 *   site/              the site folder: site.json, seed.json, and data/ with the uploads
 *   site/data/*.db     each database as an online snapshot, consistent while the site served
 *   accounts.json      who may log in to the site (from the host database): each person's email,
 *                      name and password hash (never the password), role and author (version 2)
 *   checksums.sha256   a SHA-256 line per file ("<hex>  <path>", as sha256sum writes it)
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export const ARCHIVE_FORMAT = 'guild-site-archive';
/** 2: accounts.json was added; a host that reads only version 1 says the archive is newer. */
export const ARCHIVE_VERSION = 2;
export const DESCRIPTOR = 'archive.json';
export const ACCOUNTS = 'accounts.json';
export const CHECKSUMS = 'checksums.sha256';
export const SITE_FOLDER = 'site';

export interface ArchiveDescriptor {
  readonly format: typeof ARCHIVE_FORMAT;
  readonly version: number;
  readonly slug: string;
  readonly title: string;
  readonly createdAt: string;
  readonly guild: string;
  readonly databases: readonly string[];
}

/** One person who may log in to the site, as the archive carries them. */
export interface ArchivedMember {
  readonly email: string;
  readonly name: string;
  /** The scrypt hash the host stores ("scrypt$..."); a restored site is logged into with the old password. */
  readonly passwordHash: string;
  readonly role: 'owner' | 'editor' | 'author';
  readonly authorSlug: string;
}

/** The shape accounts.json must have; a reason when it does not. */
export function memberProblem(value: unknown, index: number): string | undefined {
  const member = value as Partial<Record<keyof ArchivedMember, unknown>> | null;
  const where = `${ACCOUNTS} entry ${index}`;
  if (typeof member !== 'object' || member === null) return `${where} is not an object`;
  if (typeof member.email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(member.email)) return `${where} has no valid email`;
  if (typeof member.name !== 'string' || !member.name.trim()) return `${where} (${member.email}) has no name`;
  if (typeof member.passwordHash !== 'string' || !member.passwordHash.startsWith('scrypt$')) return `${where} (${member.email}) has no password hash`;
  if (!['owner', 'editor', 'author'].includes(member.role as string)) return `${where} (${member.email}) has no role (owner, editor or author)`;
  if (typeof member.authorSlug !== 'string' || !member.authorSlug) return `${where} (${member.email}) names no author`;
  return undefined;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function formatChecksums(sums: ReadonlyMap<string, string>): string {
  return [...sums].map(([file, sum]) => `${sum}  ${file}\n`).join('');
}

export function parseChecksums(text: string): Map<string, string> | undefined {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!match) return undefined;
    sums.set(match[2]!, match[1]!);
  }
  return sums;
}
