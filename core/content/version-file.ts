/**
 * A site's content version, readable without opening its database: a small file beside it
 * (`content.db.version`) that every committed write of any process grows by one byte. Its size
 * is a counter, so asking for the version is two stat calls (about a microsecond each), and the
 * page cache can tell whether a page rendered earlier, by this process or another before a
 * restart, is still current without opening the site. The database file's inode is part of the
 * version, so a restored or replaced database never matches pages of the one before. When the
 * file has grown large it is replaced by a fresh one (a new inode), which also moves the version.
 *
 * A render asks for the version of its site several times (its render memo on every load), so a
 * version read is kept until the event loop's next turn: requests handled in the same turn see the
 * same instant, and a write made by this process forgets it at once, so a change is never missed.
 */
import { appendFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

/** Bytes the version file may grow to before it is started afresh. */
const RESTART_AT = 64 * 1024;

export function versionFileOf(databaseFile: string): string {
  return `${databaseFile}.version`;
}

/** Says that the content in `databaseFile` changed; call it after the change is committed. */
export function bumpContentVersion(databaseFile: string): void {
  const file = versionFileOf(databaseFile);
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (size < RESTART_AT) appendFileSync(file, '.');
  else {
    const fresh = `${file}.${process.pid}.tmp`;
    writeFileSync(fresh, '.');
    renameSync(fresh, file);
  }
  readThisTurn.delete(databaseFile);
}

/** The content version of `databaseFile` as it is on disk now: changes with every committed write. */
export function contentVersion(databaseFile: string): string {
  const known = readThisTurn.get(databaseFile);
  if (known !== undefined) return known;
  const version = readContentVersion(databaseFile);
  if (readThisTurn.size === 0) setImmediate(() => readThisTurn.clear()).unref();
  readThisTurn.set(databaseFile, version);
  return version;
}

/** Versions read during this turn of the event loop, by database file (see the top of this file). */
const readThisTurn = new Map<string, string>();

function readContentVersion(databaseFile: string): string {
  const database = statSync(databaseFile, { throwIfNoEntry: false });
  const version = statSync(versionFileOf(databaseFile), { throwIfNoEntry: false });
  return `${database?.ino ?? 0}.${version?.ino ?? 0}.${version?.size ?? 0}`;
}
