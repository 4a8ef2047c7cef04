/**
 * The shapes of a site's lifecycle as the host and the admin share them: the changes an owner can
 * make to a whole site (the host applies them, the admin and the CLI ask for them), and the
 * overview of a site's state that `guild site list --json` prints and the admin's Sites screen shows.
 */
import type { PluginStatus } from './plugins.ts';

/** A change to one site, as the CLI sends it to the running host and the admin makes it. */
export type SiteChange =
  | { readonly action: 'remove'; readonly archive: boolean; readonly out?: string }
  | { readonly action: 'rename'; readonly to: string }
  | { readonly action: 'disable'; readonly message?: string }
  | { readonly action: 'enable' }
  | { readonly action: 'theme'; readonly theme: string; readonly licence?: string }
  | { readonly action: 'domain-add'; readonly domain: string }
  | { readonly action: 'domain-remove'; readonly domain: string };

export interface ChangeOutcome {
  readonly slug: string;
  /** remove: where the archive was written. */
  readonly archive?: string;
  /** theme: the settings the new theme does not know, left behind. */
  readonly dropped?: readonly string[];
  readonly domains?: readonly string[];
}

export interface SiteOverview {
  readonly slug: string;
  readonly title: string | undefined;
  /** stopped: no host is running, and nothing keeps the site from serving once one starts. */
  readonly state: 'serving' | 'refused' | 'disabled' | 'stopped';
  /** Why a refused site cannot serve. */
  readonly reason: string | undefined;
  /** site.json's problems while the last valid version serves; empty when it is fine. */
  readonly manifestProblems: readonly string[];
  readonly disabled: { readonly since: string; readonly message?: string } | undefined;
  readonly domains: readonly string[];
  readonly theme: string | undefined;
  readonly builtBy: string | undefined;
  readonly plugins: readonly PluginStatus[];
  /** The plugins that are not running although the site lists them as active: failed or switched off, with why. */
  readonly pluginsFailing: readonly { readonly id: string; readonly state: string; readonly reason: string }[];
  readonly urls: { readonly site: string; readonly admin: string };
  /**
   * Newer versions of the site's packages (as `guild outdated` lists them); null until this host
   * can tell (the per-site versions work fills it).
   */
  readonly updates: readonly unknown[] | null;
  /** When the site's newest backup in GUILD_BACKUP_DIR was taken (ISO 8601); null when it has none. */
  readonly lastBackup: string | null;
}

