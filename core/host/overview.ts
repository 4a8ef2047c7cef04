/**
 * The freelancer's overview of their sites, one shape for `guild site list --json` and the
 * admin's Sites screen (GET /admin/api/network/sites): each site's state (serving, refused and
 * why, disabled, stopped when no host runs), a broken site.json it survives, failing plugins,
 * domains, the addresses of the site and its admin, available updates and the last backup.
 */
import type { SiteOverview } from '../site/index.ts';
import type { Addresses } from './addresses.ts';
import { lastBackup } from './backups.ts';
import type { SiteStatus } from './registry.ts';

export interface OverviewContext {
  /** The addresses of the host serving the sites (the running host's port, or the configured one). */
  readonly addresses: Addresses;
  /** False when no host runs: a site that would serve is `stopped`. */
  readonly hostRunning: boolean;
  /** Where backups are kept (GUILD_BACKUP_DIR), for the last one's time. */
  readonly backupDir: string;
}

export async function siteOverview(status: SiteStatus, context: OverviewContext): Promise<SiteOverview> {
  const { addresses } = context;
  // The status lists <slug>.localhost among the domains; the addresses want site.json's own.
  const site = { slug: status.slug, domains: status.domains.filter((domain) => domain !== `${status.slug}.localhost`) };
  const backedUp = await lastBackup(context.backupDir, status.slug);
  return {
    slug: status.slug,
    title: status.title,
    state: !context.hostRunning && status.state === 'serving' ? 'stopped' : status.state,
    reason: status.reason,
    manifestProblems: status.manifestProblems,
    disabled: status.disabled,
    domains: status.domains,
    theme: status.theme,
    builtBy: status.builtBy,
    plugins: status.plugins,
    pluginsFailing: status.plugins.flatMap((plugin) => (plugin.state === 'failed' || plugin.state === 'switched-off' ? [{ id: plugin.id, state: plugin.state, reason: plugin.reason }] : [])),
    // Where the admin links to a site: reachable on a local host even before its domains point here.
    urls: { site: `${addresses.viewUrl(site)}/`, admin: `${addresses.site(site).adminUrl}/admin/` },
    updates: null,
    lastBackup: backedUp?.toISOString() ?? null,
  };
}
