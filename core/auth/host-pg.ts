/**
 * The host database on PostgreSQL: the schema `guild_host` of the network's database, on the
 * process's one pool (core/content's PgDatabase, shared with the sites' content), so every host
 * of the network reads and writes the same accounts, sessions and schedule.
 */
import type pg from 'pg';
import { positional, type PgDatabase } from '../content/index.ts';
import type { HostDatabase, HostMigrations, HostSql, SqlParams } from './host-database.ts';

export class PgHostDatabase implements HostDatabase {
  readonly engine = 'postgres';
  readonly #database: PgDatabase;
  readonly #schema: string;

  constructor(database: PgDatabase, schema: string) {
    this.#database = database;
    this.#schema = schema;
  }

  all<Row>(sql: string, params?: SqlParams): Promise<Row[]> {
    return this.#database.withConnection(this.#schema, (_runner, client) => clientSql(client).all<Row>(sql, params));
  }

  get<Row>(sql: string, params?: SqlParams): Promise<Row | undefined> {
    return this.#database.withConnection(this.#schema, (_runner, client) => clientSql(client).get<Row>(sql, params));
  }

  run(sql: string, params?: SqlParams): Promise<number> {
    return this.#database.withConnection(this.#schema, (_runner, client) => clientSql(client).run(sql, params));
  }

  transaction<T>(work: (sql: HostSql) => Promise<T>, lock?: string): Promise<T> {
    return this.#database.transaction(this.#schema, async (_runner, client) => {
      if (lock) await lockFor(client, lock);
      return work(clientSql(client));
    });
  }

  async migrate(namespace: string, migrations: HostMigrations): Promise<void> {
    await this.#database.migrate(this.#schema, namespace, migrations.postgres);
  }

  /** The pool belongs to whoever made it (the host's services, a CLI command). */
  async close(): Promise<void> {}
}

/** A runner on one connection that is in a transaction: a nested transaction is part of it. */
function clientSql(client: pg.PoolClient): HostSql {
  const query = (sql: string, params?: SqlParams) => {
    const { text, values } = positional(sql, params);
    return client.query(text, values);
  };
  const sql: HostSql = {
    all: async <Row>(text: string, params?: SqlParams) => (await query(text, params)).rows as Row[],
    get: async <Row>(text: string, params?: SqlParams) => (await query(text, params)).rows[0] as Row | undefined,
    run: async (text, params) => (await query(text, params)).rowCount ?? 0,
    transaction: async (work, lock) => {
      if (lock) await lockFor(client, lock);
      return work(sql);
    },
  };
  return sql;
}

/** Held until the transaction ends, by whichever host took it first. */
function lockFor(client: pg.PoolClient, lock: string): Promise<unknown> {
  return client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`guild_host:${lock}`]);
}
