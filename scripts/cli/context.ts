/**
 * What CLI commands share: the host's configuration (the same environment variables as the
 * host, so GUILD_SITES points both at one folder), and a registry of the sites opened in this
 * process for commands that need to look inside a site.
 */
import { createServices, openRegistry, resolveConfig, urlFor, type HostConfig, type SiteRegistry } from '../../core/host/index.ts';
import { createLogger, type Logger } from '../../core/log/index.ts';
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

export async function offline(): Promise<Offline> {
  const config = resolveConfig();
  const services = createServices(config, cliLogger(), (host) => urlFor(host, config.port));
  const registry = await openRegistry(config, services);
  return { config, services, registry, close: () => registry.closeAll() };
}
