/**
 * What CLI commands share: the host's configuration (the same environment variables as the
 * host, so GUILD_SITES points both at one folder), and a registry of the sites opened in this
 * process for commands that need to look inside a site.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Auth } from '../../core/auth/index.ts';
import { openDatabase } from '../../core/content/index.ts';
import { GuildError } from '../../core/errors.ts';
import { createServices, hostDatabaseFile, openRegistry, resolveConfig, urlFor, type HostConfig, type SiteRegistry, type UrlFor } from '../../core/host/index.ts';
import { createLogger, type Logger } from '../../core/log/index.ts';
import { logMailTransport } from '../../core/mail/index.ts';
import type { SiteServices } from '../../core/site/index.ts';

export interface Offline {
  readonly config: HostConfig;
  readonly services: SiteServices;
  readonly registry: SiteRegistry;
  close(): Promise<void>;
}

/** Sites' own log lines go to stderr at warn level, so a command's output stays its own. */
export function cliLogger(): Logger {
  return createLogger({ level: process.env.GUILD_LOG_LEVEL ?? 'warn', pretty: false, destination: process.stderr });
}

/** Where the CLI says a host name is served. */
export function cliUrlFor(config: HostConfig): UrlFor {
  return (host) => urlFor(host, config.port);
}

export async function offline(): Promise<Offline> {
  const config = resolveConfig();
  const services = createServices(config, cliLogger(), cliUrlFor(config));
  const registry = await openRegistry(config, services);
  return { config, services, registry, close: () => registry.closeAll() };
}

/**
 * Runs `work` on the host's accounts (the host database, GUILD_DATA) for an existing site. SQLite
 * lets a running host and the CLI share it: what the CLI writes, the host sees at once.
 */
export async function withAuth(site: string, work: (auth: Auth, urlFor: UrlFor) => Promise<void>): Promise<void> {
  const config = resolveConfig();
  if (!existsSync(path.join(config.sitesDir, site, 'site.json'))) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', site, config.sitesDir);
  const db = openDatabase(hostDatabaseFile(config));
  try {
    await work(new Auth(db, logMailTransport(cliLogger())), cliUrlFor(config));
  } finally {
    db.close();
  }
}
