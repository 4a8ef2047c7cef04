/**
 * Who builds what: the sites hosts register (domain, title, builder, theme and plugins with
 * versions) and the questions the directory answers from them.
 */
import { GuildError } from '../../errors.ts';
import type { PackageKind } from './packages.ts';
import { ensurePerson } from './people.ts';
import type { DirectorySql } from './sql.ts';

export interface SitePackage {
  readonly id: string;
  readonly kind: PackageKind;
  readonly version: string | null;
  /** Whether the directory lists this package (first-party or private ones may not be). */
  readonly listed: boolean;
}

export interface RegisteredSite {
  readonly domain: string;
  readonly title: string;
  readonly builtBy: string;
  readonly registeredAt: string;
  readonly updatedAt: string;
  readonly packages: readonly SitePackage[];
}

export interface SiteRegistration {
  readonly domain: string;
  readonly title: string;
  readonly builtBy: string;
  readonly theme: { readonly id: string; readonly version?: string | null };
  readonly plugins: readonly { readonly id: string; readonly version?: string | null }[];
}

const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Throws unless the registration is well formed and `signer` is the site's builder; its packages. */
export function checkRegistration(site: SiteRegistration, signer: string) {
  if (typeof site.domain !== 'string' || !DOMAIN.test(site.domain)) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', `"${site.domain}" is not a domain like "acme.example"`);
  if (typeof site.title !== 'string' || !site.title.trim()) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', 'the site needs a title');
  if (typeof site.theme?.id !== 'string' || !Array.isArray(site.plugins ?? [])) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', 'the site needs "theme": {"id", "version"} and "plugins": [{"id", "version"}]');
  if (site.builtBy !== signer) throw new GuildError('GUILD_ERR_NOT_BUILDER', site.domain, site.builtBy, signer);
  const packages = [{ ...site.theme, kind: 'theme' as const }, ...(site.plugins ?? []).map((plugin) => ({ ...plugin, kind: 'plugin' as const }))];
  for (const entry of packages) {
    if (typeof entry.id !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(entry.id)) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', `"${String(entry.id)}" is not a theme or plugin id`);
  }
  return packages;
}

/** Adds or replaces a site's entry. Only its builder may: `signer` must be the site's builder. */
export function registerSite(db: DirectorySql, site: SiteRegistration, signer: string, now: string): RegisteredSite {
  const packages = checkRegistration(site, signer);
  const domain = site.domain;
  db.transaction(() => {
    const owner = builderOf(db, domain);
    if (owner && owner !== signer) throw new GuildError('GUILD_ERR_SITE_CLAIMED', domain, owner);
    ensurePerson(db, signer, now);
    db.run(
      `INSERT INTO sites (domain, title, built_by, registered_at, updated_at) VALUES (@domain, @title, @signer, @now, @now)
       ON CONFLICT (domain) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at`,
      { domain, title: site.title.trim(), signer, now },
    );
    db.run('DELETE FROM site_packages WHERE domain = @domain', { domain });
    for (const entry of packages) {
      // A package named twice keeps its last entry.
      db.run(
        `INSERT INTO site_packages (domain, package_id, kind, version) VALUES (@domain, @id, @kind, @version)
         ON CONFLICT (domain, package_id) DO UPDATE SET kind = excluded.kind, version = excluded.version`,
        { domain, id: entry.id, kind: entry.kind, version: entry.version ?? null },
      );
    }
  });
  return getSite(db, domain)!;
}

export function unregisterSite(db: DirectorySql, domain: string, signer: string): void {
  const owner = builderOf(db, domain);
  if (!owner) throw new GuildError('GUILD_ERR_DIRECTORY_NOT_FOUND', `The site ${domain}`);
  if (owner !== signer) throw new GuildError('GUILD_ERR_SITE_CLAIMED', domain, owner);
  db.run('DELETE FROM sites WHERE domain = @domain', { domain });
}

/** The handle a listed site is built by. */
export function builderOf(db: DirectorySql, domain: string): string | undefined {
  return db.get<{ built_by: string }>('SELECT built_by FROM sites WHERE domain = @domain', { domain })?.built_by;
}

interface SiteRow {
  domain: string;
  title: string;
  builtBy: string;
  registeredAt: string;
  updatedAt: string;
}

const SITE_COLUMNS = 'domain, title, built_by AS "builtBy", registered_at AS "registeredAt", updated_at AS "updatedAt"';

function withPackages(db: DirectorySql, rows: SiteRow[]): RegisteredSite[] {
  const packagesOf = (domain: string) =>
    db.all<Omit<SitePackage, 'listed'> & { listed: number }>(
      `SELECT sp.package_id AS id, sp.kind, sp.version, CASE WHEN p.id IS NULL THEN 0 ELSE 1 END AS listed
       FROM site_packages sp LEFT JOIN packages p ON p.id = sp.package_id
       WHERE sp.domain = @domain ORDER BY sp.kind DESC, sp.package_id`,
      { domain },
    );
  return rows.map((row) => ({ ...row, packages: packagesOf(row.domain).map((entry) => ({ ...entry, listed: entry.listed === 1 })) }));
}

export function getSite(db: DirectorySql, domain: string): RegisteredSite | undefined {
  return withPackages(db, db.all<SiteRow>(`SELECT ${SITE_COLUMNS} FROM sites WHERE domain = @domain`, { domain }))[0];
}

/** The sites a freelancer built, with the packages each uses. */
export function sitesBuiltBy(db: DirectorySql, handle: string): RegisteredSite[] {
  return withPackages(db, db.all<SiteRow>(`SELECT ${SITE_COLUMNS} FROM sites WHERE built_by = @handle ORDER BY lower(title), title`, { handle }));
}

export function recentSites(db: DirectorySql, limit = 50): RegisteredSite[] {
  return withPackages(db, db.all<SiteRow>(`SELECT ${SITE_COLUMNS} FROM sites ORDER BY updated_at DESC, domain LIMIT @limit`, { limit }));
}

export interface SiteUsingPackage {
  readonly domain: string;
  readonly title: string;
  readonly builtBy: string;
  readonly version: string | null;
}

/** The registered sites that use a package, with the version each runs. */
export function sitesUsing(db: DirectorySql, packageId: string): SiteUsingPackage[] {
  return db.all<SiteUsingPackage>(
    `SELECT s.domain, s.title, s.built_by AS "builtBy", sp.version FROM site_packages sp JOIN sites s ON s.domain = sp.domain
     WHERE sp.package_id = @packageId ORDER BY lower(s.title), s.domain`,
    { packageId },
  );
}

export interface Freelancer {
  readonly handle: string;
  readonly name: string | null;
  /** How many of their registered sites use the package. */
  readonly sites: number;
}

/** The freelancers who build sites with a package, those who use it most first. */
export function freelancersUsing(db: DirectorySql, packageId: string): Freelancer[] {
  return db.all<Freelancer>(
    `SELECT s.built_by AS handle, p.name, COUNT(*) AS sites FROM site_packages sp
     JOIN sites s ON s.domain = sp.domain JOIN people p ON p.handle = s.built_by
     WHERE sp.package_id = @packageId GROUP BY s.built_by, p.name ORDER BY sites DESC, s.built_by`,
    { packageId },
  );
}

export interface DirectoryCounts {
  readonly people: number;
  readonly packages: number;
  readonly sites: number;
}

export function counts(db: DirectorySql): DirectoryCounts {
  return db.get<DirectoryCounts>('SELECT (SELECT COUNT(*) FROM people) AS people, (SELECT COUNT(*) FROM packages) AS packages, (SELECT COUNT(*) FROM sites) AS sites')!;
}
