/**
 * What CLI commands share: the host's configuration (the same environment variables as the
 * host, so GUILD_SITES points both at one folder), and a registry of the sites opened in this
 * process for commands that need to look inside a site.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Auth, openHostDatabase } from '../../core/auth/index.ts';
import { PgDatabase } from '../../core/content/index.ts';
import { GuildError } from '../../core/errors.ts';
import { createServices, findRunningHost, hostDatabaseFile, openRegistry, resolveConfig, siteUrls, type AdminUrlOf, type HostConfig, type SiteRegistry } from '../../core/host/index.ts';
import { createLogger, type Logger } from '../../core/log/index.ts';
import { logMailTransport } from '../../core/mail/index.ts';
import type { SiteServices } from '../../core/site/index.ts';

export interface Offline {
  readonly config: HostConfig;
  readonly services: SiteServices;
  readonly registry: SiteRegistry;
  close(): Promise<void>;
}

/**
 * Sites' own log lines go to stderr at warn level, so a command's output stays its own: readable
 * lines in a terminal, JSON when stderr is piped (or GUILD_LOG_FORMAT=json).
 */
export function cliLogger(): Logger {
  const pretty = Boolean(process.stderr.isTTY) && process.env.GUILD_LOG_FORMAT !== 'json';
  return createLogger({ level: process.env.GUILD_LOG_LEVEL ?? 'warn', pretty, destination: process.stderr });
}

/** The port the sites answer on: the running host's (from its state file), else the configured PORT. */
export async function hostPort(config: HostConfig): Promise<number> {
  return (await findRunningHost(config))?.state.port ?? config.port;
}

/** Where the CLI says a site's admin is: on the running host's port when one runs. */
export async function cliAdminUrlOf(config: HostConfig): Promise<AdminUrlOf> {
  const port = await hostPort(config);
  return (slug) => siteUrls(config, port, { slug }).adminUrl;
}

export async function offline(): Promise<Offline> {
  const config = resolveConfig();
  // Third-party plugins never run in the operator's process: they are checked and built here, started by the host.
  const services = createServices(config, cliLogger(), (site) => siteUrls(config, config.port, site).publicUrl, undefined, false);
  const registry = await openRegistry(config, services);
  return {
    config,
    services,
    registry,
    close: async () => {
      await registry.closeAll();
      await services.contentDatabase?.close();
    },
  };
}

/** The host database's accounts (host.db, or PostgreSQL's with GUILD_DATABASE_URL), for a command to read or change while the host may be running. */
export async function withHostAuth<T>(config: HostConfig, work: (auth: Auth) => Promise<T>): Promise<T> {
  const database = config.databaseUrl ? new PgDatabase(config.databaseUrl, { maxConnections: 2 }) : undefined;
  const db = openHostDatabase({ file: hostDatabaseFile(config), database });
  try {
    return await work(await Auth.open(db, logMailTransport(cliLogger())));
  } finally {
    await db.close();
    await database?.close();
  }
}

/**
 * Runs `work` on the host's accounts for an existing site. SQLite and PostgreSQL both let a running
 * host and the CLI share them: what the CLI writes, the host sees at once.
 */
export async function withAuth(site: string, work: (auth: Auth, adminUrlOf: AdminUrlOf) => Promise<void>): Promise<void> {
  const config = resolveConfig();
  if (!existsSync(path.join(config.sitesDir, site, 'site.json'))) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', site, config.sitesDir);
  const adminUrlOf = await cliAdminUrlOf(config);
  await withHostAuth(config, (auth) => work(auth, adminUrlOf));
}
