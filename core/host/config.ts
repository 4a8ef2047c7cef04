/**
 * The host's settings, from options first, then the environment, then defaults that make
 * `npm start` work on a fresh clone. Every environment variable the host reads is named here,
 * but GUILD_FETCH_ALLOW_LOOPBACK (tests only), which core/net reads where it refuses addresses so
 * the CLI and the sandbox obey it without a config in hand.
 */
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GuildError } from '../errors.ts';
import { parseMediaUrl, type S3Location } from '../media/index.ts';

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
  /** Memory for rendered pages, shared by all sites (GUILD_PAGE_CACHE_MB; default 32); 0 turns the page cache off. Pages are kept on disk too, in <cacheDir>/pages. */
  readonly pageCacheBytes: number;
  /** How long a CDN in front may keep a public page, in seconds (GUILD_CDN_MAX_AGE; default 0: it asks every time). */
  readonly cdnMaxAge: number;
  /**
   * Sites kept open at once; the least recently used close beyond this (GUILD_MAX_OPEN_SITES;
   * default 100). Each open site keeps its database connection and theme state; a closed site's
   * cached pages are still sent from disk without opening it, and opening one takes a few ms.
   */
  readonly maxOpenSites: number;
  /** A site unused this long is closed (GUILD_SITE_IDLE_SECONDS; default 600). */
  readonly siteIdleMs: number;
  /** How long one hook tap of a plugin in the host may run (GUILD_HOOK_TIME_LIMIT_MS; default 1000). */
  readonly hookTimeLimitMs: number;
  /** The CPU budget of one call into a sandboxed plugin (GUILD_HOOK_TIME_LIMIT_MS; default 50). */
  readonly sandboxTimeLimitMs: number;
  /** Run the first-party plugins sandboxed too, as a third party's (GUILD_SANDBOX_ALL=1). */
  readonly sandboxAll: boolean;
  /** How long a plugin's setup may run (default 5000). */
  readonly pluginSetupTimeLimitMs: number;
  /**
   * Plugins that run inside the host process (GUILD_TRUSTED_PLUGINS, comma-separated ids, or "*"),
   * besides the first-party ones in the install's plugins/ folder. Every other plugin runs in a
   * sandbox of its own per site (core/plugins/sandbox/).
   */
  readonly trustedPlugins: readonly string[];
  /** The memory a sandboxed plugin may use on one site (GUILD_PLUGIN_MEMORY_MB; default 16). */
  readonly pluginMemoryMb: number;
  /** Reload a site when its site.json changes on disk (default true). */
  readonly watch: boolean;
  /** Themes and plugins installed from a directory, in themes/ and plugins/ (GUILD_PACKAGES; default .guild/packages beside the sites folder). */
  readonly packagesDir: string;
  /** Run the network directory inside this host (GUILD_DIRECTORY_EMBEDDED=0 turns it off; default on). */
  readonly directoryEmbedded: boolean;
  /** The embedded directory's data folder (GUILD_DIRECTORY_DATA; default .guild/directory beside the sites folder). */
  readonly directoryDataDir: string;
  /** The host name the embedded directory answers at (GUILD_DIRECTORY_HOST; default directory.localhost). */
  readonly directoryHost: string;
  /** The network's fee on each sale, in basis points (GUILD_DIRECTORY_FEE_PERCENT × 100; default 3%). */
  readonly directoryFeeBasisPoints: number;
  /** The host's own database: accounts, sessions, the publishing schedule (GUILD_DATA; default .guild/data beside the sites folder). */
  readonly dataDir: string;
  /** The largest file the media library accepts (GUILD_UPLOAD_MAX_MB; default 10). */
  readonly uploadMaxBytes: number;
  /**
   * Where media files are kept (GUILD_MEDIA_URL=s3://bucket/prefix, with AWS_ENDPOINT_URL,
   * AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); undefined: in each site's folder.
   */
  readonly media: S3Location | undefined;
  /** The largest WordPress export the admin's import page accepts (GUILD_IMPORT_MAX_MB; default 100). */
  readonly importMaxBytes: number;
  /** The directory the host admin browses and installs from (GUILD_DIRECTORY; default the embedded one). */
  readonly directoryUrl: string | undefined;
  /**
   * The network's public base address in production (GUILD_PUBLIC_URL, e.g. https://guild.example.com):
   * its protocol and port go into every absolute URL the host writes, and sites without a domain
   * answer at <slug>.<its host name>. Unset: http on the listening port, sites at <slug>.localhost.
   */
  readonly publicUrl: string | undefined;
  /**
   * The admin's own host name (GUILD_ADMIN_HOST; default admin.localhost, or admin.<public host>
   * with GUILD_PUBLIC_URL): the network admin answers there and each site's admin at <slug>.<admin host>.
   */
  readonly adminHost: string;
  /** Where mail goes out (GUILD_SMTP_URL, smtp:// or smtps://user:pass@host:port); unset, mail is written to the log. */
  readonly smtpUrl: string | undefined;
  /** The sender of mail from a site without its own mail.from (GUILD_MAIL_FROM; default guild@<this machine>). */
  readonly mailFrom: string;
  /** Where site backups are written, a folder per site (GUILD_BACKUP_DIR; default .guild/backups beside the sites folder). */
  readonly backupDir: string;
  /** How often the host backs up every site (GUILD_BACKUP_EVERY, e.g. "6h", "1d", "30m"); undefined: no schedule. */
  readonly backupEveryMs: number | undefined;
  /** Backups kept per site, the oldest removed first (GUILD_BACKUP_KEEP; default 7). */
  readonly backupKeep: number;
  /**
   * The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (GUILD_TRUST_PROXY:
   * comma-separated addresses or subnets, or loopback, linklocal, uniquelocal; default none, so
   * the peer's own address is the visitor's).
   */
  readonly trustProxy: readonly string[];
  /**
   * How many processes serve the sites, sharing the port (GUILD_WORKERS: a number, or "auto" for
   * one per core; default 1, a single process). See core/host/cluster/.
   */
  readonly workers: number;
  /** Where this machine's directory fetches domain proofs instead of each domain's address (GUILD_DIRECTORY_PROOF_VIA, e.g. 127.0.0.1:3000; tests). */
  readonly directoryProofVia: string | undefined;
  /**
   * PostgreSQL holding every site's content, a schema per site (GUILD_DATABASE_URL,
   * postgres://user:password@host:5432/database). Unset: each site keeps it in its own SQLite file.
   */
  readonly databaseUrl: string | undefined;
}

function number(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(parsed) ? parsed : fallback;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.resolve(dir));
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** GUILD_TRUST_PROXY's entries, each an address, a subnet or a range name; anything else is refused at start. */
function proxies(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const valid = PROXY_NAMES.has(entry) || (isIP(address!) !== 0 && extra === undefined && (prefix === undefined || /^\d{1,3}$/.test(prefix)));
    if (!valid) throw new GuildError('GUILD_ERR_TRUST_PROXY', entry);
  }
  return entries;
}

export function resolveConfig(options: Partial<HostConfig> = {}, env: NodeJS.ProcessEnv = process.env): HostConfig {
  const sitesDir = path.resolve(options.sitesDir ?? env.GUILD_SITES ?? path.join(INSTALL_DIR, 'sites'));
  // A host's own state lives beside its sites folder (./.guild for the install's sites/), so a
  // sites folder elsewhere (GUILD_SITES) brings its own accounts, packages and directory.
  const stateDir = path.join(path.dirname(sitesDir), '.guild');
  const packagesDir = path.resolve(options.packagesDir ?? env.GUILD_PACKAGES ?? path.join(stateDir, 'packages'));
  // Installed packages are searched last: a folder an author is working on wins over a download.
  const publicUrl = checkedPublicUrl(options.publicUrl ?? (env.GUILD_PUBLIC_URL || undefined));
  const withInstalled = (dirs: readonly string[], kind: string) => [...new Set([...dirs, path.join(packagesDir, kind)])];
  return {
    sitesDir,
    themesDirs: withInstalled(options.themesDirs ?? [path.join(INSTALL_DIR, 'themes'), ...list(env.GUILD_THEMES)], 'themes'),
    pluginsDirs: withInstalled(options.pluginsDirs ?? [path.join(INSTALL_DIR, 'plugins'), ...list(env.GUILD_PLUGINS)], 'plugins'),
    cacheDir: path.resolve(options.cacheDir ?? env.GUILD_CACHE ?? path.join(INSTALL_DIR, '.guild', 'cache')),
    port: options.port ?? number(env.PORT, 3000),
    hostNames: options.hostNames ?? ['localhost', '127.0.0.1', '::1', os.hostname().toLowerCase(), ...(publicUrl ? [new URL(publicUrl).hostname] : [])],
    pageCacheBytes: options.pageCacheBytes ?? number(env.GUILD_PAGE_CACHE_MB, 32) * 1024 * 1024,
    cdnMaxAge: options.cdnMaxAge ?? Math.max(0, Math.floor(number(env.GUILD_CDN_MAX_AGE, 0))),
    maxOpenSites: options.maxOpenSites ?? number(env.GUILD_MAX_OPEN_SITES, 100),
    siteIdleMs: options.siteIdleMs ?? number(env.GUILD_SITE_IDLE_SECONDS, 600) * 1000,
    hookTimeLimitMs: options.hookTimeLimitMs ?? number(env.GUILD_HOOK_TIME_LIMIT_MS, 1000),
    sandboxTimeLimitMs: options.sandboxTimeLimitMs ?? options.hookTimeLimitMs ?? number(env.GUILD_HOOK_TIME_LIMIT_MS, 50),
    sandboxAll: options.sandboxAll ?? ['1', 'true', 'on', 'yes'].includes((env.GUILD_SANDBOX_ALL ?? '').toLowerCase()),
    pluginSetupTimeLimitMs: options.pluginSetupTimeLimitMs ?? 5000,
    trustedPlugins: options.trustedPlugins ?? (env.GUILD_TRUSTED_PLUGINS ?? '').split(',').map((id) => id.trim()).filter(Boolean),
    pluginMemoryMb: options.pluginMemoryMb ?? number(env.GUILD_PLUGIN_MEMORY_MB, 16),
    watch: options.watch ?? true,
    packagesDir,
    directoryEmbedded: options.directoryEmbedded ?? !['0', 'false', 'off', 'no'].includes((env.GUILD_DIRECTORY_EMBEDDED ?? '').toLowerCase()),
    directoryDataDir: path.resolve(options.directoryDataDir ?? env.GUILD_DIRECTORY_DATA ?? path.join(stateDir, 'directory')),
    directoryHost: (options.directoryHost ?? env.GUILD_DIRECTORY_HOST ?? 'directory.localhost').toLowerCase(),
    directoryFeeBasisPoints: options.directoryFeeBasisPoints ?? Math.round(number(env.GUILD_DIRECTORY_FEE_PERCENT, 3) * 100),
    dataDir: path.resolve(options.dataDir ?? env.GUILD_DATA ?? path.join(stateDir, 'data')),
    uploadMaxBytes: options.uploadMaxBytes ?? number(env.GUILD_UPLOAD_MAX_MB, 10) * 1024 * 1024,
    importMaxBytes: options.importMaxBytes ?? number(env.GUILD_IMPORT_MAX_MB, 100) * 1024 * 1024,
    media: 'media' in options ? options.media : env.GUILD_MEDIA_URL ? parseMediaUrl(env.GUILD_MEDIA_URL, env) : undefined,
    directoryUrl: options.directoryUrl ?? (env.GUILD_DIRECTORY || undefined),
    publicUrl,
    adminHost: (options.adminHost ?? (env.GUILD_ADMIN_HOST || `admin.${publicUrl ? new URL(publicUrl).hostname : 'localhost'}`)).toLowerCase(),
    smtpUrl: options.smtpUrl ?? (env.GUILD_SMTP_URL || undefined),
    mailFrom: options.mailFrom ?? (env.GUILD_MAIL_FROM || `Guild <guild@${os.hostname().toLowerCase()}>`),
    backupDir: path.resolve(options.backupDir ?? env.GUILD_BACKUP_DIR ?? path.join(stateDir, 'backups')),
    backupEveryMs: options.backupEveryMs ?? parseInterval('GUILD_BACKUP_EVERY', env.GUILD_BACKUP_EVERY),
    backupKeep: options.backupKeep ?? Math.max(1, Math.floor(number(env.GUILD_BACKUP_KEEP, 7))),
    trustProxy: options.trustProxy ?? proxies(env.GUILD_TRUST_PROXY),
    directoryProofVia: options.directoryProofVia ?? (env.GUILD_DIRECTORY_PROOF_VIA || undefined),
    workers: options.workers ?? workerCount(env.GUILD_WORKERS),
    databaseUrl: checkedDatabaseUrl(options.databaseUrl ?? (env.GUILD_DATABASE_URL || undefined)),
  };
}

/** GUILD_DATABASE_URL, refused unless it is a postgres:// address. */
function checkedDatabaseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let protocol = '';
  try {
    protocol = new URL(value).protocol;
  } catch {
    // Reported below, without echoing what may hold a password.
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') throw new GuildError('GUILD_ERR_DATABASE_URL', protocol || 'not a URL');
  return value;
}

/** GUILD_PUBLIC_URL as its origin ("https://guild.example.com/" → "https://guild.example.com"), refused when it is not one. */
function checkedPublicUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GuildError('GUILD_ERR_PUBLIC_URL', value, 'it is not an address');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new GuildError('GUILD_ERR_PUBLIC_URL', value, `${url.protocol} is not http or https`);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) throw new GuildError('GUILD_ERR_PUBLIC_URL', value, 'it carries more than a protocol, host name and port');
  return url.origin;
}

/** GUILD_WORKERS: unset or empty is one process, "auto" one per core, else a whole number from 1 up. */
export function workerCount(value: string | undefined): number {
  const given = (value ?? '').trim().toLowerCase();
  if (given === '') return 1;
  if (given === 'auto') return os.availableParallelism();
  if (!/^\d+$/.test(given) || Number(given) < 1) throw new GuildError('GUILD_ERR_WORKERS', value ?? '');
  return Number(given);
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "30m", "6h", "1d" (or a bare number of seconds) in milliseconds; unset or empty is undefined. */
export function parseInterval(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(value);
  const ms = match ? Number(match[1]) * UNITS[(match[2] || 's').toLowerCase()]! : NaN;
  if (!(ms >= 60_000)) throw new GuildError('GUILD_ERR_INTERVAL', name, value);
  return ms;
}

/** How this machine opens its own directory (embedded in the host, or for the CLI's operator commands). */
export function directoryOptions(config: HostConfig): { dataDir: string; feeBasisPoints: number; proofVia?: string; databaseUrl?: string } {
  return {
    dataDir: config.directoryDataDir,
    feeBasisPoints: config.directoryFeeBasisPoints,
    ...(config.directoryProofVia ? { proofVia: config.directoryProofVia } : {}),
    // With PostgreSQL, the directory is in the network's database too (schema guild_directory).
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
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
