/**
 * A paid theme or plugin runs on a site only with a valid licence in its site.json entry: signed
 * by a directory this host trusts, for that package, naming one of the site's domains, not
 * expired. Checked offline, every time the site opens. A free package needs nothing.
 */
import type { PackagePrice, SiteManifest } from '../manifest/index.ts';
import { checkLicence } from '../signing/index.ts';

/** Why a package may not run on the site, or undefined when it may (free, or licensed). */
export function licenceProblem(pkg: { id: string; price?: PackagePrice }, token: string | undefined, site: SiteManifest, trustedKeys: readonly string[]): string | undefined {
  if (!pkg.price || pkg.price.amount === 0) return undefined;
  const check = checkLicence(token, { package: pkg.id, domains: siteDomains(site), trustedKeys });
  return check.ok ? undefined : check.problem;
}

/** The names a licence may give for a site: its domains, and <slug>.localhost for one without any. */
export function siteDomains(site: SiteManifest): string[] {
  return [...(site.domains ?? []), `${site.id}.localhost`];
}
