/**
 * What the admin's site lifecycle and Sites overview need from the host: every site's overview
 * and the host's lifecycle changes (core/host/lifecycle.ts, the same `guild site` runs). The host
 * lends these to the admin; the admin never reaches into the host itself.
 */
import type { ChangeOutcome, SiteChange, SiteOverview } from '../site/index.ts';

export interface NetworkSites {
  /** Every site on this host, as `guild site list --json` shows it. */
  sites(): Promise<SiteOverview[]>;
  /** Changes a whole site (disable, rename, domains, remove ...), applied at once. */
  change(slug: string, change: SiteChange): Promise<ChangeOutcome>;
}
