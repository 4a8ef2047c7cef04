/**
 * One Guild host: one process serving every site in the sites folder. Services start in a
 * visible order and stop in reverse: the shared services (themes, plugins, page cache), the host
 * database (accounts, the publishing schedule), the embedded directory, the site registry, the
 * schedulers (publishing, backups), the admin, the watcher, the idle sweep, then the HTTP server.
 *
 * One of several processes (GUILD_WORKERS, core/host/cluster/), a host serves requests and keeps
 * its own caches, and takes up the duties that must run once only when the primary tells it to
 * (`lead()`): the publishing timer, scheduled backups, and the control API with host.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Express } from 'express';
import { createDirectoryApp, Directory } from '../directory/index.ts';
import { createAdmin, type Admin, type LoginLimits } from '../admin/index.ts';
import { Auth, openHostDatabase } from '../auth/index.ts';
import { statementBudgetProblem } from '../content/index.ts';
import type { Logger } from '../log/index.ts';
import { hostMailTransport, type MailTransport } from '../mail/index.ts';
import { PageCache, publicCacheControl, type SiteServices } from '../site/index.ts';
import { describeError } from '../errors.ts';
import type { ThemeRegistry } from '../themes/index.ts';
import { addressesOf, type Addresses } from './addresses.ts';
import { createApp } from './app.ts';
import { clearHostState, hostStateFile, startControl, writeHostState, type ControlServer, type HostState } from './control/index.ts';
import { directoryOptions, hostDatabaseFile, resolveConfig, urlFor, type HostConfig } from './config.ts';
import { BackupScheduler } from './backup-scheduler.ts';
import type { ScheduledPost } from './schedule-index.ts';
import { NetworkLeadership } from './leadership.ts';
import { PublishScheduler } from './scheduler.ts';
import { relaySchedule, type ScheduleRelay } from './schedule-relay.ts';
import type { RegistryPeers, SiteRegistry } from './registry.ts';
import { createServices, openRegistry } from './services.ts';
import { networkSites } from './network-sites.ts';
import { sitePackages } from './site-packages.ts';
import { PackageWatcher } from './package-watcher.ts';
import { SitesWatcher } from './watcher.ts';

export interface Host {
  readonly config: HostConfig;
  readonly app: Express;
  readonly registry: SiteRegistry;
  readonly themes: ThemeRegistry;
  readonly services: SiteServices;
  /** The embedded directory, unless GUILD_DIRECTORY_EMBEDDED turned it off. */
  readonly directory: Directory | undefined;
  /** Accounts, sessions and one-time links, in the host database. */
  readonly auth: Auth;
  readonly admin: Admin;
  /** Starts listening on the configured port (0 picks a free one); resolves with the port. A host alone then leads. */
  listen(): Promise<number>;
  /**
   * Takes up the duties that run in one process only: the publishing timer, scheduled backups,
   * and the control API with host.json (so the CLI's changes come here). Once; later calls do nothing.
   */
  lead(): Promise<void>;
  /**
   * Whether this process runs the publishing timer and scheduled backups now: with
   * GUILD_DATABASE_URL, whether it holds the network's leader lock (leadership.ts).
   */
  leading(): boolean;
  /** Another process changed the publishing schedule: the leader looks at it again. */
  wakeScheduler(): void;
  /** The site's posts in the publishing schedule's index, earliest first (on PostgreSQL, every host's). */
  scheduled(slug: string): Promise<ScheduledPost[]>;
  close(): Promise<void>;
  /** The address of a host name on this host's port (the loopback side: the embedded directory). */
  urlFor(host: string): string;
  /** Where each site and its admin are, as the host writes them (GUILD_PUBLIC_URL, GUILD_ADMIN_HOST, the port). */
  readonly addresses: Addresses;
}

export interface HostOptions extends Partial<HostConfig> {
  readonly log: Logger;
  /** How invitations, password resets and plugins' mail are sent; default: SMTP with GUILD_SMTP_URL, else the log. */
  readonly mail?: MailTransport;
  readonly loginLimits?: LoginLimits;
  /** This process is one of several serving the port (GUILD_WORKERS); without it, the host is alone and leads. */
  readonly cluster?: ClusterMember;
}

export interface ClusterMember {
  /** The worker's number, sent as the X-Guild-Worker header of every response. */
  readonly worker: number;
  /** The other workers, told of every change to the sites made here. */
  readonly peers: RegistryPeers;
  /** Tells the leader that this process changed the publishing schedule. */
  readonly wakeScheduler: () => void;
}

export async function createHost(options: HostOptions): Promise<Host> {
  const config = resolveConfig(options);
  const log = options.log;
  let port = config.port;
  const localUrl = (host: string) => urlFor(host, port);
  const addresses = addressesOf(config, () => port);

  const mail = options.mail ?? hostMailTransport(config, log);
  const services = createServices(config, log, (site) => addresses.site(site).publicUrl, mail);
  // A bucket that cannot be reached stops the start here, saying why, rather than failing uploads later.
  await services.media.check();
  const unlimitedSql = services.contentDatabase ? undefined : statementBudgetProblem();
  if (unlimitedSql) log.error(unlimitedSql);
  // Installed packages' folders exist from the start, so the package watcher sees installs.
  await Promise.all(['themes', 'plugins'].map((kind) => mkdir(path.join(config.packagesDir, kind), { recursive: true })));
  const directory = config.directoryEmbedded ? await Directory.open(directoryOptions(config)) : undefined;
  // Accounts, sessions and the schedule: host.db, or guild_host in PostgreSQL on the content's pool.
  const hostDb = openHostDatabase({ file: hostDatabaseFile(config), database: services.contentDatabase });
  const auth = await Auth.open(hostDb, mail);
  let scheduler: PublishScheduler | undefined;
  const cache = new PageCache({
    maxBytes: config.pageCacheBytes,
    dir: path.join(config.cacheDir, 'pages'),
    onError: (error) => log.warn({ err: error }, `a page could not be kept in the page cache on disk: ${describeError(error)}`),
  });
  const cluster = options.cluster;
  const registry = await openRegistry(config, services, {
    onOpen: (site) => scheduler?.watch(site),
    onChange: (slug) => {
      cache.forget(slug).catch((error: unknown) => log.warn({ err: error, site: slug }, `the cached pages of ${slug} could not be removed: ${describeError(error)}`));
    },
    ...(cluster ? { peers: cluster.peers } : {}),
  });
  // With GUILD_DATABASE_URL: sites other hosts create, change or remove are followed here.
  await registry.listenToNetwork();
  // The timer runs in one process (the leading worker, the leading host): the others wake it.
  let relay: ScheduleRelay | undefined;
  scheduler = await PublishScheduler.open(hostDb, registry, log, () => {
    cluster?.wakeScheduler();
    relay?.tell();
  });
  const backups = config.backupEveryMs ? new BackupScheduler({ config, registry, auth, media: services.media }, config.backupEveryMs, log) : undefined;
  const duties = {
    start: () => {
      scheduler.start();
      backups?.start();
    },
    stop: () => {
      scheduler.stop();
      backups?.stop();
    },
  };
  // With GUILD_DATABASE_URL the hosts of a network share one schedule: the one holding the lock runs it.
  const leadership = config.databaseUrl ? new NetworkLeadership(config.databaseUrl, duties, log) : undefined;
  const runSchedules = () => (leadership ? leadership.start() : duties.start());
  // Only the leader looks: a host that does not lead would tell the others again, and on.
  relay = services.contentDatabase ? await relaySchedule(services.contentDatabase, () => {
        if (leadership?.leading()) scheduler.wake();
      }, log) : undefined;
  // A host alone runs its schedules from the start; a worker when it is made the leader.
  if (!cluster) runSchedules();
  const admin = createAdmin({
    auth,
    plugins: services.plugins,
    log,
    uploadMaxBytes: config.uploadMaxBytes,
    importMaxBytes: config.importMaxBytes,
    packages: sitePackages({ config, registry, services, urlFor: localUrl }),
    network: networkSites({ config, registry, services, auth }, addresses),
    adminUrl: (slug) => addresses.site({ slug }).adminUrl,
    sites: () => registry.entries().map((entry) => ({ slug: entry.slug, title: entry.manifest?.title ?? entry.slug, adminUrl: addresses.site({ slug: entry.slug }).adminUrl })),
    reloadSite: (slug) => registry.reload(slug),
    media: services.media,
    openSite: async (slug) => {
      const entry = registry.get(slug);
      return entry ? registry.acquire(entry) : undefined;
    },
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
  });
  const watcher = new SitesWatcher(registry, log);
  const packages = new PackageWatcher(registry, services, log);
  if (config.watch) {
    watcher.start();
    packages.start();
  }
  const sweep = setInterval(() => void registry.closeIdle(config.siteIdleMs), Math.min(config.siteIdleMs, 60_000));
  sweep.unref();
  const app = createApp({
    registry,
    cache,
    cacheControl: publicCacheControl(config.cdnMaxAge),
    hostNames: config.hostNames,
    log,
    addresses,
    ...(directory ? { directory: { host: config.directoryHost, handler: createDirectoryApp(directory, log.child({ service: 'directory' })) } } : {}),
    admin: { site: admin.router, network: admin.network },
    siteRouters: [admin.publicSide],
    trustProxy: config.trustProxy,
    proofs: config,
  });
  let server: Server | undefined;
  let control: { server: ControlServer; state: HostState } | undefined;
  let leading: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  /** The control API for the CLI, and the state file that tells the CLI where to find it. */
  const announce = async () => {
    const token = randomBytes(32).toString('base64url');
    const controlServer = await startControl({ config, registry, services, auth }, token);
    const state: HostState = { pid: process.pid, port, sitesDir: config.sitesDir, startedAt: new Date().toISOString(), control: { url: controlServer.url, token } };
    await mkdir(config.dataDir, { recursive: true });
    await writeHostState(hostStateFile(config), state);
    control = { server: controlServer, state };
  };
  const lead = () =>
    (leading ??= (async () => {
      if (cluster) runSchedules();
      await announce();
    })());

  return {
    config,
    app,
    registry,
    themes: services.themes,
    services,
    directory,
    auth,
    admin,
    urlFor: localUrl,
    addresses,
    listen: () =>
      new Promise((resolve, reject) => {
        // A worker names itself on every response, so a client (or a test) can tell them apart.
        server = createServer(cluster ? (req, res) => (res.setHeader('X-Guild-Worker', String(cluster.worker)), app(req, res)) : app);
        server.once('error', reject);
        server.listen(config.port, () => {
          const address = server!.address();
          port = typeof address === 'object' && address ? address.port : config.port;
          resolve((cluster ? Promise.resolve() : lead()).then(() => port));
        });
      }),
    lead,
    leading: () => (leadership ? leadership.leading() : Boolean(leading) || !cluster),
    wakeScheduler: () => scheduler.wake(),
    scheduled: (slug) => scheduler.scheduled(slug),
    // Once: a test (or a supervisor) may stop a host that is stopping already.
    close: () =>
      (closing ??= (async () => {
        if (control) {
          await clearHostState(hostStateFile(config), control.state);
          await control.server.close();
        }
        await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
        server?.closeAllConnections();
        await admin.close();
        clearInterval(sweep);
        await leadership?.close();
        relay?.stop();
        await backups?.close();
        scheduler.close();
        packages.close();
        watcher.close();
        await registry.closeAll();
        await services.contentDatabase?.close();
        directory?.close();
        await hostDb.close();
      })()),
  };
}
