/**
 * Checks a signed request: the handle's registered key signed the method, path, time, nonce and
 * body hash; the time is within a few minutes of ours; and the nonce was never used before by that
 * handle. So a captured request can be neither changed nor sent again.
 */
import { GuildError } from '../errors.ts';
import { requestStatement, verifyText, type RequestParts } from '../signing/index.ts';
import { keysOf } from './store/people.ts';
import type { DirectorySql } from './store/sql.ts';

/** How far a request's clock may be from ours, either way. */
export const REQUEST_WINDOW_MS = 5 * 60 * 1000;

export interface SignedRequest extends RequestParts {
  readonly signature: string;
}

/**
 * The handle that signed the request. `keys` overrides the registered keys (used when a new
 * handle proves it holds the key it registers).
 */
export function authenticate(db: DirectorySql, request: SignedRequest, now: number, keys?: readonly string[]): string {
  const refuse = (reason: string): never => {
    throw new GuildError('GUILD_ERR_DIRECTORY_AUTH', reason);
  };
  if (!request.handle || !request.signature || !request.nonce || !request.timestamp) refuse('it is not signed (it lacks the Guild-Handle, Guild-Timestamp, Guild-Nonce or Guild-Signature header)');
  if (!/^\d{1,16}$/.test(request.timestamp)) refuse('Guild-Timestamp must be milliseconds since 1970');
  if (Math.abs(now - Number(request.timestamp)) > REQUEST_WINDOW_MS) refuse("its timestamp is more than 5 minutes from the directory's clock; check this computer's clock");
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(request.nonce)) refuse('Guild-Nonce must be 16 to 64 letters, digits, "-" or "_"');
  const candidates = keys ?? keysOf(db, request.handle);
  if (candidates.length === 0) refuse(`"${request.handle}" has no key registered here; register one with "guild keys new --handle ${request.handle}"`);
  const statement = requestStatement(request);
  if (!candidates.some((key) => verifyText(statement, request.signature, key))) refuse(`the signature does not match ${request.handle}'s key`);
  db.transaction(() => {
    db.run('DELETE FROM nonces WHERE seen_at < @before', { before: now - 2 * REQUEST_WINDOW_MS });
    const fresh = db.run('INSERT INTO nonces (handle, nonce, seen_at) VALUES (@handle, @nonce, @now) ON CONFLICT DO NOTHING', { handle: request.handle, nonce: request.nonce, now }) === 1;
    if (!fresh) refuse('this request was already received once (its nonce is used); sign every request anew');
  });
  return request.handle;
}
