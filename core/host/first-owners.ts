/**
 * Makes sure every site has someone who can log in, without a password ever being stored or
 * shown. A site nobody is a member of gets the freelancer who built it (site.json "builtBy") as
 * its owner, `<builtBy>@guild.localhost`, with no password: while an owner has none, `guild start`,
 * `guild site new` and `guild site login` print a one-time login link (only its hash is stored),
 * which logs them in and takes them to choose one. Each link minted replaces the one before.
 *
 * Earlier versions kept generated passwords in plain text in the data folder (first-logins.json).
 * The first start after them retires every such password that still worked (its owner gets a link
 * instead) and deletes the file.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { verifyPassword, type Auth } from '../auth/index.ts';
import { loginLinkPath } from '../admin/index.ts';
import type { HostConfig } from './config.ts';
import type { SiteRegistry } from './registry.ts';

export interface FirstLogin {
  readonly site: string;
  readonly email: string;
  /** A one-time login link, while the owner has no password of their own. */
  readonly link: string | undefined;
}

/** A site's admin origin, e.g. http://alpha.admin.localhost:3000 (the host's, or the CLI's idea of it). */
export type AdminUrlOf = (site: string) => string;

/** Where a site's login links point: its admin's own origin. */
export function loginLinkUrl(adminUrlOf: AdminUrlOf, site: string, token: string): string {
  return `${adminUrlOf(site)}${loginLinkPath(token)}`;
}

/**
 * The site's owner login: its builder made owner if nobody is a member yet, and a fresh one-time
 * link while the owner has no password. Undefined when the site has no owner and no builder.
 */
export async function ownerLogin(auth: Auth, site: string, builtBy: string | undefined, adminUrlOf: AdminUrlOf): Promise<FirstLogin | undefined> {
  if (builtBy && (await auth.accounts.members(site)).length === 0) await auth.ensureOwner(site, `${builtBy}@guild.localhost`);
  const link = await auth.loginLink(site);
  if (link) return { site, email: link.email, link: loginLinkUrl(adminUrlOf, site, link.token) };
  const owner = (await auth.accounts.members(site)).find((member) => member.role === 'owner');
  return owner && { site, email: owner.email, link: undefined };
}

/** At start: every site's owner login, after retiring the passwords an earlier version kept in plain text. */
export async function ensureOwners(config: HostConfig, registry: SiteRegistry, auth: Auth, adminUrlOf: AdminUrlOf): Promise<FirstLogin[]> {
  await retireStoredPasswords(config, auth);
  const logins: FirstLogin[] = [];
  for (const entry of registry.entries()) {
    const login = await ownerLogin(auth, entry.slug, entry.manifest?.builtBy, adminUrlOf);
    if (login) logins.push(login);
  }
  return logins;
}

/** first-logins.json held `{ email: password }`; a password still in use is retired, and the file goes. */
async function retireStoredPasswords(config: HostConfig, auth: Auth): Promise<void> {
  const file = path.join(config.dataDir, 'first-logins.json');
  if (!existsSync(file)) return;
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // Unreadable: nothing to retire, but it may still hold secrets, so it goes all the same.
  }
  for (const [email, password] of Object.entries(stored)) {
    const account = await auth.accounts.findByEmail(email);
    if (account && typeof password === 'string' && (await verifyPassword(password, account.passwordHash))) await auth.accounts.clearPassword(account.id);
  }
  await rm(file, { force: true });
}
