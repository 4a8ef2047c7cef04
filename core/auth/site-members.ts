/**
 * A site's people as they travel in its archive (core/archive's accounts.json): each member's
 * account with its password hash (never the password) and their role and author on the site.
 * Adopting them on another host lets the restored site be logged into with the old passwords;
 * an account that exists there already keeps its own password and name.
 */
import type { Auth } from './auth.ts';
import type { Role } from './roles.ts';

export interface TransferredMember {
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly authorSlug: string;
}

export function siteMembers(auth: Auth, site: string): TransferredMember[] {
  return auth.db
    .prepare(`SELECT a.email, a.name, a.password_hash AS passwordHash, m.role, m.author_slug AS authorSlug
      FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE m.site = ? ORDER BY a.email`)
    .all(site) as TransferredMember[];
}

/** Gives the members their roles on `site`, creating the accounts this host lacks. */
export function adoptMembers(auth: Auth, site: string, members: readonly TransferredMember[]): { readonly created: string[]; readonly existing: string[] } {
  const created: string[] = [];
  const existing: string[] = [];
  const now = new Date().toISOString();
  const insert = auth.db.prepare('INSERT INTO accounts (email, name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  auth.db.transaction(() => {
    for (const member of members) {
      let account = auth.accounts.findByEmail(member.email);
      if (account) existing.push(member.email);
      else {
        insert.run(member.email.trim().toLowerCase(), member.name.trim(), member.passwordHash, now, now);
        account = auth.accounts.findByEmail(member.email)!;
        created.push(member.email);
      }
      if (!auth.accounts.membership(site, account.id)) auth.accounts.addMember(site, account.id, member.role, member.authorSlug);
    }
  })();
  return { created, existing };
}
