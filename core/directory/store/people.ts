/** People in the directory (developers and freelancers) and the public keys they sign with. */
import { createHash, randomBytes } from 'node:crypto';
import { GuildError } from '../../errors.ts';
import { builderOf } from './sites.ts';
import type { DirectorySql } from './sql.ts';

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

export function getPerson(db: DirectorySql, handle: string): Person | undefined {
  const row = db.get<Omit<Person, 'keys'>>('SELECT handle, name, bio, url, created_at AS "createdAt" FROM people WHERE handle = @handle', { handle });
  return row ? { ...row, keys: keysOf(db, handle) } : undefined;
}

export function keysOf(db: DirectorySql, handle: string): string[] {
  return db.all<{ public_key: string }>('SELECT public_key FROM keys WHERE handle = @handle ORDER BY created_at', { handle }).map((row) => row.public_key);
}

/** Makes sure a person exists, e.g. a builder named by a registered site. */
export function ensurePerson(db: DirectorySql, handle: string, now: string, details: { name?: string | null; bio?: string | null; url?: string | null } = {}): void {
  db.run(
    `INSERT INTO people (handle, name, bio, url, created_at) VALUES (@handle, @name, @bio, @url, @now)
     ON CONFLICT (handle) DO UPDATE SET name = COALESCE(excluded.name, people.name), bio = COALESCE(excluded.bio, people.bio), url = COALESCE(excluded.url, people.url)`,
    { handle, name: details.name ?? null, bio: details.bio ?? null, url: details.url ?? null, now },
  );
}

/** How a key for a handle nobody holds a key for yet is vouched for. */
export type Claim = { readonly by: 'operator' } | { readonly by: 'invitation'; readonly code: string } | { readonly by: 'site'; readonly domain: string } | { readonly by: 'nothing' };

/**
 * Registers a handle with its first key. A new handle belongs to whoever registers it first. A
 * handle the directory already knows but nobody holds a key for (a builder named by a site, a
 * seeded author) is its owner's alone: it is claimed only with the operator's invitation or
 * through a site listed as built by it (the caller has checked the domain's proof). One with a
 * key can only be registered again with that same key.
 */
export function registerKey(db: DirectorySql, input: { handle: string; publicKey: string; name?: string; now: string; claim: Claim }): { created: boolean } {
  if (!HANDLE.test(input.handle)) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', `"${input.handle}" is not a handle; use lowercase letters, digits and dashes, like "ada"`);
  return db.transaction(() => {
    const keys = keysOf(db, input.handle);
    if (keys.includes(input.publicKey)) return { created: false };
    if (keys.length > 0) throw new GuildError('GUILD_ERR_HANDLE_TAKEN', input.handle);
    const owner = db.get<{ handle: string }>('SELECT handle FROM keys WHERE public_key = @key', { key: input.publicKey })?.handle;
    if (owner) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', `this key is already registered for "${owner}"; make a new key for another handle`);
    if (getPerson(db, input.handle)) vouch(db, input.handle, input.claim, input.now);
    ensurePerson(db, input.handle, input.now, { name: input.name ?? null });
    db.run('INSERT INTO keys (public_key, handle, created_at) VALUES (@key, @handle, @now)', { key: input.publicKey, handle: input.handle, now: input.now });
    return { created: true };
  });
}

function vouch(db: DirectorySql, handle: string, claim: Claim, now: string): void {
  if (claim.by === 'operator') return;
  if (claim.by === 'site') {
    if (builderOf(db, claim.domain) !== handle) throw new GuildError('GUILD_ERR_HANDLE_UNCLAIMED', handle);
    return;
  }
  if (claim.by !== 'invitation') throw new GuildError('GUILD_ERR_HANDLE_UNCLAIMED', handle);
  const row = db.get<{ handle: string; expiresAt: string; usedAt: string | null }>(
    'SELECT handle, expires_at AS "expiresAt", used_at AS "usedAt" FROM invitations WHERE code_hash = @hash',
    { hash: invitationHash(claim.code) },
  );
  if (!row || row.handle !== handle) throw new GuildError('GUILD_ERR_INVITATION', handle, 'the directory issued no such invitation for this handle');
  if (row.usedAt) throw new GuildError('GUILD_ERR_INVITATION', handle, `it was already used, on ${row.usedAt.slice(0, 10)}`);
  if (row.expiresAt <= now) throw new GuildError('GUILD_ERR_INVITATION', handle, `it expired on ${row.expiresAt.slice(0, 10)}`);
  db.run('UPDATE invitations SET used_at = @now WHERE code_hash = @hash', { now, hash: invitationHash(claim.code) });
}

/** A one-time code the operator hands a person so they can claim their handle; only its hash is kept. */
export function createInvitation(db: DirectorySql, handle: string, now: Date, days: number): { code: string; expires: string } {
  if (!HANDLE.test(handle)) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', `"${handle}" is not a handle; use lowercase letters, digits and dashes, like "ada"`);
  const code = `inv_${randomBytes(18).toString('base64url')}`;
  const expires = new Date(now.getTime() + days * 86_400_000).toISOString();
  ensurePerson(db, handle, now.toISOString());
  db.run('INSERT INTO invitations (code_hash, handle, created_at, expires_at) VALUES (@hash, @handle, @now, @expires)', { hash: invitationHash(code), handle, now: now.toISOString(), expires });
  return { code, expires };
}

function invitationHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
