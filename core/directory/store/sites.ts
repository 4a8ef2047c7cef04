/**
 * Who builds what: the sites hosts register (domain, title, builder, theme and plugins with
 * versions) and the questions the directory answers from them.
 */
import type { SqliteDatabase } from '../../content/index.ts';
import { GuildError } from '../../errors.ts';
import type { PackageKind } from './packages.ts';
import { ensurePerson } from './people.ts';

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
export function registerSite(db: SqliteDatabase, site: SiteRegistration, signer: string, now: string): RegisteredSite {
  const packages = checkRegistration(site, signer);
  db.transaction(() => {
    const owner = db.prepare('SELECT built_by FROM sites WHERE domain = ?').pluck().get(site.domain) as string | undefined;
    if (owner && owner !== signer) throw new GuildError('GUILD_ERR_SITE_CLAIMED', site.domain, owner);
    ensurePerson(db, signer, now);
    db.prepare(
      `INSERT INTO sites (domain, title, built_by, registered_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(domain) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at`,
    ).run(site.domain, site.title.trim(), signer, now, now);
    db.prepare('DELETE FROM site_packages WHERE domain = ?').run(site.domain);
    const insert = db.prepare('INSERT OR REPLACE INTO site_packages (domain, package_id, kind, version) VALUES (?, ?, ?, ?)');
    for (const entry of packages) insert.run(site.domain, entry.id, entry.kind, entry.version ?? null);
  })();
  return getSite(db, site.domain)!;
}

export function unregisterSite(db: SqliteDatabase, domain: string, signer: string): void {
  const owner = db.prepare('SELECT built_by FROM sites WHERE domain = ?').pluck().get(domain) as string | undefined;
  if (!owner) throw new GuildError('GUILD_ERR_DIRECTORY_NOT_FOUND', `The site ${domain}`);
  if (owner !== signer) throw new GuildError('GUILD_ERR_SITE_CLAIMED', domain, owner);
  db.prepare('DELETE FROM sites WHERE domain = ?').run(domain);
}

interface SiteRow {
  domain: string;
  title: string;
  builtBy: string;
  registeredAt: string;
  updatedAt: string;
}

const SITE_COLUMNS = 'domain, title, built_by AS builtBy, registered_at AS registeredAt, updated_at AS updatedAt';

function withPackages(db: SqliteDatabase, rows: SiteRow[]): RegisteredSite[] {
  const packages = db.prepare(
    `SELECT sp.package_id AS id, sp.kind, sp.version, (p.id IS NOT NULL) AS listed
     FROM site_packages sp LEFT JOIN packages p ON p.id = sp.package_id
     WHERE sp.domain = ? ORDER BY sp.kind DESC, sp.package_id`,
  );
  return rows.map((row) => ({ ...row, packages: (packages.all(row.domain) as Array<Omit<SitePackage, 'listed'> & { listed: number }>).map((entry) => ({ ...entry, listed: entry.listed === 1 })) }));
}

export function getSite(db: SqliteDatabase, domain: string): RegisteredSite | undefined {
  return withPackages(db, db.prepare(`SELECT ${SITE_COLUMNS} FROM sites WHERE domain = ?`).all(domain) as SiteRow[])[0];
}

/** The sites a freelancer built, with the packages each uses. */
export function sitesBuiltBy(db: SqliteDatabase, handle: string): RegisteredSite[] {
  return withPackages(db, db.prepare(`SELECT ${SITE_COLUMNS} FROM sites WHERE built_by = ? ORDER BY title COLLATE NOCASE`).all(handle) as SiteRow[]);
}

export function recentSites(db: SqliteDatabase, limit = 50): RegisteredSite[] {
  return withPackages(db, db.prepare(`SELECT ${SITE_COLUMNS} FROM sites ORDER BY updated_at DESC, domain LIMIT ?`).all(limit) as SiteRow[]);
}

export interface SiteUsingPackage {
  readonly domain: string;
  readonly title: string;
  readonly builtBy: string;
  readonly version: string | null;
}

/** The registered sites that use a package, with the version each runs. */
export function sitesUsing(db: SqliteDatabase, packageId: string): SiteUsingPackage[] {
  return db
    .prepare(
      `SELECT s.domain, s.title, s.built_by AS builtBy, sp.version FROM site_packages sp JOIN sites s ON s.domain = sp.domain
       WHERE sp.package_id = ? ORDER BY s.title COLLATE NOCASE`,
    )
    .all(packageId) as SiteUsingPackage[];
}

export interface Freelancer {
  readonly handle: string;
  readonly name: string | null;
  /** How many of their registered sites use the package. */
  readonly sites: number;
}

/** The freelancers who build sites with a package, those who use it most first. */
export function freelancersUsing(db: SqliteDatabase, packageId: string): Freelancer[] {
  return db
    .prepare(
      `SELECT s.built_by AS handle, p.name, COUNT(*) AS sites FROM site_packages sp
       JOIN sites s ON s.domain = sp.domain JOIN people p ON p.handle = s.built_by
       WHERE sp.package_id = ? GROUP BY s.built_by ORDER BY sites DESC, s.built_by`,
    )
    .all(packageId) as Freelancer[];
}

export interface DirectoryCounts {
  readonly people: number;
  readonly packages: number;
  readonly sites: number;
}

export function counts(db: SqliteDatabase): DirectoryCounts {
  return db.prepare('SELECT (SELECT COUNT(*) FROM people) AS people, (SELECT COUNT(*) FROM packages) AS packages, (SELECT COUNT(*) FROM sites) AS sites').get() as DirectoryCounts;
}
