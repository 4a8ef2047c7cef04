/**
 * The freelancer's overview of their sites, one shape for `guild site list --json` and the
 * admin's Sites screen (GET /admin/api/network/sites): each site's state (serving, refused and
 * why, disabled, stopped when no host runs), a broken site.json it survives, failing plugins,
 * domains, the addresses of the site and its admin, available updates and the last backup.
 */
import type { SiteOverview } from '../site/index.ts';
import type { SiteStatus } from './registry.ts';

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
