/** Reading packages and their versions back out of the directory's database. */
import type { DirectorySql } from './sql.ts';

export type PackageKind = 'plugin' | 'theme';

export interface Price {
  /** Minor units (cents). */
  readonly amount: number;
  readonly currency: string;
  /** How long a licence lasts; null: for good. */
  readonly months: number | null;
  /** The licence terms, a sentence or a URL. */
  readonly terms: string | null;
}

export interface VersionInfo {
  readonly version: string;
  readonly name: string;
  readonly description: string;
  readonly engine: string;
  readonly licence: string;
  readonly capabilities: readonly string[];
  readonly screenshots: readonly string[];
  /** Null for a free package. */
  readonly price: Price | null;
  readonly size: number;
  /** "sha256-…" of the archive. */
  readonly integrity: string;
  /** The publisher's signature of the package statement. */
  readonly signature: string;
  /** The public key it was signed with. */
  readonly signedWith: string;
  readonly publishedBy: string;
  readonly publishedAt: string;
  readonly yanked: boolean;
  readonly yankReason: string | null;
}

export interface PackageSummary {
  readonly id: string;
  readonly kind: PackageKind;
  readonly owner: string;
  readonly name: string;
  readonly description: string;
  readonly latest: string;
  readonly price: Price | null;
  /** Registered sites that use it. */
  readonly sites: number;
}

const VERSION_COLUMNS = `version, name, description, engine, licence, capabilities, screenshots, price_amount, price_currency,
  licence_months, licence_terms, size, integrity, signature, signed_with, published_by, published_at, yanked_at, yank_reason`;

interface VersionRow {
  version: string;
  name: string;
  description: string;
  engine: string;
  licence: string;
  capabilities: string;
  screenshots: string;
  price_amount: number;
  price_currency: string | null;
  licence_months: number | null;
  licence_terms: string | null;
  size: number;
  integrity: string;
  signature: string;
  signed_with: string;
  published_by: string;
  published_at: string;
  yanked_at: string | null;
  yank_reason: string | null;
}

function versionInfo(row: VersionRow): VersionInfo {
  return {
    version: row.version,
    name: row.name,
    description: row.description,
    engine: row.engine,
    licence: row.licence,
    capabilities: JSON.parse(row.capabilities) as string[],
    screenshots: JSON.parse(row.screenshots) as string[],
    price: priceOf(row),
    size: row.size,
    integrity: row.integrity,
    signature: row.signature,
    signedWith: row.signed_with,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    yanked: row.yanked_at !== null,
    yankReason: row.yank_reason,
  };
}

function priceOf(row: Pick<VersionRow, 'price_amount' | 'price_currency' | 'licence_months' | 'licence_terms'>): Price | null {
  return row.price_amount > 0 && row.price_currency
    ? { amount: row.price_amount, currency: row.price_currency, months: row.licence_months, terms: row.licence_terms }
    : null;
}

export function packageRow(db: DirectorySql, id: string): { id: string; kind: PackageKind; owner: string; createdAt: string } | undefined {
  return db.get('SELECT id, kind, owner, created_at AS "createdAt" FROM packages WHERE id = @id', { id });
}

/** Every version of a package, newest first (by semver, as published versions only ever rise). */
export function versionsOf(db: DirectorySql, id: string): VersionInfo[] {
  return db.all<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM versions WHERE package_id = @id ORDER BY published_at DESC, rowid DESC`, { id }).map(versionInfo);
}

export function versionOf(db: DirectorySql, id: string, version: string): (VersionInfo & { archive: string; readme: string; manifest: string }) | undefined {
  const row = db.get<VersionRow & { archive: string; readme: string; manifest: string }>(
    `SELECT ${VERSION_COLUMNS}, archive, readme, manifest FROM versions WHERE package_id = @id AND version = @version`,
    { id, version },
  );
  return row ? { ...versionInfo(row), archive: row.archive, readme: row.readme, manifest: row.manifest } : undefined;
}

/** The newest version that is not yanked: what a new install gets and what the pages show. */
export function currentVersion(db: DirectorySql, id: string): VersionInfo | undefined {
  return versionsOf(db, id).find((version) => !version.yanked) ?? versionsOf(db, id)[0];
}

const SUMMARY = `
  SELECT p.id, p.kind, p.owner, v.name, v.description, v.version AS latest,
         v.price_amount, v.price_currency, v.licence_months, v.licence_terms,
         (SELECT COUNT(*) FROM site_packages sp WHERE sp.package_id = p.id) AS sites
  FROM packages p
  JOIN versions v ON v.package_id = p.id AND v.rowid = (
    SELECT rowid FROM versions WHERE package_id = p.id ORDER BY (yanked_at IS NULL) DESC, published_at DESC, rowid DESC LIMIT 1)`;

type SummaryRow = Omit<PackageSummary, 'price'> & Pick<VersionRow, 'price_amount' | 'price_currency' | 'licence_months' | 'licence_terms'>;

function summary(row: SummaryRow): PackageSummary {
  return { id: row.id, kind: row.kind, owner: row.owner, name: row.name, description: row.description, latest: row.latest, price: priceOf(row), sites: row.sites };
}

export function packageSummary(db: DirectorySql, id: string): PackageSummary | undefined {
  const row = db.get<SummaryRow>(`${SUMMARY} WHERE p.id = @id`, { id });
  return row ? summary(row) : undefined;
}

export interface SearchQuery {
  readonly text?: string;
  readonly kind?: PackageKind;
  readonly owner?: string;
  /** "used": most used first (default); "new": most recently published first; "name". */
  readonly sort?: 'used' | 'new' | 'name';
  readonly limit?: number;
}

/** Packages whose id, name, description or author match the words, most used first. */
export function searchPackages(db: DirectorySql, query: SearchQuery = {}): PackageSummary[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  words.forEach((word, index) => {
    where.push(`(lower(p.id) LIKE @w${index} ESCAPE '\\' OR lower(v.name) LIKE @w${index} ESCAPE '\\' OR lower(v.description) LIKE @w${index} ESCAPE '\\' OR p.owner LIKE @w${index} ESCAPE '\\')`);
    params[`w${index}`] = `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  });
  if (query.kind) {
    where.push('p.kind = @kind');
    params.kind = query.kind;
  }
  if (query.owner) {
    where.push('p.owner = @owner');
    params.owner = query.owner;
  }
  const order = query.sort === 'new' ? 'v.published_at DESC, p.id' : query.sort === 'name' ? 'lower(v.name), p.id' : 'sites DESC, lower(v.name), p.id';
  params.limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const sql = `${SUMMARY} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT @limit`;
  return db.all<SummaryRow>(sql, params).map(summary);
}
