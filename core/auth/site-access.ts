/**
 * A site's rows in the host database follow the site through its lifecycle: a renamed site keeps
 * its members, sessions and pending links under its new slug; a removed site leaves nobody able to
 * log in to a later site that happens to take its slug.
 */
import type { Auth } from './auth.ts';

const TABLES = ['memberships', 'sessions', 'one_time_tokens'] as const;

export function moveSiteAccess(auth: Auth, from: string, to: string): Promise<void> {
  return auth.db.transaction(async (sql) => {
    for (const table of TABLES) await sql.run(`UPDATE ${table} SET site = @to WHERE site = @from`, { to, from });
  });
}

export function forgetSiteAccess(auth: Auth, slug: string): Promise<void> {
  return auth.db.transaction(async (sql) => {
    for (const table of TABLES) await sql.run(`DELETE FROM ${table} WHERE site = @slug`, { slug });
  });
}
