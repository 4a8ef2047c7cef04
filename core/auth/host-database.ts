/**
 * The host's own data (accounts, memberships, sessions, one-time links, the publishing schedule's
 * index) on either engine: `host.db` (SQLite, the default) or the schema `guild_host` of the
 * PostgreSQL database GUILD_DATABASE_URL names, which every host of a network shares.
 *
 * Both engines take the same SQL with `@name` parameters (better-sqlite3 binds them as they are;
 * PostgreSQL gets them numbered), so each query and the shaping of its rows is written once, in
 * the module that owns the table; only the migrations differ by engine.
 */
import { openDatabase, type Migration, type PgDatabase, type PgMigration } from '../content/index.ts';
import { PgHostDatabase } from './host-pg.ts';
import { SqliteHostDatabase } from './host-sqlite.ts';

export type SqlParams = Readonly<Record<string, unknown>>;

/** Runs SQL on the host database, or on one transaction of it. */
export interface HostSql {
  all<Row>(sql: string, params?: SqlParams): Promise<Row[]>;
  get<Row>(sql: string, params?: SqlParams): Promise<Row | undefined>;
  /** Runs a write; resolves to the number of rows it changed. */
  run(sql: string, params?: SqlParams): Promise<number>;
  /**
   * Runs `work` in one transaction (inside a transaction already: in that one). `lock` names what
   * the work reads before it writes (a site's owners, say): on PostgreSQL, transactions with the
   * same lock, from any host, run one after the other; SQLite's writers always do.
   */
  transaction<T>(work: (sql: HostSql) => Promise<T>, lock?: string): Promise<T>;
}

/** A part's migrations, one list per engine, with the same versions. */
export interface HostMigrations {
  readonly sqlite: readonly Migration[];
  readonly postgres: readonly PgMigration[];
}

export interface HostDatabase extends HostSql {
  readonly engine: 'sqlite' | 'postgres';
  /** Applies the namespace's migrations that have not run yet. */
  migrate(namespace: string, migrations: HostMigrations): Promise<void>;
  /** Closes what this opened (never a PostgreSQL pool it was given). */
  close(): Promise<void>;
}

/** The schema that holds a network's host-level tables in PostgreSQL. */
export const HOST_SCHEMA = 'guild_host';

/** PostgreSQL's host tables when `database` is given (GUILD_DATABASE_URL), else the SQLite file. */
export function openHostDatabase(where: { readonly file: string; readonly database?: PgDatabase | undefined }): HostDatabase {
  return where.database ? new PgHostDatabase(where.database, HOST_SCHEMA) : new SqliteHostDatabase(openDatabase(where.file));
}
