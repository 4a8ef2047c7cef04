import type { Addresses } from './addresses.ts';
import type { SiteEntry, SiteRegistry } from './registry.ts';

export interface PublicNames {
  readonly registry: SiteRegistry;
  readonly addresses: Addresses;
  /** Names that are not sites' (the directory's). */
  readonly otherNames: ReadonlySet<string>;
}

/** The site `hostname` is a public name of (one of its domains, or <slug> under the host's name); none for the admin's names. */
export function publicSiteOf(hostname: string, names: PublicNames): SiteEntry | undefined {
  const { registry, addresses, otherNames } = names;
  if (otherNames.has(hostname) || hostname === addresses.adminHost || addresses.adminSlugOf(hostname) !== undefined) return undefined;
  return registry.find(hostname) ?? registry.get(addresses.siteSlugOf(hostname) ?? '');
}
