/**
 * `guild migrate-store`: a whole network from SQLite into PostgreSQL while the hosts are stopped:
 * the site manifests checked (claimManifests, before the command opens the sites folder, which
 * makes them the network's), the host's own data (host.db into guild_host: migrate-host-data.ts),
 * then each site's content from its SQLite file into its schema. Each site is copied row for row and checked
 * table by table (rows and a sha256 of them on both sides); only when every site matches are the
 * content tables taken out of the SQLite files, so a failure anywhere leaves every site readable
 * from SQLite as before (host.db keeps all its data). Run again after a failure, it skips what was
 * moved already (guild_host holding the same people, a schema holding the same content) and
 * carries on.
 */
import { existsSync } from 'node:fs';
import {
  contentDatabaseFile,
  copyContent,
  digestContent,
  openDatabase,
  removeDatabase,
  PgContentStore,
  PgDatabase,
  siteSchema,
  SqliteContentStore,
} from '../content/index.ts';
import { GuildError } from '../errors.ts';
import { SharedManifests } from './shared-manifests.ts';
import { moveHostData, type HostMove, type PartMove, type TableCheck } from './migrate-host-data.ts';

export interface SiteToMove {
  readonly slug: string;
  readonly dir: string;
}

/** already: its schema held the same content; nothing: no content in SQLite (never opened, or moved before). */
export interface SiteMove extends PartMove {
  readonly slug: string;
}

export interface MigrateStoreOptions {
  readonly databaseUrl: string;
  /** The host's SQLite database (hostDatabaseFile(config)), whose data goes into guild_host. */
  readonly hostFile: string;
  /** Overwrite a schema holding different content, or guild_host holding other people, rather than stop. */
  readonly replace?: boolean;
  /** Told when the host's data is done. */
  readonly onHost?: (move: HostMove) => void;
  /** Told of each site as soon as it is done, for progress output. */
  readonly onSite?: (move: SiteMove, index: number, total: number) => void;
}

export async function migrateStore(sites: readonly SiteToMove[], options: MigrateStoreOptions): Promise<{ host: HostMove; sites: SiteMove[] }> {
  const pg = new PgDatabase(options.databaseUrl, { maxConnections: 2 });
  const moves: SiteMove[] = [];
  let host: HostMove;
  try {
    // First: guild_host holding other people stops the command before any site is copied.
    host = await moveHostData(options.hostFile, pg, options.replace ?? false);
    options.onHost?.(host);
    for (const [index, site] of sites.entries()) {
      const move = await moveSite(pg, site, options.replace ?? false);
      moves.push(move);
      options.onSite?.(move, index, sites.length);
    }
  } finally {
    await pg.close();
  }
  // Every site is in PostgreSQL and checked: only now do the SQLite files go (a site on
  // PostgreSQL has none: its plugins' tables, revisions and media records moved with its content).
  for (const site of sites) await removeDatabase(contentDatabaseFile(site.dir));
  return { host, sites: moves };
}

/**
 * Stops when the network already holds, under the slug of a folder made here, another site.json
 * (opening the folder with the database would replace this one); with `replace`, this folder's
 * site.json is saved over the network's first. Run before the sites folder is opened.
 */
export async function claimManifests(databaseUrl: string, sitesDir: string, replace: boolean): Promise<void> {
  const pg = new PgDatabase(databaseUrl, { maxConnections: 1 });
  try {
    const shared = new SharedManifests(pg, sitesDir);
    let clashing = await shared.clashes();
    if (clashing.length && replace) {
      for (const slug of clashing) await shared.push(slug);
      // Saved only if it passes the site schema: one that does not still clashes.
      clashing = await shared.clashes();
    }
    if (clashing.length) throw new GuildError('GUILD_ERR_MIGRATE_STORE_MANIFEST_CONFLICT', clashing.join(', '), sitesDir);
  } finally {
    await pg.close();
  }
}

async function moveSite(pg: PgDatabase, site: SiteToMove, replace: boolean): Promise<SiteMove> {
  const file = contentDatabaseFile(site.dir);
  if (!hasContent(file)) return { slug: site.slug, outcome: 'nothing', tables: [] };
  const schema = siteSchema(site.slug);
  const existed = await pg.schemaExists(schema);
  const source = new SqliteContentStore(file);
  try {
    const target = await PgContentStore.open(pg, schema);
    try {
      const expected = await digestContent(source);
      if (existed) {
        const found = await digestContent(target);
        if (differing(expected, found).length === 0) return { slug: site.slug, outcome: 'already', tables: checks(expected) };
        if (!replace) throw new GuildError('GUILD_ERR_MIGRATE_STORE_CONFLICT', site.slug, `PostgreSQL (schema ${schema})`);
      }
      try {
        await copyContent(source, target);
        const tables = differing(expected, await digestContent(target));
        if (tables.length) throw new GuildError('GUILD_ERR_MIGRATE_STORE_MISMATCH', site.slug, tables.join(', '));
      } catch (error) {
        // A schema this run made goes again; one that was there keeps what the failed copy's transaction left it (all or nothing).
        if (!existed) await pg.dropSchema(schema);
        throw error;
      }
      return { slug: site.slug, outcome: 'moved', tables: checks(expected) };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** Whether the site's SQLite file holds content tables (a host on SQLite has opened the site). */
function hasContent(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = openDatabase(file);
  try {
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'posts'").get() !== undefined;
  } finally {
    db.close();
  }
}

type Digests = Awaited<ReturnType<typeof digestContent>>;

function differing(a: Digests, b: Digests): string[] {
  return Object.keys(a).filter((table) => a[table]!.rows !== b[table]?.rows || a[table]!.digest !== b[table]?.digest);
}

function checks(digests: Digests): TableCheck[] {
  return Object.entries(digests).map(([table, { rows, digest }]) => ({ table, rows, digest }));
}
