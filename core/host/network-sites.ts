/** The host's sites and their lifecycle, lent to the admin (its Sites overview and site controls). */
import type { NetworkSites } from '../admin/index.ts';
import { changeSite, type LifecycleContext } from './lifecycle.ts';
import { siteOverview } from './overview.ts';

export function networkSites(context: LifecycleContext, urlFor: (host: string) => string): NetworkSites {
  const { registry } = context;
  return {
    sites: async () => Promise.all(registry.entries().map(async (entry) => siteOverview(await registry.status(entry), urlFor, true))),
    change: (slug, change) => changeSite(context, slug, change),
  };
}
