/**
 * A plugin's storage in its site's PostgreSQL schema, through the same synchronous calls as on
 * SQLite (the SDK's contract): each query waits on the process's synchronous connection
 * (core/content/pg-sync.ts). Besides the shared checks (storage.ts), PostgreSQL itself says which
 * relations a statement reads and writes (EXPLAIN VERBOSE): each must be the plugin's, in its
 * site's schema. Functions are limited to the portable ones (portable-sql.ts), which read no table.
 */
import { GuildError } from '../errors.ts';
import { MIGRATIONS_TABLE, quoteIdentifier, type SyncPgConnection } from '../content/index.ts';
import type { PluginMigration, RunResult } from '../sdk/context.ts';
import { slotValues, toPostgres, type ParameterSlot } from './pg-sql.ts';
import { splitStatements, tokenize } from './sql.ts';
import { CheckedStorage, ownsName, type CheckedStatement, type StatementLimits } from './storage.ts';
import { word } from './portable-sql.ts';

interface Prepared {
  readonly text: string;
  readonly slots: readonly ParameterSlot[];
  /** An INSERT into a table with an identity column: its name, which RETURNING brings back for lastInsertRowid. */
  readonly returns?: string;
}

const STATEMENT_CACHE = 200;
/** PostgreSQL's code for a statement stopped by its statement_timeout. */
const QUERY_CANCELED = '57014';

export class PgScopedStorage extends CheckedStorage {
  readonly #connection: SyncPgConnection;
  readonly #schema: string;
  readonly #statements = new Map<string, Prepared>();
  /** How deep in storage.transaction() calls we are: the outermost BEGINs, inner ones take savepoints. */
  #depth = 0;

  constructor(connection: SyncPgConnection, schema: string, pluginId: string, limits?: StatementLimits) {
    super(pluginId, limits);
    this.#connection = connection;
    this.#schema = schema;
  }

  run(sql: string, ...params: unknown[]): RunResult {
    const { rows, rowCount, returns } = this.#run(sql, params);
    const id = returns ? rows.at(-1)?.[returns] : undefined;
    return { changes: rowCount, lastInsertRowid: typeof id === 'number' ? id : 0 };
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.#run(sql, params).rows[0] as T | undefined;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.#run(sql, params).rows as T[];
  }

  /** Runs a script's statements in one transaction: one refused statement undoes the ones before it. */
  exec(sql: string): void {
    this.transaction(() => {
      for (const statement of splitStatements(sql)) this.#run(statement, []);
    });
  }

  transaction<T>(work: () => T): T {
    const savepoint = `guild_${this.#depth}`;
    this.#raw(this.#depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    this.#depth++;
    try {
      const result = work();
      if (result instanceof Promise) throw new Error('storage.transaction() runs synchronous work only; its function returned a promise');
      this.#depth--;
      this.#raw(this.#depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (error) {
      this.#depth--;
      this.#raw(this.#depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`);
      throw error;
    }
  }

  /** As on SQLite, in one transaction; a lock per site and plugin keeps two hosts from both migrating. */
  migrate(migrations: readonly PluginMigration[]): number[] {
    return this.migrating(() => this.transaction(() => {
      this.#raw('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.#schema}:${this.plugin}`]);
      this.#raw(MIGRATIONS_TABLE);
      const done = new Set(this.#raw<{ version: number }>('SELECT version FROM guild_migrations WHERE namespace = $1', [this.plugin]).rows.map((row) => row.version));
      const pending = [...migrations].sort((a, b) => a.version - b.version).filter((migration) => !done.has(migration.version));
      for (const migration of pending) {
        migration.up(this);
        this.#raw('INSERT INTO guild_migrations (namespace, version, name, applied_at) VALUES ($1, $2, $3, $4)', [this.plugin, migration.version, migration.name, new Date().toISOString()]);
      }
      return pending.map((migration) => migration.version);
    }));
  }

  removeAll(): string[] {
    return this.transaction(() => {
      const objects = this.#raw<{ name: string; kind: string }>("SELECT relname AS name, relkind AS kind FROM pg_class WHERE relnamespace = to_regnamespace($1) AND relkind IN ('r', 'v')", [quoteIdentifier(this.#schema)]).rows.filter((object) =>
        ownsName(this.prefix, object.name),
      );
      for (const object of objects) this.#raw(`DROP ${object.kind === 'v' ? 'VIEW' : 'TABLE'} IF EXISTS ${quoteIdentifier(object.name)} CASCADE`);
      this.#raw(MIGRATIONS_TABLE);
      this.#raw('DELETE FROM guild_migrations WHERE namespace = $1', [this.plugin]);
      this.#statements.clear();
      return objects.map((object) => object.name);
    });
  }

  #run(sql: string, params: readonly unknown[]): { rows: Array<Record<string, unknown>>; rowCount: number; returns?: string | undefined } {
    const prepared = this.#prepare(sql, params);
    let values: unknown[];
    try {
      values = slotValues(prepared.slots, params);
    } catch (error) {
      this.refuse((error as Error).message);
    }
    return { ...this.#raw(prepared.text, values), returns: prepared.returns };
  }

  #prepare(sql: string, params: readonly unknown[]): Prepared {
    let prepared = this.#statements.get(sql);
    if (prepared) return prepared;
    const checked = this.checkStatement(sql);
    const { text, slots } = toPostgres(sql, checked.tokens);
    const returns = checked.verb === 'INSERT' && !checked.tokens.some((token) => word(token) === 'RETURNING') ? this.#identityOf(checked) : undefined;
    prepared = { text: returns ? `${text} RETURNING ${quoteIdentifier(returns)}` : text, slots, ...(returns ? { returns } : {}) };
    if (checked.ddl) {
      // A view or a table made from a query reads what its query reads.
      const query = this.definingQuery(sql, checked);
      if (query) this.#checkRead(toPostgres(query, tokenize(query)).text, []);
      // Statements checked before may mean other tables now (an identity column, a view).
      this.#statements.clear();
      return prepared;
    }
    this.#checkRead(prepared.text, slotValuesOrNulls(slots, params));
    if (this.#statements.size >= STATEMENT_CACHE) this.#statements.delete(this.#statements.keys().next().value!);
    this.#statements.set(sql, prepared);
    return prepared;
  }

  /** Asks PostgreSQL which relations the statement reaches; each must be one of the plugin's, in the site's schema. */
  #checkRead(text: string, values: readonly unknown[]): void {
    let plan: unknown;
    try {
      plan = this.#raw<{ 'QUERY PLAN': unknown }>(`EXPLAIN (VERBOSE, FORMAT JSON) ${text}`, values).rows[0]?.['QUERY PLAN'];
    } catch (error) {
      throw new GuildError('GUILD_ERR_PLUGIN_STORAGE', this.plugin, (error as Error).message);
    }
    for (const node of planNodes(plan)) {
      const relation = node['Relation Name'];
      if (typeof relation !== 'string') continue;
      if (node['Schema'] !== this.#schema || !ownsName(this.prefix, relation)) {
        this.refuse(`it reaches the table "${node['Schema'] === this.#schema ? '' : `${String(node['Schema'])}.`}${relation}", which is not one of the plugin's (${this.prefix}<name>)`);
      }
    }
  }

  /** The identity column (a table's INTEGER PRIMARY KEY) of the table an INSERT writes, if it has one. */
  #identityOf(checked: CheckedStatement): string | undefined {
    const into = checked.tokens.findIndex((token) => word(token) === 'INTO');
    const table = checked.tokens[into + 1];
    if (into === -1 || !table?.name) return undefined;
    const row = this.#raw<{ attname: string }>("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attidentity <> '' AND NOT attisdropped LIMIT 1", [
      `${quoteIdentifier(this.#schema)}.${quoteIdentifier(table.quote ? table.text : table.text.toLowerCase())}`,
    ]).rows[0];
    return row?.attname;
  }

  #raw<Row = Record<string, unknown>>(text: string, values: readonly unknown[] = []): { rows: Row[]; rowCount: number } {
    const limitMs = this.limitMs;
    try {
      return this.#connection.query<Row>(this.#schema, text, values, limitMs);
    } catch (error) {
      if (error instanceof GuildError) throw error;
      if ((error as { code?: string }).code === QUERY_CANCELED && limitMs !== undefined) this.refusePastLimit(limitMs);
      throw new GuildError('GUILD_ERR_PLUGIN_STORAGE', this.plugin, (error as Error).message);
    }
  }
}

/** Every node of an EXPLAIN (FORMAT JSON) plan, subplans included. */
function* planNodes(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) yield* planNodes(item);
  else if (typeof value === 'object' && value !== null) {
    yield value as Record<string, unknown>;
    for (const child of Object.values(value)) if (typeof child === 'object') yield* planNodes(child);
  }
}

/** EXPLAIN needs values of the right count; a missing one is reported when the statement runs. */
function slotValuesOrNulls(slots: readonly ParameterSlot[], params: readonly unknown[]): unknown[] {
  try {
    return slotValues(slots, params);
  } catch {
    return slots.map(() => null);
  }
}
