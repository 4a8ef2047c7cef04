/**
 * The host's settings, from options first, then the environment, then defaults that make
 * `npm start` work on a fresh clone. Every environment variable the host reads is named here.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder Guild is installed in (the one with package.json). */
export const INSTALL_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface HostConfig {
  /** Where the sites live, one folder each (GUILD_SITES; default ./sites). */
  readonly sitesDir: string;
  /** Where themes are looked up, first match wins (the install's themes/, then GUILD_THEMES). */
  readonly themesDirs: readonly string[];
  /** Where plugins are looked up, first match wins (the install's plugins/, then GUILD_PLUGINS). */
  readonly pluginsDirs: readonly string[];
  /** Built plugins and other derived files (GUILD_CACHE; default .guild/cache). */
  readonly cacheDir: string;
  /** The port to listen on (PORT; default 3000). */
  readonly port: number;
  /** Host names that show the network's own index page rather than a site. */
  readonly hostNames: readonly string[];
  /** Memory for rendered pages, shared by all sites (GUILD_PAGE_CACHE_MB; default 32). */
  readonly pageCacheBytes: number;
  /** Sites kept open at once; the least recently used close beyond this (GUILD_MAX_OPEN_SITES; default 200). */
  readonly maxOpenSites: number;
  /** A site unused this long is closed (GUILD_SITE_IDLE_SECONDS; default 600). */
  readonly siteIdleMs: number;
  /** How long one hook tap may run (GUILD_HOOK_TIME_LIMIT_MS; default 1000). */
  readonly hookTimeLimitMs: number;
  /** How long a plugin's setup may run (default 5000). */
  readonly pluginSetupTimeLimitMs: number;
  /** Reload a site when its site.json changes on disk (default true). */
  readonly watch: boolean;
  /** The host's own database: accounts, sessions, the publishing schedule (GUILD_DATA; default .guild/data beside the sites folder). */
  readonly dataDir: string;
  /** The largest file the media library accepts (GUILD_UPLOAD_MAX_MB; default 10). */
  readonly uploadMaxBytes: number;
}

function number(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(parsed) ? parsed : fallback;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.resolve(dir));
}

export function resolveConfig(options: Partial<HostConfig> = {}, env: NodeJS.ProcessEnv = process.env): HostConfig {
  const sitesDir = path.resolve(options.sitesDir ?? env.GUILD_SITES ?? path.join(INSTALL_DIR, 'sites'));
  return {
    sitesDir,
    themesDirs: options.themesDirs ?? [path.join(INSTALL_DIR, 'themes'), ...list(env.GUILD_THEMES)],
    pluginsDirs: options.pluginsDirs ?? [path.join(INSTALL_DIR, 'plugins'), ...list(env.GUILD_PLUGINS)],
    cacheDir: path.resolve(options.cacheDir ?? env.GUILD_CACHE ?? path.join(INSTALL_DIR, '.guild', 'cache')),
    port: options.port ?? number(env.PORT, 3000),
    hostNames: options.hostNames ?? ['localhost', '127.0.0.1', '::1', os.hostname().toLowerCase()],
    pageCacheBytes: options.pageCacheBytes ?? number(env.GUILD_PAGE_CACHE_MB, 32) * 1024 * 1024,
    maxOpenSites: options.maxOpenSites ?? number(env.GUILD_MAX_OPEN_SITES, 200),
    siteIdleMs: options.siteIdleMs ?? number(env.GUILD_SITE_IDLE_SECONDS, 600) * 1000,
    hookTimeLimitMs: options.hookTimeLimitMs ?? number(env.GUILD_HOOK_TIME_LIMIT_MS, 1000),
    pluginSetupTimeLimitMs: options.pluginSetupTimeLimitMs ?? 5000,
    watch: options.watch ?? true,
    // Beside the sites folder rather than in the install, so each sites folder has its own accounts.
    dataDir: path.resolve(options.dataDir ?? env.GUILD_DATA ?? path.join(path.dirname(sitesDir), '.guild', 'data')),
    uploadMaxBytes: options.uploadMaxBytes ?? number(env.GUILD_UPLOAD_MAX_MB, 10) * 1024 * 1024,
  };
}

/** The address a host name is reached at on this host's port. */
export function urlFor(host: string, port: number): string {
  return `http://${host}${port === 80 ? '' : `:${port}`}`;
}

/** The host's own SQLite database (accounts, sessions, the publishing schedule) in the data folder. */
export function hostDatabaseFile(config: HostConfig): string {
  return path.join(config.dataDir, 'host.db');
}
