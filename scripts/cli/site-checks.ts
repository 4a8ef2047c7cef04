/** The rules the host applies across sites, as `guild site validate` reports them. */
import type { SiteRegistry } from '../../core/host/index.ts';
import type { ManifestProblem } from '../../core/manifest/index.ts';

/** Each domain of the site that another site already serves (the host refuses the later one). */
export function domainConflicts(registry: SiteRegistry, slug: string): ManifestProblem[] {
  const entry = registry.get(slug);
  return (entry?.manifest?.domains ?? []).flatMap((domain, index) => {
    const owner = registry.find(domain);
    return owner && owner !== entry ? [{ file: entry!.manifestFile, path: `/domains/${index}`, message: `"${domain}" is already served by site "${owner.slug}"; a domain can point at one site only` }] : [];
  });
}
