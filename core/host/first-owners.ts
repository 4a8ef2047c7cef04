/**
 * Makes sure every site has someone who can log in. A site nobody is a member of gets the
 * freelancer who built it (site.json "builtBy") as its owner, `<builtBy>@guild.localhost`, with a
 * generated password. Generated passwords are kept in the data folder (first-logins.json, readable
 * by the host's own user only) for as long as they still work, so `guild start` can show them:
 * once the owner changes the password, it is forgotten here.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { verifyPassword, type Auth } from '../auth/index.ts';
import type { HostConfig } from './config.ts';
import type { SiteRegistry } from './registry.ts';

export interface FirstLogin {
  readonly site: string;
  readonly email: string;
  /** Shown only while it is still the account's password. */
  readonly password: string | undefined;
}

export async function ensureOwners(config: HostConfig, registry: SiteRegistry, auth: Auth): Promise<FirstLogin[]> {
  const file = path.join(config.dataDir, 'first-logins.json');
  const generated: Record<string, string> = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as Record<string, string>) : {};
  const logins: FirstLogin[] = [];
  for (const entry of registry.entries()) {
    const builtBy = entry.manifest?.builtBy;
    if (!builtBy) continue;
    if (auth.accounts.members(entry.slug).length === 0) {
      const email = `${builtBy}@guild.localhost`;
      let password: string | undefined;
      if (!auth.accounts.findByEmail(email)) {
        password = randomBytes(9).toString('base64url');
        generated[email] = password;
      }
      await auth.grant({ site: entry.slug, email, role: 'owner', ...(password ? { password } : {}) });
    }
    const owner = auth.accounts.members(entry.slug).find((member) => member.role === 'owner');
    if (owner) logins.push({ site: entry.slug, email: owner.email, password: generated[owner.email] });
  }
  // Keep only passwords that still open their account.
  for (const [email, password] of Object.entries(generated)) {
    const account = auth.accounts.findByEmail(email);
    if (!account || !(await verifyPassword(password, account.passwordHash))) delete generated[email];
  }
  await writeFile(file, `${JSON.stringify(generated, null, 2)}\n`, { mode: 0o600 });
  return logins.map((login) => ({ ...login, password: login.password && generated[login.email] }));
}
