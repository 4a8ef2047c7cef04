/**
 * A plugin's storage in its site's SQLite file. Besides the shared checks (storage.ts), SQLite
 * itself says which tables and indexes a statement opens (EXPLAIN); each must be the plugin's.
 * Each statement runs under the storage's time limit (content/statement-budget.ts), if it has one.
 */
import { GuildError } from '../errors.ts';
import { isPastBudget, migrate, statementBudget, type SqliteDatabase } from '../content/index.ts';
import type { PluginMigration, RunResult } from '../sdk/context.ts';
import { splitStatements } from './sql.ts';
import { CheckedStorage, legacyPrefix, ownsName, type StatementLimits } from './storage.ts';

interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

const STATEMENT_CACHE = 200;

export class ScopedStorage extends CheckedStorage {
  readonly #db: SqliteDatabase;
  readonly #statements = new Map<string, Statement>();

  constructor(db: SqliteDatabase, pluginId: string, limits?: StatementLimits) {
    super(pluginId, limits);
    this.#db = db;
  }

  run(sql: string, ...params: unknown[]): RunResult {
    const statement = this.#prepare(sql, params);
    const result = this.#limited(() => statement.run(...params));
    return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    const statement = this.#prepare(sql, params);
    return this.#limited(() => statement.get(...params)) as T | undefined;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    const statement = this.#prepare(sql, params);
    return this.#limited(() => statement.all(...params)) as T[];
  }

  /** Runs a script's statements in one transaction: one refused statement undoes the ones before it. */
  exec(sql: string): void {
    this.transaction(() => {
      for (const text of splitStatements(sql)) {
        const statement = this.#prepare(text, []);
        this.#limited(() => statement.run());
      }
    });
  }

  transaction<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  migrate(migrations: readonly PluginMigration[]): number[] {
    this.#moveLegacyTables();
    return this.migrating(() => migrate(this.#db, this.plugin, migrations.map((migration) => ({ version: migration.version, name: migration.name, up: () => migration.up(this) }))).applied);
  }

  removeAll(): string[] {
    const objects = (this.#db.prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'").all() as Array<{ type: string; name: string }>).filter(
      (object) => ownsName(this.prefix, object.name),
    );
    this.#db.transaction(() => {
      for (const object of objects) this.#db.exec(`DROP ${object.type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS "${object.name.replaceAll('"', '""')}"`);
      if (this.#db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'guild_migrations'").get()) this.#db.prepare('DELETE FROM guild_migrations WHERE namespace = ?').run(this.plugin);
    })();
    this.#statements.clear();
    return objects.map((object) => object.name);
  }

  /**
   * A plugin whose id once shared its prefix with another's made its tables under the old prefix.
   * They are renamed to its own prefix the first time it runs here, if it has migrated on this site
   * and nothing under its own prefix exists yet. (PostgreSQL sites came after the fix.)
   */
  #moveLegacyTables(): void {
    const legacy = legacyPrefix(this.plugin);
    if (legacy === this.prefix) return;
    const tables = this.#db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
    if (!tables.includes('guild_migrations') || tables.some((name) => ownsName(this.prefix, name))) return;
    if (!this.#db.prepare('SELECT 1 FROM guild_migrations WHERE namespace = ? LIMIT 1').get(this.plugin)) return;
    this.#db.transaction(() => {
      for (const name of tables.filter((table) => ownsName(legacy, table))) this.#db.exec(`ALTER TABLE "${name}" RENAME TO "${this.prefix}${name.slice(legacy.length)}"`);
    })();
  }

  #prepare(sql: string, params: readonly unknown[]): Statement {
    let statement = this.#statements.get(sql);
    if (statement) return statement;
    const checked = this.checkStatement(sql);
    this.#checkOpened(sql, params, checked.verb, checked.ddl);
    if (checked.ddl) {
      // A view or a table made from a query reads what its query reads.
      const query = this.definingQuery(sql, checked);
      if (query) this.#checkOpened(query, [], 'SELECT', false);
      // SQLite prepares a kept statement again when the schema changes: it may mean other tables now.
      this.#statements.clear();
      return this.#db.prepare(sql) as unknown as Statement;
    }
    statement = this.#db.prepare(sql) as unknown as Statement;
    if (this.#statements.size >= STATEMENT_CACHE) this.#statements.delete(this.#statements.keys().next().value!);
    this.#statements.set(sql, statement);
    return statement;
  }

  /** Runs one statement within the time limit, if there is one. */
  #limited<T>(work: () => T): T {
    const limitMs = this.limitMs;
    if (limitMs === undefined) return work();
    const within = statementBudget(this.#db);
    if (!within) return work();
    try {
      return within(limitMs, work);
    } catch (error) {
      if (isPastBudget(error)) this.refusePastLimit(limitMs);
      throw error;
    }
  }

  /** Asks SQLite which b-trees the statement opens; each must belong to one of the plugin's tables. */
  #checkOpened(sql: string, params: readonly unknown[], verb: string, ddl: boolean): void {
    // Rows as arrays: a site's first page checks its plugins' statements on a new connection, and
    // objects for every step and schema row cost more than the check itself.
    let program: Array<[addr: number, opcode: string, p1: number, p2: number, p3: number]>;
    try {
      program = this.#db.prepare(`EXPLAIN ${sql}`).raw(true).all(...params) as typeof program;
    } catch (error) {
      throw new GuildError('GUILD_ERR_PLUGIN_STORAGE', this.plugin, (error as Error).message);
    }
    const owners = new Map(this.#db.prepare('SELECT rootpage, tbl_name FROM sqlite_schema WHERE rootpage > 0').raw(true).all() as Array<[number, string]>);
    for (const [, opcode, p1, p2, p3] of program) {
      if (opcode === 'VOpen') this.refuse('virtual tables are not allowed');
      // Opening a b-tree names its root page in p2 and its database in p3; emptying one (a DELETE
      // without WHERE) or dropping one names them in p1 and p2.
      const opened = ['OpenRead', 'OpenWrite', 'ReopenIdx'].includes(opcode)
        ? { root: p2, database: p3 }
        : opcode === 'Clear' || opcode === 'Destroy'
          ? { root: p1, database: p2 }
          : undefined;
      if (!opened) continue;
      if (ddl && opened.root === 1) continue; // the schema table itself, which DDL writes
      if (opened.database !== 0 && !ddl) this.refuse('only the main database may be used');
      const table = owners.get(opened.root);
      if (table === 'sqlite_sequence' && (ddl || !['SELECT', 'WITH'].includes(verb))) continue;
      if (opened.database === 0 && (!table || !ownsName(this.prefix, table))) this.refuse(`it reaches the table "${table ?? `#${opened.root}`}", which is not one of the plugin's (${this.prefix}<name>)`);
    }
  }
}
