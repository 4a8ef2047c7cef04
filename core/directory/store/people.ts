/** People in the directory (developers and freelancers) and the public keys they sign with. */
import type { SqliteDatabase } from '../../content/index.ts';
import { GuildError } from '../../errors.ts';

/** The handle format the manifests use for authors and builders. */
export const HANDLE = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export interface Person {
  readonly handle: string;
  readonly name: string | null;
  readonly bio: string | null;
  readonly url: string | null;
  readonly createdAt: string;
  readonly keys: readonly string[];
}

export function getPerson(db: SqliteDatabase, handle: string): Person | undefined {
  const row = db.prepare('SELECT handle, name, bio, url, created_at AS createdAt FROM people WHERE handle = ?').get(handle) as Omit<Person, 'keys'> | undefined;
  return row ? { ...row, keys: keysOf(db, handle) } : undefined;
}

export function keysOf(db: SqliteDatabase, handle: string): string[] {
  return db.prepare('SELECT public_key FROM keys WHERE handle = ? ORDER BY created_at').pluck().all(handle) as string[];
}

/** Makes sure a person exists, e.g. a builder named by a registered site. */
export function ensurePerson(db: SqliteDatabase, handle: string, now: string, details: { name?: string | null; bio?: string | null; url?: string | null } = {}): void {
  db.prepare(
    `INSERT INTO people (handle, name, bio, url, created_at) VALUES (@handle, @name, @bio, @url, @now)
     ON CONFLICT(handle) DO UPDATE SET name = COALESCE(@name, name), bio = COALESCE(@bio, bio), url = COALESCE(@url, url)`,
  ).run({ handle, name: details.name ?? null, bio: details.bio ?? null, url: details.url ?? null, now });
}

/**
 * Registers a handle with its first key. A handle nobody holds a key for yet (a builder named by
 * a site, say) can be claimed; one with a key can only be registered again with that same key.
 */
export function registerKey(db: SqliteDatabase, input: { handle: string; publicKey: string; name?: string; now: string }): { created: boolean } {
  if (!HANDLE.test(input.handle)) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', `"${input.handle}" is not a handle; use lowercase letters, digits and dashes, like "ada"`);
  return db.transaction(() => {
    const keys = keysOf(db, input.handle);
    if (keys.includes(input.publicKey)) return { created: false };
    if (keys.length > 0) throw new GuildError('GUILD_ERR_HANDLE_TAKEN', input.handle);
    const owner = db.prepare('SELECT handle FROM keys WHERE public_key = ?').pluck().get(input.publicKey) as string | undefined;
    if (owner) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', `this key is already registered for "${owner}"; make a new key for another handle`);
    ensurePerson(db, input.handle, input.now, { name: input.name ?? null });
    db.prepare('INSERT INTO keys (public_key, handle, created_at) VALUES (?, ?, ?)').run(input.publicKey, input.handle, input.now);
    return { created: true };
  })();
}
