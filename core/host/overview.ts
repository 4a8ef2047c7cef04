/**
 * The freelancer's overview of their sites, one shape for `guild site list --json` and the
 * admin's Sites screen (GET /admin/api/network/sites): each site's state (serving, refused and
 * why, disabled, stopped when no host runs), a broken site.json it survives, failing plugins,
 * domains, the addresses of the site and its admin, available updates and the last backup.
 */
import type { SiteStatus } from './registry.ts';

export interface SiteOverview {
  readonly slug: string;
  readonly title: string | undefined;
  /** stopped: no host is running, and nothing keeps the site from serving once one starts. */
  readonly state: SiteStatus['state'] | 'stopped';
  /** Why a refused site cannot serve. */
  readonly reason: string | undefined;
  /** site.json's problems while the last valid version serves; empty when it is fine. */
  readonly manifestProblems: readonly string[];
  readonly disabled: SiteStatus['disabled'];
  readonly domains: readonly string[];
  readonly theme: string | undefined;
  readonly builtBy: string | undefined;
  readonly plugins: SiteStatus['plugins'];
  /** The plugins that are not running although the site lists them as active: failed or switched off, with why. */
  readonly pluginsFailing: readonly { readonly id: string; readonly state: string; readonly reason: string }[];
  readonly urls: { readonly site: string; readonly admin: string };
  /**
   * Newer versions of the site's packages (as `guild outdated` lists them); null until this host
   * can tell (the per-site versions work fills it).
   */
  readonly updates: readonly unknown[] | null;
  /** When the site was last backed up (GUILD_BACKUP_DIR); null until this host keeps backups. */
  readonly lastBackup: string | null;
}

export function siteOverview(status: SiteStatus, urlFor: (host: string) => string, hostRunning: boolean): SiteOverview {
  const main = `${status.slug}.localhost`;
  return {
    slug: status.slug,
    title: status.title,
    state: !hostRunning && status.state === 'serving' ? 'stopped' : status.state,
    reason: status.reason,
    manifestProblems: status.manifestProblems,
    disabled: status.disabled,
    domains: status.domains,
    theme: status.theme,
    builtBy: status.builtBy,
    plugins: status.plugins,
    pluginsFailing: status.plugins.flatMap((plugin) => (plugin.state === 'failed' || plugin.state === 'switched-off' ? [{ id: plugin.id, state: plugin.state, reason: plugin.reason }] : [])),
    urls: { site: `${urlFor(main)}/`, admin: `${urlFor(main)}/admin/` },
    updates: null,
    lastBackup: null,
  };
}
