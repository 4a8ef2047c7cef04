/**
 * The directory's database, whichever engine holds it: directory.db in its data folder (SQLite),
 * or the schema `guild_directory` of the network's PostgreSQL database when the host has a
 * database URL. Its modules write each statement once, in the SQL both engines accept, with
 * `@name` parameters (core/content/sync-sql.ts); on PostgreSQL each call waits on a synchronous
 * connection of the directory's own (core/content/pg-sync.ts), so its API stays synchronous.
 */
import path from 'node:path';
import {
  migrate,
  openDatabase,
  PgDatabase,
  pgSyncSql,
  redact,
  sqliteSql,
  SyncPgConnection,
  type PgParams,
  type SyncSql,
} from '../../content/index.ts';
import { directoryMigrations } from './migrations.ts';
import { directoryPgMigrations } from './pg-migrations.ts';

/** The PostgreSQL schema the directory's tables live in, beside `guild_host` and the sites' schemas. */
export const DIRECTORY_SCHEMA = 'guild_directory';

export interface DirectorySql extends SyncSql {
  readonly engine: 'sqlite' | 'postgres';
  /** The first row a statement answers. */
  get<Row>(sql: string, params?: PgParams): Row | undefined;
  /** Runs synchronous `work` in one transaction; a transaction inside another is part of it. */
  transaction<T>(work: () => T): T;
  close(): void;
}

/** Opens (creating and migrating on first use) the directory's database. */
export async function openDirectorySql(options: { readonly dataDir: string; readonly databaseUrl?: string | undefined }): Promise<DirectorySql> {
  if (options.databaseUrl) {
    // The pool only migrates; every query afterwards goes through the synchronous connection.
    const database = new PgDatabase(options.databaseUrl, { maxConnections: 1 });
    try {
      await database.migrate(DIRECTORY_SCHEMA, 'directory', directoryPgMigrations);
    } finally {
      await database.close();
    }
    const connection = new SyncPgConnection(options.databaseUrl, redact(options.databaseUrl));
    return directorySql('postgres', pgSyncSql(connection, DIRECTORY_SCHEMA), () => connection.close());
  }
  const db = openDatabase(path.join(options.dataDir, 'directory.db'));
  migrate(db, 'directory', directoryMigrations);
  return directorySql('sqlite', sqliteSql(db), () => db.close());
}

function directorySql(engine: DirectorySql['engine'], sql: SyncSql, close: () => void): DirectorySql {
  let depth = 0;
  return {
    engine,
    all: (text, params) => sql.all(text, params),
    run: (text, params) => sql.run(text, params),
    get: <Row>(text: string, params?: PgParams) => sql.all<Row>(text, params)[0],
    transaction<T>(work: () => T): T {
      if (depth > 0) return work();
      sql.run('BEGIN');
      depth++;
      try {
        const result = work();
        if (result instanceof Promise) throw new Error("the directory's transactions run synchronous work only; its function returned a promise");
        sql.run('COMMIT');
        return result;
      } catch (error) {
        sql.run('ROLLBACK');
        throw error;
      } finally {
        depth--;
      }
    },
    close,
  };
}
