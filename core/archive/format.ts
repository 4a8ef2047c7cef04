/**
 * The site archive: one tar.gz holding
 *   archive.json       what this is: format version, the site's slug and title, when, which Guild
 *   site/              the site folder: site.json, seed.json, and data/ with the uploads
 *   site/data/*.db     each database as an online snapshot, consistent while the site served
 *   checksums.sha256   a SHA-256 line per file ("<hex>  <path>", as sha256sum writes it)
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export const ARCHIVE_FORMAT = 'guild-site-archive';
export const ARCHIVE_VERSION = 1;
export const DESCRIPTOR = 'archive.json';
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
