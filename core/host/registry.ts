/**
 * Every site in the sites folder, by slug and by host name. Manifests are read up front (cheap);
 * a site is opened on its first request, kept open while it is used, and closed when idle or when
 * too many are open. A site that cannot serve is "refused" with a reason naming the file (and
 * line) to fix; it answers 503 while every other site keeps serving.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import { formatProblem, readManifest, type SiteManifest } from '../manifest/index.ts';
import { Site, type PluginStatus, type SiteServices } from '../site/index.ts';

/** How long a site that failed to open waits before the next request tries again. */
const RETRY_OPEN_MS = 2000;

interface Runtime {
  readonly site: Promise<Site>;
  inflight: number;
  retired: boolean;
  lastUsed: number;
}

export interface SiteEntry {
  readonly slug: string;
  readonly dir: string;
  readonly manifestFile: string;
  manifest: SiteManifest | undefined;
  /** Why the manifest cannot be used, one formatted problem per line. */
  problems: string[];
  /** A host name another site claimed first. */
  conflict: string | undefined;
  openError: { readonly reason: string; readonly at: number } | undefined;
  runtime: Runtime | undefined;
}

export interface SiteStatus {
  readonly slug: string;
  readonly title: string | undefined;
  readonly domains: readonly string[];
  readonly theme: string | undefined;
  readonly builtBy: string | undefined;
  readonly state: 'serving' | 'refused';
  readonly reason: string | undefined;
  readonly plugins: readonly PluginStatus[];
}

export class SiteRefused extends Error {
  constructor(readonly slug: string, readonly reason: string) {
    super(`Site "${slug}" is not serving: ${reason}`);
  }
}

export interface Acquired {
  readonly site: Site;
  readonly release: () => void;
}

export class SiteRegistry {
  readonly sitesDir: string;
  readonly #services: SiteServices;
  readonly #log: Logger;
  readonly #maxOpen: number;
  readonly #onOpen: ((site: Site) => void) | undefined;
  readonly #entries = new Map<string, SiteEntry>();
  #byHost = new Map<string, SiteEntry>();

  /** `onOpen` is told of every site as it opens (the publishing scheduler follows sites so). */
  constructor(options: { sitesDir: string; services: SiteServices; maxOpenSites: number; onOpen?: (site: Site) => void }) {
    this.sitesDir = options.sitesDir;
    this.#onOpen = options.onOpen;
    this.#services = options.services;
    this.#log = options.services.log;
    this.#maxOpen = options.maxOpenSites;
  }

  /** Reads the sites folder: new folders become sites, vanished ones are closed and dropped. */
  async scan(): Promise<void> {
    const slugs = existsSync(this.sitesDir)
      ? readdirSync(this.sitesDir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name) && existsSync(path.join(this.sitesDir, entry.name, 'site.json')))
          .map((entry) => entry.name)
      : [];
    for (const slug of this.#entries.keys()) if (!slugs.includes(slug)) await this.remove(slug);
    for (const slug of slugs) if (!this.#entries.has(slug)) await this.#load(slug);
    this.#mapHosts();
  }

  /** Re-reads one site's manifest and reopens it on its next request; other sites are untouched. */
  async reload(slug: string): Promise<void> {
    const entry = this.#entries.get(slug);
    if (!entry) return this.scan();
    this.#retire(entry);
    await this.#load(slug);
    this.#mapHosts();
    this.#log.info({ site: slug }, `site ${slug} reloaded`);
  }

  async remove(slug: string): Promise<void> {
    const entry = this.#entries.get(slug);
    if (!entry) return;
    this.#retire(entry);
    this.#entries.delete(slug);
    this.#mapHosts();
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
      runtime = { site: this.#open(entry), inflight: 0, retired: false, lastUsed: Date.now() };
      entry.runtime = runtime;
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
    const manifest = entry.manifest;
    return {
      slug: entry.slug,
      title: manifest?.title,
      domains: manifest ? [...(manifest.domains ?? []), `${entry.slug}.localhost`] : [`${entry.slug}.localhost`],
      theme: manifest?.theme.id,
      builtBy: manifest?.builtBy,
      state: reason ? 'refused' : 'serving',
      reason,
      plugins,
    };
  }

  /** Closes sites nobody has used for `idleMs`. */
  async closeIdle(idleMs: number): Promise<void> {
    const now = Date.now();
    for (const entry of this.#entries.values()) {
      if (entry.runtime && entry.runtime.inflight === 0 && now - entry.runtime.lastUsed > idleMs) this.#retire(entry);
    }
  }

  async closeAll(): Promise<void> {
    const closing = [...this.#entries.values()].flatMap((entry) => (entry.runtime ? [this.#close(entry.slug, entry.runtime)] : []));
    for (const entry of this.#entries.values()) entry.runtime = undefined;
    await Promise.all(closing);
  }

  /** How many sites are open now. */
  openCount(): number {
    return [...this.#entries.values()].filter((entry) => entry.runtime).length;
  }

  async #load(slug: string): Promise<void> {
    const dir = path.join(this.sitesDir, slug);
    const manifestFile = path.join(dir, 'site.json');
    const read = await readManifest('site', manifestFile, slug);
    const entry: SiteEntry = {
      slug,
      dir,
      manifestFile,
      manifest: read.ok ? read.manifest : undefined,
      problems: read.ok ? [] : read.problems.map((problem) => formatProblem(problem)),
      conflict: undefined,
      openError: undefined,
      runtime: undefined,
    };
    if (!read.ok) this.#log.error({ site: slug }, `site ${slug} is refused:\n${entry.problems.join('\n')}`);
    this.#entries.set(slug, entry);
  }

  async #open(entry: SiteEntry): Promise<Site> {
    const started = performance.now();
    try {
      const site = await Site.open({ slug: entry.slug, dir: entry.dir, manifestFile: entry.manifestFile, manifest: entry.manifest! }, this.#services);
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
    const byHost = new Map<string, SiteEntry>();
    for (const entry of this.entries()) {
      entry.conflict = undefined;
      byHost.set(`${entry.slug}.localhost`, entry);
    }
    for (const entry of this.entries()) {
      for (const domain of entry.manifest?.domains ?? []) {
        const owner = byHost.get(domain);
        if (owner && owner !== entry) {
          entry.conflict = `${entry.manifestFile} /domains: "${domain}" is already served by site "${owner.slug}"; a domain can point at one site only`;
          continue;
        }
        byHost.set(domain, entry);
      }
    }
    this.#byHost = byHost;
  }

  /** Takes a site out of service; it closes as soon as its last request is done. */
  #retire(entry: SiteEntry): void {
    const runtime = entry.runtime;
    entry.runtime = undefined;
    if (!runtime) return;
    runtime.retired = true;
    if (runtime.inflight === 0) void this.#close(entry.slug, runtime);
  }

  #evictBeyondLimit(keep: SiteEntry): void {
    const open = [...this.#entries.values()].filter((entry) => entry.runtime && entry !== keep && entry.runtime.inflight === 0);
    let excess = open.length + 1 - this.#maxOpen;
    for (const entry of open.sort((a, b) => a.runtime!.lastUsed - b.runtime!.lastUsed)) {
      if (excess-- <= 0) break;
      this.#retire(entry);
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
