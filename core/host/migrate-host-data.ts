/**
 * `guild migrate-store`'s host half: the host's own data in host.db (accounts, site memberships,
 * sessions, one-time links, the publishing schedule's index) copied into `guild_host`, in one
 * transaction, with the same ids (identity sequences moved past them), and checked before it
 * commits: each table read back, its rows and a sha256 of them compared with host.db's.
 *
 * Sessions and links are copied too: only their tokens' hashes are stored and nothing signs them,
 * so everyone stays logged in and a link already mailed still works on every host afterwards.
 * host.db itself is left as it was (it is small, and the network can still go back to SQLite).
 *
 * Both ends go through the host database's engine-neutral runner (core/auth/host-database.ts),
 * so each query is written once; only moving PostgreSQL's sequences is its own.
 */
import { existsSync } from 'node:fs';
import { AUTH_MIGRATIONS, openHostDatabase, type HostDatabase, type HostSql } from '../auth/index.ts';
import { digestRows, type PgDatabase } from '../content/index.ts';
import { GuildError } from '../errors.ts';
import { SCHEDULE_MIGRATIONS } from './schedule-index.ts';

/** One table's rows and the sha256 of them, the same on both ends. */
export interface TableCheck {
  readonly table: string;
  readonly rows: number;
  readonly digest: string;
}

/** What one part of the move (the host's data, a site) came to, with its tables as checked. */
export interface PartMove {
  /** moved: copied and checked now; already: PostgreSQL held the same (left as it is); nothing: nothing to move. */
  readonly outcome: 'moved' | 'already' | 'nothing';
  readonly tables: readonly TableCheck[];
}

/** already: guild_host held the same people; nothing: there is no host.db. */
export interface HostMove extends PartMove {
  /** The host.db it read. */
  readonly file: string;
}

interface HostTable {
  readonly name: string;
  /** Its id column is an identity in PostgreSQL, whose sequence must pass the copied ids. */
  readonly identity?: boolean;
  /** Only the rows of the sites host.db names are replaced (another site's, made on PostgreSQL, stay). */
  readonly bySite?: boolean;
}

/** Parents before children: rows go in in this order and out in the reverse. */
const HOST_TABLES: readonly HostTable[] = [
  { name: 'accounts', identity: true },
  { name: 'memberships' },
  { name: 'sessions' },
  { name: 'one_time_tokens', identity: true },
  { name: 'scheduled_posts', bySite: true },
];

/** Who may log in where: guild_host holding other people than host.db is a conflict. */
const PEOPLE = ['accounts', 'memberships'];

type Row = Record<string, unknown>;
type Tables = ReadonlyMap<string, readonly Row[]>;

export async function moveHostData(file: string, pg: PgDatabase, replace: boolean): Promise<HostMove> {
  if (!existsSync(file)) return { file, outcome: 'nothing', tables: [] };
  const source = openHostDatabase({ file });
  const target = openHostDatabase({ file, database: pg });
  try {
    for (const end of [source, target]) await migrateHostTables(end);
    const rows = await readTables(source);
    const sites = new Set((rows.get('scheduled_posts') ?? []).map((row) => String(row.site)));
    const expected = digests(rows);
    // One at a time, should two runs meet; the hosts are stopped (the command checks).
    return await target.transaction(async (sql) => {
      const found = digests(await readTables(sql, sites));
      if (differing(expected, found).length === 0) return { file, outcome: 'already', tables: expected };
      const holdsPeople = PEOPLE.some((table) => found.find((check) => check.table === table)!.rows > 0);
      if (holdsPeople) {
        // The same people: moved before, and sessions or links made since on PostgreSQL are kept.
        if (differing(expected, found, PEOPLE).length === 0) return { file, outcome: 'already', tables: expected.filter((check) => PEOPLE.includes(check.table)) };
        if (!replace) throw new GuildError('GUILD_ERR_MIGRATE_STORE_HOST_CONFLICT', file);
      }
      await replaceTables(sql, rows, sites);
      if (target.engine === 'postgres') await passIdentities(sql);
      const off = differing(expected, digests(await readTables(sql, sites)));
      // Thrown inside the transaction: guild_host keeps what it held.
      if (off.length) throw new GuildError('GUILD_ERR_MIGRATE_STORE_HOST_MISMATCH', file, off.join(', '));
      return { file, outcome: 'moved', tables: expected };
    }, 'migrate-store');
  } finally {
    await source.close();
    await target.close();
  }
}

/** Both ends at the same versions (host.db as the host would bring it at its next start). */
async function migrateHostTables(db: HostDatabase): Promise<void> {
  await db.migrate('auth', AUTH_MIGRATIONS);
  await db.migrate('schedule', SCHEDULE_MIGRATIONS);
}

/** Every host table's rows (those of `sites` only for a table kept by site), emails in lower case as every write keeps them. */
async function readTables(sql: HostSql, sites?: ReadonlySet<string>): Promise<Tables> {
  const tables = new Map<string, Row[]>();
  for (const table of HOST_TABLES) {
    const rows = await sql.all<Row>(`SELECT * FROM ${table.name}`);
    for (const row of rows) if (typeof row.email === 'string') row.email = row.email.toLowerCase();
    tables.set(table.name, table.bySite && sites ? rows.filter((row) => sites.has(String(row.site))) : rows);
  }
  return tables;
}

async function replaceTables(sql: HostSql, tables: Tables, sites: ReadonlySet<string>): Promise<void> {
  for (const table of [...HOST_TABLES].reverse()) {
    if (!table.bySite) await sql.run(`DELETE FROM ${table.name}`);
    else for (const site of sites) await sql.run(`DELETE FROM ${table.name} WHERE site = @site`, { site });
  }
  for (const table of HOST_TABLES) {
    for (const row of tables.get(table.name)!) {
      const columns = Object.keys(row);
      await sql.run(`INSERT INTO ${table.name} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`, row);
    }
  }
}

/** The next account or link made on PostgreSQL takes an id past the copied ones. */
async function passIdentities(sql: HostSql): Promise<void> {
  for (const table of HOST_TABLES.filter((entry) => entry.identity)) {
    await sql.get(`SELECT setval(pg_get_serial_sequence('${table.name}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM ${table.name}`);
  }
}

function digests(tables: Tables): TableCheck[] {
  return HOST_TABLES.map(({ name }) => {
    const rows = tables.get(name)!;
    return { table: name, ...digestRows(rows, Object.keys(rows[0] ?? {}).sort()) };
  });
}

/** The tables (of `only`, when given) whose rows differ. */
function differing(a: readonly TableCheck[], b: readonly TableCheck[], only?: readonly string[]): string[] {
  return a
    .filter((check) => !only || only.includes(check.table))
    .filter((check) => {
      const other = b.find((entry) => entry.table === check.table);
      return check.rows !== other?.rows || check.digest !== other.digest;
    })
    .map((check) => check.table);
}
