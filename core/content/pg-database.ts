/**
 * A PostgreSQL database shared by every site of a network (GUILD_DATABASE_URL): one pool of
 * connections for all sites, each site in a schema of its own (why: README.md), migrations per
 * schema and namespace as on SQLite, and one LISTEN connection per process for every channel the
 * network talks on: content changes (each open site's store), site manifests (the host's registry).
 */
import pg from 'pg';
import { GuildError } from '../errors.ts';

export type PgParams = Readonly<Record<string, unknown>>;

/** Runs SQL with `@name` parameters: on the pool, or on one connection inside a transaction. */
export interface PgRunner {
  query<Row>(sql: string, params?: PgParams): Promise<Row[]>;
}

export interface PgMigration {
  readonly version: number;
  readonly name: string;
  /** SQL run in the site's schema (it is first on the search path). */
  readonly up: string;
}

/** The channel every content write notifies on, with the site's schema as payload. */
const CHANGES_CHANNEL = 'guild_content';
/** How long the LISTEN connection waits before connecting again once it dropped. */
const RELISTEN_MS = 500;

/**
 * Told of each notification on a channel (its payload), and with `undefined` when notifications
 * may have been missed (the LISTEN connection dropped and is back): the listener must look again.
 */
export type NotificationHandler = (payload: string | undefined) => void;
const INT8 = 20;
/** Counts come back as bigint; no site has 2^53 posts, and the SQLite store answers numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A site's schema: its slug (lowercase letters, digits and hyphens) under a prefix no other schema uses. */
export function siteSchema(slug: string): string {
  return `site_${slug}`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `@name` parameters as PostgreSQL's `$n`; a name used twice gets one number. */
export function positional(sql: string, params: PgParams = {}): { text: string; values: unknown[] } {
  const numbers = new Map<string, number>();
  const values: unknown[] = [];
  const text = sql.replace(/(?<![:@\w])@([a-z_][a-z0-9_]*)/gi, (_match, name: string) => {
    let number = numbers.get(name);
    if (number === undefined) {
      if (!(name in params)) throw new Error(`The SQL asks for @${name}, which was not given.`);
      values.push(params[name]);
      number = values.length;
      numbers.set(name, number);
    }
    return `$${number}`;
  });
  return { text, values };
}

/** Which schema each pooled connection has on its search path, so switching costs a statement only when it changes. */
const searchPaths = new WeakMap<pg.PoolClient, string>();

export class PgDatabase {
  readonly url: string;
  readonly #pool: pg.Pool;
  readonly #handlers = new Map<string, Set<NotificationHandler>>();
  /** The channels the current LISTEN connection listens on. */
  readonly #channels = new Set<string>();
  #listener: Promise<pg.Client> | undefined;
  #relisten: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(url: string, options: { readonly maxConnections?: number } = {}) {
    this.url = url;
    // Idle connections close after a few seconds: a host with a thousand sites holds connections
    // only for the ones being served.
    this.#pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, idleTimeoutMillis: 5_000, types });
    this.#pool.on('error', () => {
      // A pooled connection the server dropped (a restart): the pool replaces it on the next query.
    });
  }

  /** A runner on the pool for one schema: each query takes a connection for its own length. */
  runner(schema: string): PgRunner {
    return { query: (sql, params) => this.withConnection(schema, (runner) => runner.query(sql, params)) };
  }

  /** Runs `work` on one connection with `schema` first on its search path. */
  async withConnection<T>(schema: string, work: (runner: PgRunner, client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    try {
      if (searchPaths.get(client) !== schema) {
        await client.query(`SET search_path TO ${quoteIdentifier(schema)}, public`);
        searchPaths.set(client, schema);
      }
      return await work(clientRunner(client), client);
    } finally {
      client.release();
    }
  }

  /** Runs `work` in a transaction on one connection (given too, as withConnection gives it); rolls back when it throws. */
  async transaction<T>(schema: string, work: (runner: PgRunner, client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withConnection(schema, async (runner, client) => {
      await client.query('BEGIN');
      try {
        const result = await work(runner, client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    });
  }

  /**
   * Applies the migrations of `namespace` in `schema` that have not run yet, oldest first, in one
   * transaction; an advisory lock keeps two hosts opening one site from both migrating it.
   * `created` tells that this call made the schema's first tables.
   */
  async migrate(schema: string, namespace: string, migrations: readonly PgMigration[]): Promise<{ applied: number[]; created: boolean }> {
    const quoted = quoteIdentifier(schema);
    const client = await this.#connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schema]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
      await client.query(`SET LOCAL search_path TO ${quoted}, public`);
      await client.query(`CREATE TABLE IF NOT EXISTS guild_migrations (
        namespace text NOT NULL, version integer NOT NULL, name text NOT NULL, applied_at text NOT NULL, PRIMARY KEY (namespace, version))`);
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM guild_migrations WHERE namespace = $1', [namespace])).rows.map((row) => row.version));
      const pending = [...migrations].sort((a, b) => a.version - b.version).filter((migration) => !done.has(migration.version));
      for (const migration of pending) {
        await client.query(migration.up);
        await client.query('INSERT INTO guild_migrations (namespace, version, name, applied_at) VALUES ($1, $2, $3, $4)', [namespace, migration.version, migration.name, new Date().toISOString()]);
      }
      await client.query('COMMIT');
      return { applied: pending.map((migration) => migration.version), created: done.size === 0 && pending.length > 0 };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      // SET LOCAL ended with the transaction; the connection's search path is as it was.
      client.release();
    }
  }

  async schemaExists(schema: string): Promise<boolean> {
    const result = await this.#pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    return result.rowCount === 1;
  }

  /** Removes a site's schema with everything in it. */
  async dropSchema(schema: string): Promise<void> {
    await this.#pool.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
  }

  /** Gives a site's schema a new name (a renamed site); nothing to do when it has none. */
  async renameSchema(from: string, to: string): Promise<void> {
    if (await this.schemaExists(from)) await this.#pool.query(`ALTER SCHEMA ${quoteIdentifier(from)} RENAME TO ${quoteIdentifier(to)}`);
  }

  /** Tells every host listening that `schema`'s content changed; inside a transaction it goes out at commit. */
  static notifyChange(runner: PgRunner, schema: string): Promise<unknown> {
    return PgDatabase.notify(runner, CHANGES_CHANNEL, schema);
  }

  /** Sends `payload` to every process listening on `channel`; inside a transaction it goes out at commit. */
  static notify(runner: PgRunner, channel: string, payload: string): Promise<unknown> {
    return runner.query('SELECT pg_notify(@channel, @payload)', { channel, payload });
  }

  /** Calls `onChange` whenever any process commits a change to `schema`'s content; returns how to stop. */
  async watch(schema: string, onChange: () => void): Promise<() => void> {
    // Missed notifications may have been this schema's: it moves once, to be safe.
    return this.listen(CHANGES_CHANNEL, (payload) => {
      if (payload === undefined || payload === schema) onChange();
    });
  }

  /**
   * Calls `handler` with every notification on `channel` (see NotificationHandler); returns how to
   * stop. All channels share one connection, which is remade whenever it drops.
   */
  async listen(channel: string, handler: NotificationHandler): Promise<() => void> {
    let handlers = this.#handlers.get(channel);
    if (!handlers) this.#handlers.set(channel, (handlers = new Set()));
    handlers.add(handler);
    try {
      const client = await this.#listen();
      if (!this.#channels.has(channel)) {
        this.#channels.add(channel);
        await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      }
    } catch (error) {
      handlers.delete(handler);
      throw error;
    }
    return () => {
      handlers.delete(handler);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#relisten);
    const listener = this.#listener;
    this.#listener = undefined;
    if (listener) await (await listener.catch(() => undefined))?.end();
    await this.#pool.end();
  }

  async #connect(): Promise<pg.PoolClient> {
    try {
      return await this.#pool.connect();
    } catch (error) {
      throw new GuildError('GUILD_ERR_DATABASE_UNREACHABLE', redact(this.url), (error as Error).message);
    }
  }

  /**
   * One connection per process listens on every channel; it is made on the first `listen` and,
   * when it drops (the server restarted, the network failed), made again until it is back, after
   * which every handler is told it may have missed notifications.
   */
  #listen(): Promise<pg.Client> {
    this.#listener ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, types });
      client.on('notification', (message) => {
        for (const handler of this.#handlers.get(message.channel) ?? []) handler(message.payload);
      });
      client.on('error', () => {
        if (this.#listener) void this.#listener.then((current) => current === client && this.#dropped(), () => {});
      });
      client.on('end', () => {
        if (this.#listener) void this.#listener.then((current) => current === client && this.#dropped(), () => {});
      });
      try {
        await client.connect();
        for (const channel of this.#handlers.keys()) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      } catch (error) {
        this.#listener = undefined;
        void client.end().catch(() => {});
        throw new GuildError('GUILD_ERR_DATABASE_UNREACHABLE', redact(this.url), (error as Error).message);
      }
      this.#channels.clear();
      for (const channel of this.#handlers.keys()) this.#channels.add(channel);
      return client;
    })();
    return this.#listener;
  }

  /** The LISTEN connection is gone: made again in a moment, then everyone looks again. */
  #dropped(): void {
    this.#listener = undefined;
    this.#channels.clear();
    if (this.#closed || this.#relisten) return;
    this.#relisten = setTimeout(() => {
      this.#relisten = undefined;
      if (this.#closed) return;
      this.#listen().then(
        () => {
          for (const handlers of this.#handlers.values()) for (const handler of handlers) handler(undefined);
        },
        () => this.#dropped(),
      );
    }, RELISTEN_MS);
    this.#relisten.unref();
  }
}

function clientRunner(client: pg.PoolClient): PgRunner {
  return {
    async query<Row>(sql: string, params?: PgParams) {
      const { text, values } = positional(sql, params);
      return (await client.query(text, values)).rows as Row[];
    },
  };
}

/** A database URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database URL';
  }
}
