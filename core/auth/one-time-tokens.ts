/**
 * One-time links: invitations to a site, password resets, and login links for an owner who has
 * no password yet. A link's token is shown once (in the mail or the terminal); the database keeps
 * its hash, when it expires, and when it was used.
 */
import { emailKey } from './accounts.ts';
import type { HostSql } from './host-database.ts';
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

const PENDING = 'SELECT * FROM one_time_tokens WHERE site = @site AND kind = @kind AND used_at IS NULL AND expires_at > @now ORDER BY created_at DESC';

export class OneTimeTokens {
  readonly #sql: HostSql;

  constructor(sql: HostSql) {
    this.#sql = sql;
  }

  /** Issues a link token; an earlier unused one for the same person and purpose is replaced. */
  async issue(kind: TokenKind, input: { site: string; email: string; role?: Role; invitedBy?: number }): Promise<{ token: string; record: OneTimeToken }> {
    const token = newToken();
    const now = new Date();
    const email = emailKey(input.email);
    const row = await this.#sql.transaction(async (sql) => {
      await sql.run('DELETE FROM one_time_tokens WHERE site = @site AND kind = @kind AND email = @email AND used_at IS NULL', { site: input.site, kind, email });
      return sql.get<TokenRow>(
        `INSERT INTO one_time_tokens (token_hash, kind, site, email, role, invited_by, created_at, expires_at)
          VALUES (@hash, @kind, @site, @email, @role, @invitedBy, @now, @expiresAt) RETURNING *`,
        {
          hash: tokenHash(token),
          kind,
          site: input.site,
          email,
          role: input.role ?? null,
          invitedBy: input.invitedBy ?? null,
          now: now.toISOString(),
          expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[kind]).toISOString(),
        },
      );
    });
    return { token, record: toToken(row!) };
  }

  /** The token's record if it is unused, unexpired and for this site. */
  async peek(kind: TokenKind, token: string, site: string): Promise<OneTimeToken | undefined> {
    const row = await this.#sql.get<TokenRow>('SELECT * FROM one_time_tokens WHERE token_hash = @hash AND kind = @kind', { hash: tokenHash(token), kind });
    if (!row || row.used_at || row.site !== site || Date.parse(row.expires_at) <= Date.now()) return undefined;
    return toToken(row);
  }

  /** Marks the token used; false when someone else used it first. */
  async use(record: OneTimeToken): Promise<boolean> {
    return (await this.#sql.run('UPDATE one_time_tokens SET used_at = @now WHERE id = @id AND used_at IS NULL', { now: new Date().toISOString(), id: record.id })) === 1;
  }

  async pending(site: string, kind: TokenKind): Promise<OneTimeToken[]> {
    return (await this.#sql.all<TokenRow>(PENDING, { site, kind, now: new Date().toISOString() })).map(toToken);
  }

  async cancel(site: string, kind: TokenKind, id: number): Promise<boolean> {
    return (await this.#sql.run('DELETE FROM one_time_tokens WHERE site = @site AND kind = @kind AND id = @id AND used_at IS NULL', { site, kind, id })) === 1;
  }
}
