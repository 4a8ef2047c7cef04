/**
 * The host's accounts service over the host database (which the host opens and closes), on SQLite
 * or PostgreSQL: accounts and memberships, sessions, one-time links and the mail transport that
 * delivers them.
 */
import { slugify } from '../content/index.ts';
import { Accounts, NO_PASSWORD, type Account, type Membership } from './accounts.ts';
import type { MailTransport } from '../mail/index.ts';
import type { HostDatabase } from './host-database.ts';
import { AUTH_MIGRATIONS } from './migrations.ts';
import { OneTimeTokens } from './one-time-tokens.ts';
import { DECOY_HASH, verifyPassword } from './passwords.ts';
import type { Role } from './roles.ts';
import { Sessions } from './sessions.ts';

export class Auth {
  readonly db: HostDatabase;
  readonly accounts: Accounts;
  readonly sessions: Sessions;
  readonly tokens: OneTimeTokens;
  readonly mail: MailTransport;

  /** The service over `db`, its account tables brought up to date first. */
  static async open(db: HostDatabase, mail: MailTransport): Promise<Auth> {
    await db.migrate('auth', AUTH_MIGRATIONS);
    return new Auth(db, mail);
  }

  private constructor(db: HostDatabase, mail: MailTransport) {
    this.db = db;
    this.accounts = new Accounts(db);
    this.sessions = new Sessions(db, this.accounts);
    this.tokens = new OneTimeTokens(db);
    this.mail = mail;
  }

  /**
   * The account and its membership when the password is right and the account belongs to the
   * site; undefined otherwise, taking the same time whichever part was wrong.
   */
  async checkLogin(site: string, email: string, password: string): Promise<{ account: Account; membership: Membership } | undefined> {
    const found = await this.accounts.findByEmail(email);
    // An account without a password spends the same time as any other, so it cannot be told apart.
    const matches = await verifyPassword(password, found?.passwordHash || DECOY_HASH);
    if (!found || !matches) return undefined;
    const membership = await this.accounts.membership(site, found.id);
    if (!membership) return undefined;
    const { passwordHash: _, ...account } = found;
    return { account, membership };
  }

  /**
   * Makes `email` an owner of the site, creating the account without a password when there is
   * none: its first login is by a one-time link (`loginLink`), never by a password someone was shown.
   */
  async ensureOwner(site: string, email: string): Promise<void> {
    const account = (await this.accounts.findByEmail(email)) ?? (await this.accounts.create({ email, name: nameFromEmail(email) }));
    const existing = await this.accounts.membership(site, account.id);
    if (existing?.role !== 'owner') await this.accounts.addMember(site, account.id, 'owner', existing?.authorSlug ?? slugify(account.name));
  }

  /**
   * A fresh one-time login link token for the site's owner who has no password yet (an earlier
   * unused one dies), or undefined when every owner has a password of their own.
   */
  async loginLink(site: string): Promise<{ email: string; token: string } | undefined> {
    let owner: string | undefined;
    for (const member of await this.accounts.members(site)) {
      if (member.role === 'owner' && (await this.accounts.findByEmail(member.email))?.passwordHash === NO_PASSWORD) {
        owner = member.email;
        break;
      }
    }
    if (!owner) return undefined;
    return { email: owner, token: (await this.tokens.issue('login', { site, email: owner })).token };
  }

  /**
   * Gives an email a role on a site, creating the account when there is none (a password is then
   * required). Returns whether the account was created.
   */
  async grant(input: { site: string; email: string; role: Role; name?: string; password?: string }): Promise<{ account: Account; membership: Membership; created: boolean }> {
    let account: Account | undefined = await this.accounts.findByEmail(input.email);
    const created = !account;
    if (!account) {
      if (!input.password) throw new Error(`There is no account for ${input.email} yet, so it needs a password.`);
      account = await this.accounts.create({ email: input.email, name: input.name ?? nameFromEmail(input.email), password: input.password });
    } else if (input.password) {
      await this.accounts.setPassword(account.id, input.password);
    }
    const existing = await this.accounts.membership(input.site, account.id);
    const membership = await this.accounts.addMember(input.site, account.id, input.role, existing?.authorSlug ?? slugify(account.name));
    return { account: (await this.accounts.get(account.id))!, membership, created };
  }

}

/** "ada.lovelace@example.com" → "Ada Lovelace". */
function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(' ') || email;
}
