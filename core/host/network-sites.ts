/** The host's sites and their lifecycle, lent to the admin (its Sites overview and site controls). */
import type { NetworkSites } from '../admin/index.ts';
import type { Addresses } from './addresses.ts';
import { changeSite, type LifecycleContext } from './lifecycle.ts';
import { siteOverview } from './overview.ts';

export function networkSites(context: LifecycleContext, addresses: Addresses): NetworkSites {
  const { registry, config } = context;
  const overview = { addresses, hostRunning: true, backupDir: config.backupDir };
  return {
    sites: async () => Promise.all(registry.entries().map(async (entry) => siteOverview(await registry.status(entry), overview))),
    change: (slug, change) => changeSite(context, slug, change),
  };
}
