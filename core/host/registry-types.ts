/** What the site registry (registry.ts) holds and answers, and how it tells other processes of its changes. */
import type { SiteManifest } from '../manifest/index.ts';
import type { PluginStatus, Site } from '../site/index.ts';

/** A site's open state: the site once opened, who uses it, whether it is on its way out. */
export interface Runtime {
  readonly site: Promise<Site>;
  /** The site once it has opened, for answers that cannot wait (cached pages). */
  opened: Site | undefined;
  inflight: number;
  retired: boolean;
  lastUsed: number;
}

export interface SiteEntry {
  readonly slug: string;
  readonly dir: string;
  readonly manifestFile: string;
  manifest: SiteManifest | undefined;
  /** This host's code and packages with the site's site.json, hashed: part of its cached pages' version. */
  readonly fingerprint: string;
  /** Why the manifest cannot be used, one formatted problem per line (no valid version was ever loaded). */
  problems: string[];
  /**
   * What is wrong with site.json as it is on disk now, while the last valid version keeps
   * serving: an edit that broke it never takes a working site offline.
   */
  editProblems: string[];
  /** The host names a never-valid site.json still names, so they answer 503 rather than 404. */
  salvagedDomains: readonly string[];
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
  /** disabled: its owner put it in maintenance (`guild site disable`); it answers 503 with a maintenance page. */
  readonly state: 'serving' | 'refused' | 'disabled';
  readonly reason: string | undefined;
  /** Problems of the site.json on disk while the last valid version serves; empty when it is fine. */
  readonly manifestProblems: readonly string[];
  /** Since when, and why, a disabled site is in maintenance. */
  readonly disabled: { readonly since: string; readonly message?: string } | undefined;
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

/** A change to the sites this registry holds, as told to the other processes serving them. */
export type RegistryChange = { readonly kind: 'scan' } | { readonly kind: 'reload' | 'remove'; readonly slug: string };

/**
 * The other processes serving the same sites folder (GUILD_WORKERS): told of every change made
 * here (a `guild site` command, the admin), resolved once each has applied it.
 */
export interface RegistryPeers {
  changed(change: RegistryChange): Promise<void>;
}
