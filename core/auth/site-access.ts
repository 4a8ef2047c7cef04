/**
 * A site's rows in the host database follow the site through its lifecycle: a renamed site keeps
 * its members, sessions and pending links under its new slug; a removed site leaves nobody able to
 * log in to a later site that happens to take its slug.
 */
import type { Auth } from './auth.ts';

const TABLES = ['memberships', 'sessions', 'one_time_tokens'] as const;

export function moveSiteAccess(auth: Auth, from: string, to: string): void {
  auth.db.transaction(() => {
    for (const table of TABLES) auth.db.prepare(`UPDATE ${table} SET site = ? WHERE site = ?`).run(to, from);
  })();
}

export function forgetSiteAccess(auth: Auth, slug: string): void {
  auth.db.transaction(() => {
    for (const table of TABLES) auth.db.prepare(`DELETE FROM ${table} WHERE site = ?`).run(slug);
  })();
}
