/**
 * Accounts and their memberships of sites. An account is one person across the whole host (a
 * freelancer owning many sites); a membership gives it a role on one site and names the content
 * author it writes as there.
 */
import { GuildError } from '../errors.ts';
import type { SqliteDatabase } from '../content/index.ts';
import { hashPassword } from './passwords.ts';
import type { Role } from './roles.ts';

/** The stored hash of an account that has no password: no password verifies against it. */
export const NO_PASSWORD = '';

export interface Account {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface Membership {
  readonly site: string;
  readonly accountId: number;
  readonly role: Role;
  /** The author (in the site's content) this account writes as. */
  readonly authorSlug: string;
  readonly createdAt: string;
}

export interface Member extends Membership {
  readonly email: string;
  readonly name: string;
  /** When this account last used a session on this site. */
  readonly lastSeenAt: string | null;
}

interface AccountRow {
  id: number;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
}

interface MembershipRow {
  site: string;
  account_id: number;
  role: Role;
  author_slug: string;
  created_at: string;
}

const toAccount = (row: AccountRow): Account => ({ id: row.id, email: row.email, name: row.name, createdAt: row.created_at });
const toMembership = (row: MembershipRow): Membership => ({
  site: row.site,
  accountId: row.account_id,
  role: row.role,
  authorSlug: row.author_slug,
  createdAt: row.created_at,
});

export class Accounts {
  readonly #db: SqliteDatabase;
  readonly #statements;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#statements = {
      byEmail: db.prepare('SELECT * FROM accounts WHERE email = ?'),
      byId: db.prepare('SELECT * FROM accounts WHERE id = ?'),
      insert: db.prepare('INSERT INTO accounts (email, name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
      setPassword: db.prepare('UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?'),
      setName: db.prepare('UPDATE accounts SET name = ?, updated_at = ? WHERE id = ?'),
      membership: db.prepare('SELECT * FROM memberships WHERE site = ? AND account_id = ?'),
      members: db.prepare(`SELECT m.*, a.email, a.name,
        (SELECT MAX(s.last_seen_at) FROM sessions s WHERE s.account_id = m.account_id AND s.site = m.site) AS last_seen_at
        FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE m.site = ? ORDER BY a.name COLLATE NOCASE`),
      sitesOf: db.prepare('SELECT * FROM memberships WHERE account_id = ? ORDER BY site'),
      upsertMember: db.prepare(`INSERT INTO memberships (site, account_id, role, author_slug, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (site, account_id) DO UPDATE SET role = excluded.role`),
      setRole: db.prepare('UPDATE memberships SET role = ? WHERE site = ? AND account_id = ?'),
      removeMember: db.prepare('DELETE FROM memberships WHERE site = ? AND account_id = ?'),
      owners: db.prepare("SELECT COUNT(*) FROM memberships WHERE site = ? AND role = 'owner'").pluck(),
      dropSessions: db.prepare('DELETE FROM sessions WHERE site = ? AND account_id = ?'),
    };
  }

  findByEmail(email: string): (Account & { readonly passwordHash: string }) | undefined {
    const row = this.#statements.byEmail.get(email.trim()) as AccountRow | undefined;
    return row && { ...toAccount(row), passwordHash: row.password_hash };
  }

  get(id: number): Account | undefined {
    const row = this.#statements.byId.get(id) as AccountRow | undefined;
    return row && toAccount(row);
  }

  /** Without a password, the account cannot log in with one until it sets its own (a one-time link leads there). */
  async create(input: { email: string; name: string; password?: string }): Promise<Account> {
    const now = new Date().toISOString();
    const hash = input.password === undefined ? NO_PASSWORD : await hashPassword(input.password);
    const result = this.#statements.insert.run(input.email.trim().toLowerCase(), input.name.trim(), hash, now, now);
    return this.get(Number(result.lastInsertRowid))!;
  }

  async setPassword(id: number, password: string): Promise<void> {
    const hash = await hashPassword(password);
    this.#statements.setPassword.run(hash, new Date().toISOString(), id);
  }

  /** Retires the account's password (one that was ever shown in plain text, say); it logs in by a one-time link until it sets a new one. */
  clearPassword(id: number): void {
    this.#statements.setPassword.run(NO_PASSWORD, new Date().toISOString(), id);
  }

  setName(id: number, name: string): void {
    this.#statements.setName.run(name.trim(), new Date().toISOString(), id);
  }

  membership(site: string, accountId: number): Membership | undefined {
    const row = this.#statements.membership.get(site, accountId) as MembershipRow | undefined;
    return row && toMembership(row);
  }

  members(site: string): Member[] {
    return (this.#statements.members.all(site) as Array<MembershipRow & { email: string; name: string; last_seen_at: string | null }>).map((row) => ({
      ...toMembership(row),
      email: row.email,
      name: row.name,
      lastSeenAt: row.last_seen_at,
    }));
  }

  sitesOf(accountId: number): Membership[] {
    return (this.#statements.sitesOf.all(accountId) as MembershipRow[]).map(toMembership);
  }

  /** Adds the account to the site, or changes its role there if it is a member already. */
  addMember(site: string, accountId: number, role: Role, authorSlug: string): Membership {
    this.#db.transaction(() => {
      const current = this.membership(site, accountId);
      if (current?.role === 'owner' && role !== 'owner') this.#keepAnOwner(site);
      this.#statements.upsertMember.run(site, accountId, role, authorSlug, new Date().toISOString());
    })();
    return this.membership(site, accountId)!;
  }

  setRole(site: string, accountId: number, role: Role): Membership {
    const current = this.membership(site, accountId);
    if (!current) throw new GuildError('GUILD_ERR_NOT_FOUND', 'This member');
    this.#db.transaction(() => {
      if (current.role === 'owner' && role !== 'owner') this.#keepAnOwner(site);
      this.#statements.setRole.run(role, site, accountId);
    })();
    return this.membership(site, accountId)!;
  }

  /** Takes the account off the site and ends its sessions there. */
  removeMember(site: string, accountId: number): void {
    const current = this.membership(site, accountId);
    if (!current) throw new GuildError('GUILD_ERR_NOT_FOUND', 'This member');
    this.#db.transaction(() => {
      if (current.role === 'owner') this.#keepAnOwner(site);
      this.#statements.removeMember.run(site, accountId);
      this.#statements.dropSessions.run(site, accountId);
    })();
  }

  #keepAnOwner(site: string): void {
    if ((this.#statements.owners.get(site) as number) <= 1) throw new GuildError('GUILD_ERR_LAST_OWNER');
  }
}
