/**
 * Where a site's media files are kept, behind one small interface, so the library, the file
 * server, export/restore and site removal do not know which: local disk (each site's own folder,
 * the default) or an S3-compatible bucket (GUILD_MEDIA_URL). A key is a file's path under the
 * site's images, as the library names it: `2026/05/loaf-3fa9c1.jpg`, `size/w800/2026/05/loaf-3fa9c1.jpg`.
 */
import type { Readable } from 'node:stream';

/** Part of a file: from `start` to `end` (inclusive; to the end when absent), or its last `suffix` bytes. */
export type ByteRange = { readonly start: number; readonly end?: number } | { readonly suffix: number };

export interface StoredFile {
  readonly body: Readable;
  /** The whole file's size, whatever part of it the body holds. */
  readonly size: number;
  /** The bytes the body holds, when a range was asked for. */
  readonly range?: { readonly start: number; readonly end: number };
  readonly etag: string;
  readonly lastModified: Date;
}

/** A range that starts beyond the file's end; `size` is the file's. */
export class RangeNotSatisfiable extends Error {
  constructor(readonly size: number) {
    super(`the range starts beyond the file's ${size} bytes`);
  }
}

/** One site's media files. */
export interface SiteMedia {
  /** Stores a new file; never replaces one (a name taken already throws). */
  write(key: string, bytes: Buffer): Promise<void>;
  /** The file (or the asked part of it), or undefined when there is none. */
  read(key: string, range?: ByteRange): Promise<StoredFile | undefined>;
  remove(keys: readonly string[]): Promise<void>;
  /** Every key the site has, in no particular order. */
  keys(): AsyncIterable<string>;
  /** Deletes every file of the site (it is being removed). */
  removeAll(): Promise<void>;
}

export interface SiteRef {
  readonly slug: string;
  readonly dir: string;
}

/** The host's media store: one per process, shared by its sites. */
export interface MediaStorage {
  /** For messages and logs: "each site's folder" or "s3://bucket/prefix". */
  readonly where: string;
  /** Whether the files live inside each site's folder, so moving or archiving the folder takes them along. */
  readonly inSiteFolder: boolean;
  /** Checks at start that the store answers, so a wrong setting fails there rather than at the first upload. */
  check(): Promise<void>;
  forSite(site: SiteRef): SiteMedia;
  /** Moves a site's files to its new slug (its folder has moved already). */
  rename(from: SiteRef, to: SiteRef): Promise<void>;
}

/** Resolves a range against the file's size; RangeNotSatisfiable when it starts beyond the end. */
export function resolveRange(range: ByteRange, size: number): { start: number; end: number } {
  if ('suffix' in range) return { start: Math.max(size - range.suffix, 0), end: size - 1 };
  if (range.start >= size) throw new RangeNotSatisfiable(size);
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}
