/**
 * The directory's answers, shaped once for both the JSON API and the web pages: a package with
 * its versions, author, the sites using it and the freelancers who use it; a person with what
 * they made (and how many sites use each) and the sites they built (and with what).
 */
import { currentVersion, packageRow, searchPackages, versionOf, versionsOf, type PackageKind, type PackageSummary, type VersionInfo } from './store/packages.ts';
import { getPerson, type Person } from './store/people.ts';
import type { DirectorySql } from './store/sql.ts';
import { freelancersUsing, sitesBuiltBy, sitesUsing, type Freelancer, type RegisteredSite, type SiteUsingPackage } from './store/sites.ts';

export interface PackagePage {
  readonly package: {
    readonly id: string;
    readonly kind: PackageKind;
    readonly createdAt: string;
    readonly author: { readonly handle: string; readonly name: string | null };
    readonly readme: string;
  } & VersionInfo;
  readonly versions: readonly VersionInfo[];
  readonly sites: readonly SiteUsingPackage[];
  readonly freelancers: readonly Freelancer[];
}

export function packagePage(db: DirectorySql, id: string): PackagePage | undefined {
  const row = packageRow(db, id);
  const current = row && currentVersion(db, id);
  if (!row || !current) return undefined;
  const author = getPerson(db, row.owner);
  return {
    package: {
      ...current,
      id: row.id,
      kind: row.kind,
      createdAt: row.createdAt,
      author: { handle: row.owner, name: author?.name ?? null },
      readme: versionOf(db, id, current.version)!.readme,
    },
    versions: versionsOf(db, id),
    sites: sitesUsing(db, id),
    freelancers: freelancersUsing(db, id),
  };
}

export interface PersonPage {
  readonly person: Omit<Person, 'keys'> & { readonly keys: readonly string[] };
  /** What they made, each with the number of registered sites using it. */
  readonly packages: readonly PackageSummary[];
  /** The sites they built, each with its theme and plugins. */
  readonly sites: readonly RegisteredSite[];
}

export function personPage(db: DirectorySql, handle: string): PersonPage | undefined {
  const person = getPerson(db, handle);
  if (!person) return undefined;
  return { person, packages: searchPackages(db, { owner: handle, limit: 200 }), sites: sitesBuiltBy(db, handle) };
}
