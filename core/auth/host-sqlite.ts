/**
 * The host database on SQLite (`host.db`). better-sqlite3 answers at once, so a query's promise
 * is resolved when it is made; statements are prepared once per SQL text.
 *
 * A transaction here spans awaits (BEGIN IMMEDIATE … COMMIT on the one connection), so while one
 * is open every other caller in this process waits for it to end: a statement of theirs would
 * otherwise run inside it, and be rolled back with it.
 */
import type { Statement } from 'better-sqlite3';
import { migrate, type SqliteDatabase } from '../content/index.ts';
import type { HostDatabase, HostMigrations, HostSql, SqlParams } from './host-database.ts';

export class SqliteHostDatabase implements HostDatabase {
  readonly engine = 'sqlite';
  readonly #db: SqliteDatabase;
  readonly #statements = new Map<string, Statement<unknown[]>>();
  #open: Promise<unknown> | undefined;
  /** The runner a transaction's work gets: it goes straight to the connection. */
  readonly #inside: HostSql;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#inside = {
      all: async <Row>(sql: string, params?: SqlParams) => this.#statement(sql).all(...bind(params)) as Row[],
      get: async <Row>(sql: string, params?: SqlParams) => this.#statement(sql).get(...bind(params)) as Row | undefined,
      run: async (sql, params) => this.#statement(sql).run(...bind(params)).changes,
      transaction: (work) => work(this.#inside),
    };
  }

  all<Row>(sql: string, params?: SqlParams): Promise<Row[]> {
    return this.#outside(() => this.#inside.all<Row>(sql, params));
  }

  get<Row>(sql: string, params?: SqlParams): Promise<Row | undefined> {
    return this.#outside(() => this.#inside.get<Row>(sql, params));
  }

  run(sql: string, params?: SqlParams): Promise<number> {
    return this.#outside(() => this.#inside.run(sql, params));
  }

  async transaction<T>(work: (sql: HostSql) => Promise<T>): Promise<T> {
    while (this.#open) await this.#open.catch(() => undefined);
    // Nothing awaited between the check above and here: this transaction is the one open.
    const running = (async () => {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.#inside);
        this.#db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
        throw error;
      }
    })();
    this.#open = running;
    try {
      return await running;
    } finally {
      if (this.#open === running) this.#open = undefined;
    }
  }

  migrate(namespace: string, migrations: HostMigrations): Promise<void> {
    return this.#outside(() => void migrate(this.#db, namespace, migrations.sqlite));
  }

  close(): Promise<void> {
    return this.#outside(() => void this.#db.close());
  }

  /**
   * Runs `step` once no transaction is open. It runs in the same turn as the last look (each
   * waiter looks again: another transaction may have begun while it waited), so none can begin
   * in between.
   */
  async #outside<T>(step: () => T | Promise<T>): Promise<Awaited<T>> {
    while (this.#open) await this.#open.catch(() => undefined);
    return await step();
  }

  #statement(sql: string): Statement<unknown[]> {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = this.#db.prepare(sql)));
    return statement;
  }
}

/** better-sqlite3 takes `@name` parameters from one object, and no argument for a statement without. */
function bind(params: SqlParams | undefined): unknown[] {
  return params && Object.keys(params).length > 0 ? [params] : [];
}
