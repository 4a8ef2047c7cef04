/**
 * Every site in the sites folder, by slug and by host name. Manifests are read up front (cheap);
 * a site is opened on its first request, kept open while it is used, and closed when idle or when
 * too many are open. A site that cannot serve is "refused" with a reason naming the file (and
 * line) to fix; it answers 503 while every other site keeps serving.
 */
import { readFile } from 'node:fs/promises';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import { formatProblem, formatProblemAt } from '../manifest/index.ts';
import { Site, validateSite, type PluginStatus, type SiteServices } from '../site/index.ts';
import { mapHostNames, readEntry, statusOf } from './registry-entries.ts';
import { RegistryRelay } from './registry-relay.ts';
import { SiteRefused, type Acquired, type RegistryChange, type RegistryPeers, type Runtime, type SiteEntry, type SiteStatus } from './registry-types.ts';
import { localSites, type SharedManifests } from './shared-manifests.ts';

export { SiteRefused, type Acquired, type RegistryChange, type RegistryPeers, type SiteEntry, type SiteStatus } from './registry-types.ts';

/** How long a site that failed to open waits before the next request tries again. */
const RETRY_OPEN_MS = 2000;

export class SiteRegistry {
  readonly sitesDir: string;
  readonly #services: SiteServices;
  readonly #log: Logger;
  readonly #maxOpen: number;
  readonly #onOpen: ((site: Site) => void) | undefined;
  readonly #relay: RegistryRelay;
  readonly #shared: SharedManifests | undefined;
  readonly #onChange: (slug: string) => void;
  readonly #codeFingerprint: () => string;
  #fingerprint: string;
  readonly #entries = new Map<string, SiteEntry>();
  /** Each site's reloads in progress, chained: one at a time, in the order asked (see #reload). */
  readonly #reloads = new Map<string, Promise<void>>();
  #byHost = new Map<string, SiteEntry>();

  /**
   * `onOpen` is told of every site as it opens (the publishing scheduler follows sites so);
   * `onChange` of every site reloaded or removed (its cached pages go). `fingerprint` hashes
   * this host's code and packages (see fingerprint.ts): read at start and at every reload.
   * `shared`: the network's manifests in PostgreSQL, which the sites folder mirrors (GUILD_DATABASE_URL).
   */
  constructor(options: { sitesDir: string; services: SiteServices; maxOpenSites: number; fingerprint?: () => string; onOpen?: (site: Site) => void; onChange?: (slug: string) => void; peers?: RegistryPeers; shared?: SharedManifests }) {
    this.sitesDir = options.sitesDir;
    this.#shared = options.shared;
    this.#relay = new RegistryRelay(options.peers, options.shared);
    this.#onOpen = options.onOpen;
    this.#onChange = options.onChange ?? (() => {});
    this.#codeFingerprint = options.fingerprint ?? (() => '');
    this.#fingerprint = this.#codeFingerprint();
    this.#services = options.services;
    this.#log = options.services.log;
    this.#maxOpen = options.maxOpenSites;
  }

  /** Reads the sites folder: new folders become sites, vanished ones are closed and dropped. */
  async scan(): Promise<void> {
    await this.follow({ kind: 'scan' });
    await this.#relay.changed({ kind: 'scan' });
  }

  /**
   * Re-reads one site's manifest and reopens it on its next request; other sites are untouched.
   * A site.json that no longer passes leaves the last valid version serving; a vanished one drops the site.
   */
  async reload(slug: string): Promise<void> {
    await this.follow({ kind: 'reload', slug });
    await this.#relay.changed({ kind: 'reload', slug });
  }

  /** Drops a site at once (its host names answer 404 from now on) and resolves once it is closed. */
  async remove(slug: string): Promise<void> {
    await this.follow({ kind: 'remove', slug });
    await this.#relay.changed({ kind: 'remove', slug });
  }

  /**
   * Applies a change here only: one another process made (its peers are told by it), or one
   * every process sees for itself (each watches the sites folder).
   */
  async follow(change: RegistryChange): Promise<void> {
    if (change.kind === 'scan') return this.#scan();
    return change.kind === 'reload' ? this.#reload(change.slug) : this.#remove(change.slug);
  }

  /** Follows the changes other hosts make to the network's sites (with shared manifests), from now until closeAll. */
  listenToNetwork(): Promise<void> {
    return this.#relay.listen((change) => this.follow(change), this.#log);
  }

  async #scan(): Promise<void> {
    // With shared manifests the folder first becomes the network's, and sites rewritten there reload.
    const known = new Set(this.#entries.keys());
    const rewritten = (await this.#shared?.pullAll()) ?? [];
    const slugs = localSites(this.sitesDir);
    for (const slug of this.#entries.keys()) if (!slugs.includes(slug)) await this.#remove(slug);
    for (const slug of slugs) {
      if (this.#entries.has(slug)) continue;
      const loaded = await this.#read(slug);
      if (loaded && !this.#entries.has(slug)) this.#entries.set(slug, loaded);
    }
    this.#mapHosts();
    for (const slug of rewritten) if (known.has(slug) && this.#entries.has(slug)) await this.#reload(slug);
  }

  /**
   * Reloads of one site run one after another. Run side by side (the folder watcher's for an
   * earlier write, the admin's for the next), the older one could finish last: the newer one then
   * saw its entry replaced and gave up, and the site served the older site.json (a removed domain
   * still answered). With PostgreSQL, saving to the network between the two made it common.
   */
  #reload(slug: string): Promise<void> {
    const run = (this.#reloads.get(slug) ?? Promise.resolve()).then(() => this.#reloadNow(slug));
    const settled = run.catch(() => {});
    this.#reloads.set(slug, settled);
    void settled.then(() => {
      if (this.#reloads.get(slug) === settled) this.#reloads.delete(slug);
    });
    return run;
  }

  async #reloadNow(slug: string): Promise<void> {
    const entry = this.#entries.get(slug);
    if (!entry) return this.#scan();
    // A change made here (a command, the admin, a hand edit) goes to the network if it passes.
    await this.#shared?.push(slug);
    // A package changed (or site.json did): pages made with the old files must never match again.
    this.#fingerprint = this.#codeFingerprint();
    const loaded = await this.#read(slug);
    // Removed or replaced while it was read (a deleted folder fires both the folder's and the file's events).
    if (this.#entries.get(slug) !== entry) return;
    if (!loaded) return this.#remove(slug);
    const problems = entry.manifest ? (loaded.manifest ? await this.#themeProblems(loaded) : loaded.problems) : [];
    if (problems.length) {
      entry.editProblems = problems;
      this.#log.error({ site: slug }, `site ${slug}: its site.json is broken; still serving the last valid version:\n${problems.join('\n')}`);
      return;
    }
    void this.#retire(entry);
    this.#entries.set(slug, loaded);
    this.#mapHosts();
    // A package update reloads its sites with the same site.json: their pages must go all the same.
    this.#onChange(slug);
    this.#log.info({ site: slug }, `site ${slug} reloaded`);
  }

  async #remove(slug: string): Promise<void> {
    const entry = this.#entries.get(slug);
    if (!entry) return;
    this.#entries.delete(slug);
    this.#mapHosts();
    this.#onChange(slug);
    await this.#retire(entry);
  }

  get(slug: string): SiteEntry | undefined {
    return this.#entries.get(slug);
  }

  /** The site a host name belongs to: one of its domains, or `<slug>.localhost`. */
  find(hostname: string): SiteEntry | undefined {
    return this.#byHost.get(hostname.toLowerCase());
  }

  entries(): SiteEntry[] {
    return [...this.#entries.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  }

  /** Why a site cannot serve right now, or undefined when it can. */
  refusal(entry: SiteEntry): string | undefined {
    if (entry.problems.length) return entry.problems.join('\n');
    if (entry.conflict) return entry.conflict;
    if (entry.openError && Date.now() - entry.openError.at < RETRY_OPEN_MS) return entry.openError.reason;
    return undefined;
  }

  /** Opens the site if needed and holds it open until `release` is called. */
  async acquire(entry: SiteEntry): Promise<Acquired> {
    const refused = this.refusal(entry);
    if (refused) throw new SiteRefused(entry.slug, refused);
    let runtime = entry.runtime;
    if (!runtime) {
      const opening: Runtime = { site: this.#open(entry), opened: undefined, inflight: 0, retired: false, lastUsed: Date.now() };
      opening.site.then((site) => (opening.opened = site), () => {});
      runtime = entry.runtime = opening;
      this.#evictBeyondLimit(entry);
    }
    runtime.inflight++;
    runtime.lastUsed = Date.now();
    let site: Site;
    try {
      site = await runtime.site;
    } catch (error) {
      runtime.inflight--;
      throw error;
    }
    let released = false;
    return {
      site,
      release: () => {
        if (released) return;
        released = true;
        runtime.inflight--;
        if (runtime.retired && runtime.inflight === 0) void this.#close(entry.slug, runtime);
      },
    };
  }

  /**
   * The site if it is open now, without waiting or opening it, counted as used (the idle sweep
   * leaves it open). The caller must be done with it before it yields: it is not held open.
   */
  openSite(entry: SiteEntry): Site | undefined {
    const runtime = entry.runtime;
    if (!runtime?.opened || runtime.retired) return undefined;
    runtime.lastUsed = Date.now();
    return runtime.opened;
  }

  /** A site's state as `guild site list` shows it. Opens the site to find out, unless told not to. */
  async status(entry: SiteEntry, options: { open?: boolean } = {}): Promise<SiteStatus> {
    let plugins: readonly PluginStatus[] = [];
    let reason = this.refusal(entry);
    if (!reason && options.open !== false) {
      try {
        const acquired = await this.acquire(entry);
        plugins = acquired.site.plugins();
        acquired.release();
      } catch (error) {
        reason = error instanceof SiteRefused ? error.reason : describeError(error);
      }
    }
    return statusOf(entry, reason, plugins);
  }

  /** Closes sites nobody has used for `idleMs`. */
  async closeIdle(idleMs: number): Promise<void> {
    const now = Date.now();
    for (const entry of this.#entries.values()) {
      if (entry.runtime && entry.runtime.inflight === 0 && now - entry.runtime.lastUsed > idleMs) void this.#retire(entry);
    }
  }

  async closeAll(): Promise<void> {
    await this.#relay.close();
    const closing = [...this.#entries.values()].flatMap((entry) => (entry.runtime ? [this.#close(entry.slug, entry.runtime)] : []));
    for (const entry of this.#entries.values()) entry.runtime = undefined;
    await Promise.all(closing);
  }

  /** How many sites are open now. */
  openCount(): number {
    let open = 0;
    for (const entry of this.#entries.values()) if (entry.runtime) open++;
    return open;
  }

  /**
   * What would keep a changed site.json from opening although it passes the schema: a theme that is
   * missing or does not load, settings the theme refuses (the old theme's, after editing theme.id
   * by hand), a paid theme's licence. Checked before the working version is let go.
   */
  async #themeProblems(entry: SiteEntry): Promise<string[]> {
    // Plugin problems never refuse a site (it serves without the plugin), so they do not count here.
    const problems = (await validateSite(entry.dir, this.#services.themes, this.#services.plugins, this.#services.licenceKeys())).filter((problem) => !problem.path.startsWith('/plugins'));
    if (!problems.length) return [];
    const text = await readFile(entry.manifestFile, 'utf8').catch(() => '');
    return problems.map((problem) => (problem.file === entry.manifestFile ? formatProblemAt(problem, text) : formatProblem(problem)));
  }

  /** A site as its folder holds it now; undefined once its site.json is gone. */
  async #read(slug: string): Promise<SiteEntry | undefined> {
    const entry = await readEntry(this.sitesDir, slug, this.#fingerprint);
    if (entry && !entry.manifest && !this.#entries.get(slug)?.manifest) this.#log.error({ site: slug }, `site ${slug} is refused:\n${entry.problems.join('\n')}`);
    return entry;
  }

  async #open(entry: SiteEntry): Promise<Site> {
    const started = performance.now();
    try {
      const site = await Site.open({ slug: entry.slug, dir: entry.dir, manifestFile: entry.manifestFile, manifest: entry.manifest!, fingerprint: entry.fingerprint }, this.#services);
      entry.openError = undefined;
      this.#onOpen?.(site);
      this.#log.debug({ site: entry.slug, ms: Math.round(performance.now() - started) }, `site ${entry.slug} opened`);
      return site;
    } catch (error) {
      entry.openError = { reason: describeError(error), at: Date.now() };
      entry.runtime = undefined;
      this.#log.error({ site: entry.slug }, `site ${entry.slug} is refused: ${entry.openError.reason}`);
      throw new SiteRefused(entry.slug, entry.openError.reason);
    }
  }

  #mapHosts(): void {
    this.#byHost = mapHostNames(this.entries());
  }

  /** Takes a site out of service; it closes as soon as its last request is done. */
  #retire(entry: SiteEntry): Promise<void> | undefined {
    const runtime = entry.runtime;
    entry.runtime = undefined;
    if (!runtime) return undefined;
    runtime.retired = true;
    return runtime.inflight === 0 ? this.#close(entry.slug, runtime) : undefined;
  }

  #evictBeyondLimit(keep: SiteEntry): void {
    // Below the limit, where most hosts live, opening a site sorts nothing: one count of the open.
    if (this.openCount() <= this.#maxOpen) return;
    const open = [...this.#entries.values()].filter((entry) => entry.runtime && entry !== keep && entry.runtime.inflight === 0);
    let excess = open.length + 1 - this.#maxOpen;
    for (const entry of open.sort((a, b) => a.runtime!.lastUsed - b.runtime!.lastUsed)) {
      if (excess-- <= 0) break;
      void this.#retire(entry);
    }
  }

  async #close(slug: string, runtime: Runtime): Promise<void> {
    try {
      await (await runtime.site).close();
    } catch (error) {
      // A site that never opened has nothing to close; one that fails to close is only logged.
      if (!(error instanceof SiteRefused)) this.#log.warn({ site: slug }, `site ${slug} did not close cleanly: ${describeError(error)}`);
    }
  }
}
