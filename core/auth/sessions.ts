/**
 * Login sessions, kept in the host database behind an opaque cookie. A session is bound to the
 * one site it was opened on: presented to any other site it does not resolve, whatever the
 * account's memberships there. Each session carries its own CSRF token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Account, Accounts, Membership } from './accounts.ts';
import type { HostSql } from './host-database.ts';
import { newToken, tokenHash } from './secrets.ts';

/** A session lasts this long after its last use. */
const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** How stale last_seen_at may get before a request writes it again (saves a write per request). */
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export interface OpenedSession {
  /** The cookie value; only its hash is stored. */
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export interface ResolvedSession {
  readonly account: Account;
  readonly membership: Membership;
  readonly csrfToken: string;
  readonly tokenHash: string;
}

interface SessionRow {
  token_hash: string;
  account_id: number;
  site: string;
  csrf_token: string;
  last_seen_at: string;
  expires_at: string;
}

export class Sessions {
  readonly #sql: HostSql;
  readonly #accounts: Accounts;

  constructor(sql: HostSql, accounts: Accounts) {
    this.#sql = sql;
    this.#accounts = accounts;
  }

  async open(accountId: number, site: string): Promise<OpenedSession> {
    const token = newToken();
    const csrfToken = newToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.#sql.run('DELETE FROM sessions WHERE expires_at < @now', { now: now.toISOString() });
    await this.#sql.run(
      `INSERT INTO sessions (token_hash, account_id, site, csrf_token, created_at, last_seen_at, expires_at)
        VALUES (@hash, @accountId, @site, @csrfToken, @now, @now, @expiresAt)`,
      { hash: tokenHash(token), accountId, site, csrfToken, now: now.toISOString(), expiresAt: expiresAt.toISOString() },
    );
    return { token, csrfToken, expiresAt };
  }

  /** The session a cookie names on this site, if it is live and its account still belongs here. */
  async resolve(token: string | undefined, site: string): Promise<ResolvedSession | undefined> {
    if (!token) return undefined;
    const hash = tokenHash(token);
    const row = await this.#sql.get<SessionRow>('SELECT * FROM sessions WHERE token_hash = @hash', { hash });
    if (!row || row.site !== site) return undefined;
    const now = Date.now();
    if (Date.parse(row.expires_at) <= now) {
      await this.close(hash);
      return undefined;
    }
    const [membership, account] = await Promise.all([this.#accounts.membership(site, row.account_id), this.#accounts.get(row.account_id)]);
    if (!membership || !account) return undefined;
    if (now - Date.parse(row.last_seen_at) > TOUCH_AFTER_MS) {
      await this.#sql.run('UPDATE sessions SET last_seen_at = @now, expires_at = @expiresAt WHERE token_hash = @hash', {
        now: new Date(now).toISOString(),
        expiresAt: new Date(now + SESSION_TTL_MS).toISOString(),
        hash,
      });
    }
    return { account, membership, csrfToken: row.csrf_token, tokenHash: hash };
  }

  async close(tokenHashValue: string): Promise<void> {
    await this.#sql.run('DELETE FROM sessions WHERE token_hash = @hash', { hash: tokenHashValue });
  }

  /** Ends every session of an account, on every site (after a password change). */
  async closeAll(accountId: number): Promise<void> {
    await this.#sql.run('DELETE FROM sessions WHERE account_id = @accountId', { accountId });
  }
}

/** Compares a presented CSRF token with the session's in constant time. */
export function csrfMatches(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(presented), Buffer.from(expected));
}
