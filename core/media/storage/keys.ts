/**
 * What may name a site and a file in a store. Both become parts of a path on disk or of an
 * object key in a bucket, where "..", an empty segment or a backslash could reach another site's
 * files (some S3-compatible servers keep objects as files and resolve ".."), so anything else
 * is refused before a store is asked.
 */
import { GuildError } from '../../errors.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** A segment of a key: no dot-names (never served, as express.static ignored them), no separators or control characters. */
const SEGMENT = /^[^./\\\x00-\x1f\x7f][^/\\\x00-\x1f\x7f]{0,254}$/;

export function checkedSlug(slug: string): string {
  if (!SLUG.test(slug)) throw new GuildError('GUILD_ERR_NOT_FOUND', `Site "${slug}"`);
  return slug;
}

/** Whether `key` is a file's path under a site's images: segments joined by "/", none of them "", "." or "..". */
export function isKey(key: string): boolean {
  return key.length <= 900 && key.split('/').every((segment) => SEGMENT.test(segment));
}

export function checkedKey(key: string): string {
  if (!isKey(key)) throw new GuildError('GUILD_ERR_NOT_FOUND', `File "${key}"`);
  return key;
}
