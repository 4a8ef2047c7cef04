/**
 * Synchronous SQL on a site's content, whichever engine holds it, for the callers whose contract
 * is synchronous (a post's revisions, recorded as the admin saves). Statements take `@name`
 * parameters and are written once for both engines: the SQL both accept (RETURNING included).
 * On PostgreSQL each call waits on the process's synchronous connection (pg-sync.ts).
 */
import type { SqliteDatabase } from './database.ts';
import type { EngineContentStore } from './open.ts';
import { positional, type PgParams } from './pg-database.ts';
import { PgContentStore } from './pg-store.ts';
import type { SyncPgConnection } from './pg-sync.ts';

export interface SyncSql {
  /** The rows a statement answers (an INSERT … RETURNING too). */
  all<Row>(sql: string, params?: PgParams): Row[];
  /** Runs a statement that answers no rows; returns how many it changed. */
  run(sql: string, params?: PgParams): number;
}

/** The synchronous SQL of the engine `store` is on, in its site's schema or file. */
export function contentSql(store: EngineContentStore): SyncSql {
  return store instanceof PgContentStore ? pgSyncSql(store.db.sync(), store.schema) : sqliteSql(store.db);
}

/** Synchronous SQL in one PostgreSQL schema (alone on the search path), on a synchronous connection. */
export function pgSyncSql(connection: SyncPgConnection, schema: string): SyncSql {
  const query = (sql: string, params: PgParams = {}) => {
    const { text, values } = positional(sql, params);
    return connection.query(schema, text, values);
  };
  return { all: <Row>(sql: string, params?: PgParams) => query(sql, params).rows as Row[], run: (sql, params) => query(sql, params).rowCount };
}

/** Synchronous SQL on a SQLite file. */
export function sqliteSql(db: SqliteDatabase): SyncSql {
  // Prepared once per text: the callers run a handful of statements, again and again.
  const statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  const prepared = (sql: string) => statements.get(sql) ?? statements.set(sql, db.prepare(sql)).get(sql)!;
  return {
    all: <Row>(sql: string, params: PgParams = {}) => prepared(sql).all(params) as Row[],
    run: (sql, params = {}) => prepared(sql).run(params).changes,
  };
}
