/** The services every site of a host shares, made once per process (the host, or a CLI command). */
import path from 'node:path';
import { PgDatabase } from '../content/index.ts';
import type { Logger } from '../log/index.ts';
import { logMailTransport, type MailTransport } from '../mail/index.ts';
import { mediaStorage } from '../media/index.ts';
import { PluginBuilder, PluginCatalog } from '../plugins/index.ts';
import type { Site, SiteServices } from '../site/index.ts';
import { ThemeRegistry } from '../themes/index.ts';
import { INSTALL_DIR, type HostConfig } from './config.ts';
import { codeFingerprint } from './fingerprint.ts';
import { SiteRegistry, type RegistryPeers } from './registry.ts';
import { SharedManifests } from './shared-manifests.ts';
import { trustedDirectoryKeys } from './trust.ts';

/** First-party plugins, which run in the host process (unless GUILD_SANDBOX_ALL=1). */
const FIRST_PARTY_PLUGINS = path.join(INSTALL_DIR, 'plugins');

/**
 * `startSandboxes: false` where third-party code must not run (the CLI, in the operator's own
 * process): sandboxed plugins are then checked and built, and start only in the host.
 */
export function createServices(config: HostConfig, log: Logger, siteUrl: SiteServices['siteUrl'], mail: MailTransport = logMailTransport(log), startSandboxes = true): SiteServices {
  return {
    themes: new ThemeRegistry(config.themesDirs),
    plugins: new PluginCatalog(config.pluginsDirs),
    builder: new PluginBuilder(`${config.cacheDir}/plugins`),
    log,
    hookTimeLimitMs: config.hookTimeLimitMs,
    pluginSetupTimeLimitMs: config.pluginSetupTimeLimitMs,
    siteUrl,
    licenceKeys: () => trustedDirectoryKeys(config),
    isolation: {
      trusted: (id, dir) => (!config.sandboxAll && path.dirname(path.resolve(dir)) === FIRST_PARTY_PLUGINS) || config.trustedPlugins.includes(id) || config.trustedPlugins.includes('*'),
      memoryMb: config.pluginMemoryMb,
      budgetMs: config.sandboxTimeLimitMs,
      startSandboxes,
    },
    mail,
    // One pool for every site's content when it is in PostgreSQL; closed by whoever made the services.
    contentDatabase: config.databaseUrl ? new PgDatabase(config.databaseUrl) : undefined,
    media: mediaStorage(config.media),
  };
}

/**
 * A registry over the sites folder with its services, scanned and ready; with sites' content in
 * PostgreSQL the folder mirrors the network's manifests there (shared-manifests.ts).
 */
export async function openRegistry(config: HostConfig, services: SiteServices, follow: { onOpen?: (site: Site) => void; onChange?: (slug: string) => void; peers?: RegistryPeers } = {}): Promise<SiteRegistry> {
  const registry = new SiteRegistry({
    sitesDir: config.sitesDir,
    services,
    maxOpenSites: config.maxOpenSites,
    fingerprint: () => codeFingerprint([path.join(INSTALL_DIR, 'core'), ...config.themesDirs, ...config.pluginsDirs]),
    ...follow,
    ...(services.contentDatabase ? { shared: new SharedManifests(services.contentDatabase, config.sitesDir) } : {}),
  });
  // Every process reads the folder for itself as it starts: nothing to tell the others.
  await registry.follow({ kind: 'scan' });
  return registry;
}
