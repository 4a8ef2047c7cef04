/**
 * One-time links: invitations to a site, password resets, and login links for an owner who has
 * no password yet. A link's token is shown once (in the mail or the terminal); the database keeps
 * its hash, when it expires, and when it was used.
 */
import type { SqliteDatabase } from '../content/index.ts';
import type { Role } from './roles.ts';
import { newToken, tokenHash } from './secrets.ts';

export type TokenKind = 'invitation' | 'password-reset' | 'login';

export const TOKEN_TTL_MS: Readonly<Record<TokenKind, number>> = {
  invitation: 7 * 24 * 60 * 60 * 1000,
  'password-reset': 60 * 60 * 1000,
  login: 7 * 24 * 60 * 60 * 1000,
};

export interface OneTimeToken {
  readonly id: number;
  readonly kind: TokenKind;
  readonly site: string;
  readonly email: string;
  readonly role: Role | null;
  readonly invitedBy: number | null;
  readonly createdAt: string;
  readonly expiresAt: string;
}

interface TokenRow {
  id: number;
  kind: TokenKind;
  site: string;
  email: string;
  role: Role | null;
  invited_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

const toToken = (row: TokenRow): OneTimeToken => ({
  id: row.id,
  kind: row.kind,
  site: row.site,
  email: row.email,
  role: row.role,
  invitedBy: row.invited_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

export class OneTimeTokens {
  readonly #db: SqliteDatabase;
  readonly #statements;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#statements = {
      insert: db.prepare(`INSERT INTO one_time_tokens (token_hash, kind, site, email, role, invited_by, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      get: db.prepare('SELECT * FROM one_time_tokens WHERE token_hash = ? AND kind = ?'),
      use: db.prepare('UPDATE one_time_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL'),
      pending: db.prepare(`SELECT * FROM one_time_tokens WHERE site = ? AND kind = ? AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC`),
      cancel: db.prepare('DELETE FROM one_time_tokens WHERE site = ? AND kind = ? AND id = ? AND used_at IS NULL'),
      cancelFor: db.prepare('DELETE FROM one_time_tokens WHERE site = ? AND kind = ? AND email = ? AND used_at IS NULL'),
    };
  }

  /** Issues a link token; an earlier unused one for the same person and purpose is replaced. */
  issue(kind: TokenKind, input: { site: string; email: string; role?: Role; invitedBy?: number }): { token: string; record: OneTimeToken } {
    const token = newToken();
    const now = new Date();
    const id = this.#db.transaction(() => {
      this.#statements.cancelFor.run(input.site, kind, input.email.trim().toLowerCase());
      const result = this.#statements.insert.run(
        tokenHash(token),
        kind,
        input.site,
        input.email.trim().toLowerCase(),
        input.role ?? null,
        input.invitedBy ?? null,
        now.toISOString(),
        new Date(now.getTime() + TOKEN_TTL_MS[kind]).toISOString(),
      );
      return Number(result.lastInsertRowid);
    })();
    return { token, record: this.pending(input.site, kind).find((record) => record.id === id)! };
  }

  /** The token's record if it is unused, unexpired and for this site. */
  peek(kind: TokenKind, token: string, site: string): OneTimeToken | undefined {
    const row = this.#statements.get.get(tokenHash(token), kind) as TokenRow | undefined;
    if (!row || row.used_at || row.site !== site || Date.parse(row.expires_at) <= Date.now()) return undefined;
    return toToken(row);
  }

  /** Marks the token used; false when someone else used it first. */
  use(record: OneTimeToken): boolean {
    return this.#statements.use.run(new Date().toISOString(), record.id).changes === 1;
  }

  pending(site: string, kind: TokenKind): OneTimeToken[] {
    return (this.#statements.pending.all(site, kind, new Date().toISOString()) as TokenRow[]).map(toToken);
  }

  cancel(site: string, kind: TokenKind, id: number): boolean {
    return this.#statements.cancel.run(site, kind, id).changes === 1;
  }
}
