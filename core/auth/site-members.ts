/**
 * A site's people as they travel in its archive (core/archive's accounts.json): each member's
 * account with its password hash (never the password) and their role and author on the site.
 * Adopting them on another host lets the restored site be logged into with the old passwords;
 * an account that exists there already keeps its own password and name.
 */
import { Accounts } from './accounts.ts';
import type { Auth } from './auth.ts';
import type { Role } from './roles.ts';

export interface TransferredMember {
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly authorSlug: string;
}

export function siteMembers(auth: Auth, site: string): Promise<TransferredMember[]> {
  return auth.db.all<TransferredMember>(
    `SELECT a.email, a.name, a.password_hash AS "passwordHash", m.role, m.author_slug AS "authorSlug"
      FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE m.site = @site ORDER BY a.email`,
    { site },
  );
}

/** Gives the members their roles on `site`, creating the accounts this host lacks. */
export function adoptMembers(auth: Auth, site: string, members: readonly TransferredMember[]): Promise<{ readonly created: string[]; readonly existing: string[] }> {
  return auth.db.transaction(async (sql) => {
    const accounts = new Accounts(sql);
    const created: string[] = [];
    const existing: string[] = [];
    for (const member of members) {
      const found = await accounts.findByEmail(member.email);
      (found ? existing : created).push(member.email);
      const account = found ?? (await accounts.insert(member));
      if (!(await accounts.membership(site, account.id))) await accounts.addMember(site, account.id, member.role, member.authorSlug);
    }
    return { created, existing };
  });
}
