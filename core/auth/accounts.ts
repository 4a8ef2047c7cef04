/**
 * Accounts and their memberships of sites. An account is one person across the whole host (a
 * freelancer owning many sites); a membership gives it a role on one site and names the content
 * author it writes as there.
 */
import { GuildError } from '../errors.ts';
import type { HostSql } from './host-database.ts';
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

const MEMBERS = `SELECT m.*, a.email, a.name,
  (SELECT MAX(s.last_seen_at) FROM sessions s WHERE s.account_id = m.account_id AND s.site = m.site) AS last_seen_at
  FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE m.site = @site ORDER BY lower(a.name), a.name`;

/** Emails are compared without case: stored and looked up in lower case. */
export const emailKey = (email: string): string => email.trim().toLowerCase();

/**
 * The accounts on one runner of the host database: the database itself, or one transaction of it
 * (`new Accounts(transaction)` reads and writes inside it).
 */
export class Accounts {
  readonly #sql: HostSql;

  constructor(sql: HostSql) {
    this.#sql = sql;
  }

  async findByEmail(email: string): Promise<(Account & { readonly passwordHash: string }) | undefined> {
    const row = await this.#sql.get<AccountRow>('SELECT * FROM accounts WHERE email = @email', { email: emailKey(email) });
    return row && { ...toAccount(row), passwordHash: row.password_hash };
  }

  async get(id: number): Promise<Account | undefined> {
    const row = await this.#sql.get<AccountRow>('SELECT * FROM accounts WHERE id = @id', { id });
    return row && toAccount(row);
  }

  /** Without a password, the account cannot log in with one until it sets its own (a one-time link leads there). */
  async create(input: { email: string; name: string; password?: string }): Promise<Account> {
    const hash = input.password === undefined ? NO_PASSWORD : await hashPassword(input.password);
    return this.insert({ email: input.email, name: input.name, passwordHash: hash });
  }

  /** An account with a password hash made elsewhere (a site's archive from another host). */
  async insert(input: { email: string; name: string; passwordHash: string }): Promise<Account> {
    const now = new Date().toISOString();
    const row = await this.#sql.get<AccountRow>(
      `INSERT INTO accounts (email, name, password_hash, created_at, updated_at) VALUES (@email, @name, @hash, @now, @now) RETURNING *`,
      { email: emailKey(input.email), name: input.name.trim(), hash: input.passwordHash, now },
    );
    return toAccount(row!);
  }

  async setPassword(id: number, password: string): Promise<void> {
    await this.#storeHash(id, await hashPassword(password));
  }

  /** Retires the account's password (one that was ever shown in plain text, say); it logs in by a one-time link until it sets a new one. */
  async clearPassword(id: number): Promise<void> {
    await this.#storeHash(id, NO_PASSWORD);
  }

  async setName(id: number, name: string): Promise<void> {
    await this.#sql.run('UPDATE accounts SET name = @name, updated_at = @now WHERE id = @id', { name: name.trim(), now: new Date().toISOString(), id });
  }

  async membership(site: string, accountId: number): Promise<Membership | undefined> {
    const row = await this.#sql.get<MembershipRow>('SELECT * FROM memberships WHERE site = @site AND account_id = @accountId', { site, accountId });
    return row && toMembership(row);
  }

  async members(site: string): Promise<Member[]> {
    const rows = await this.#sql.all<MembershipRow & { email: string; name: string; last_seen_at: string | null }>(MEMBERS, { site });
    return rows.map((row) => ({ ...toMembership(row), email: row.email, name: row.name, lastSeenAt: row.last_seen_at }));
  }

  async sitesOf(accountId: number): Promise<Membership[]> {
    return (await this.#sql.all<MembershipRow>('SELECT * FROM memberships WHERE account_id = @accountId ORDER BY site', { accountId })).map(toMembership);
  }

  /** Adds the account to the site, or changes its role there if it is a member already. */
  addMember(site: string, accountId: number, role: Role, authorSlug: string): Promise<Membership> {
    return this.#ownersOf(site, async (accounts, sql) => {
      const current = await accounts.membership(site, accountId);
      if (current?.role === 'owner' && role !== 'owner') await keepAnOwner(sql, site);
      await sql.run(
        `INSERT INTO memberships (site, account_id, role, author_slug, created_at) VALUES (@site, @accountId, @role, @authorSlug, @now)
          ON CONFLICT (site, account_id) DO UPDATE SET role = excluded.role`,
        { site, accountId, role, authorSlug, now: new Date().toISOString() },
      );
      return (await accounts.membership(site, accountId))!;
    });
  }

  setRole(site: string, accountId: number, role: Role): Promise<Membership> {
    return this.#ownersOf(site, async (accounts, sql) => {
      const current = await accounts.membership(site, accountId);
      if (!current) throw new GuildError('GUILD_ERR_NOT_FOUND', 'This member');
      if (current.role === 'owner' && role !== 'owner') await keepAnOwner(sql, site);
      await sql.run('UPDATE memberships SET role = @role WHERE site = @site AND account_id = @accountId', { role, site, accountId });
      return (await accounts.membership(site, accountId))!;
    });
  }

  /** Takes the account off the site and ends its sessions there. */
  removeMember(site: string, accountId: number): Promise<void> {
    return this.#ownersOf(site, async (accounts, sql) => {
      const current = await accounts.membership(site, accountId);
      if (!current) throw new GuildError('GUILD_ERR_NOT_FOUND', 'This member');
      if (current.role === 'owner') await keepAnOwner(sql, site);
      await sql.run('DELETE FROM memberships WHERE site = @site AND account_id = @accountId', { site, accountId });
      await sql.run('DELETE FROM sessions WHERE site = @site AND account_id = @accountId', { site, accountId });
    });
  }

  /** A change to the site's members, one at a time across hosts, so two demotions cannot leave it without an owner. */
  #ownersOf<T>(site: string, work: (accounts: Accounts, sql: HostSql) => Promise<T>): Promise<T> {
    return this.#sql.transaction((sql) => work(new Accounts(sql), sql), `owners:${site}`);
  }

  async #storeHash(id: number, hash: string): Promise<void> {
    await this.#sql.run('UPDATE accounts SET password_hash = @hash, updated_at = @now WHERE id = @id', { hash, now: new Date().toISOString(), id });
  }
}

async function keepAnOwner(sql: HostSql, site: string): Promise<void> {
  const owners = await sql.get<{ count: number }>("SELECT COUNT(*) AS count FROM memberships WHERE site = @site AND role = 'owner'", { site });
  if (owners!.count <= 1) throw new GuildError('GUILD_ERR_LAST_OWNER');
}
