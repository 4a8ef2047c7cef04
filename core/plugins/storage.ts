/**
 * A plugin's own tables in its site's database, behind a handle that refuses every other table.
 * Names carry the plugin's prefix ("acme.contact-form" → "acme__contact_form__submissions").
 * Each distinct statement is checked once, before it first runs: DDL by its names, and anything
 * that reads or writes by asking SQLite itself (EXPLAIN) which tables and indexes it opens.
 * Migrations are recorded in the site's guild_migrations under the plugin's id.
 */
import { GuildError } from '../errors.ts';
import { migrate, type SqliteDatabase } from '../content/index.ts';
import type { PluginMigration, PluginStorage, RunResult } from '../sdk/context.ts';
import { splitStatements, tokenize, type SqlToken } from './sql.ts';

interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

const READ_WRITE = new Set(['SELECT', 'WITH', 'INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'VALUES']);
const STATEMENT_CACHE = 200;

/**
 * The table prefix of a plugin, one per id (issue 11: "a--b.c" and "a.b--c" used to share one).
 * An id whose parts have no "--" and do not end in "-" (every plain id) keeps its readable
 * prefix: "-" becomes "_" and "." becomes "__", so a single "_" is a dash, "__" the dot, and "___"
 * never occurs. Any other id is spelt out with escapes ("_d" a dash, "_p" the dot) after "x___",
 * which no plain prefix can start with.
 */
export function storagePrefix(pluginId: string): string {
  if (isPlainId(pluginId)) return legacyPrefix(pluginId);
  return `x___${pluginId.replaceAll('-', '_d').replace('.', '_p')}__`;
}

function isPlainId(pluginId: string): boolean {
  return pluginId.split('.').every((part) => !part.includes('--') && !part.endsWith('-'));
}

/** The prefix every id had before the escape: shared by some ids, kept for plain ones. */
function legacyPrefix(pluginId: string): string {
  return `${pluginId.replaceAll('-', '_').replace('.', '__')}__`;
}

/** Whether a table or index name belongs to the plugin with this prefix. */
export function ownsName(prefix: string, name: string): boolean {
  return name.toLowerCase().startsWith(prefix) && /^[a-z]/i.test(name.slice(prefix.length));
}

export class ScopedStorage implements PluginStorage {
  readonly prefix: string;
  readonly #plugin: string;
  readonly #db: SqliteDatabase;
  readonly #statements = new Map<string, Statement>();

  constructor(db: SqliteDatabase, pluginId: string) {
    this.#db = db;
    this.#plugin = pluginId;
    this.prefix = storagePrefix(pluginId);
  }

  table(name: string): string {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) this.#refuse(`table name "${name}" must start with a letter and hold only lowercase letters, digits and "_"`);
    return `${this.prefix}${name}`;
  }

  run(sql: string, ...params: unknown[]): RunResult {
    const result = this.#prepare(sql, params).run(...params);
    return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.#prepare(sql, params).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.#prepare(sql, params).all(...params) as T[];
  }

  /** Runs a script's statements in one transaction: one refused statement undoes the ones before it. */
  exec(sql: string): void {
    this.transaction(() => {
      for (const statement of splitStatements(sql)) this.#prepare(statement, []).run();
    });
  }

  transaction<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  /** Applies the plugin's migrations that have not run on this site yet. */
  migrate(migrations: readonly PluginMigration[]): number[] {
    this.#moveLegacyTables();
    return migrate(this.#db, this.#plugin, migrations.map((migration) => ({ version: migration.version, name: migration.name, up: () => migration.up(this) }))).applied;
  }

  /**
   * A plugin whose id once shared its prefix with another's made its tables under the old prefix.
   * They are renamed to its own prefix the first time it runs here, if it has migrated on this site
   * and nothing under its own prefix exists yet.
   */
  #moveLegacyTables(): void {
    const legacy = legacyPrefix(this.#plugin);
    if (legacy === this.prefix) return;
    const tables = this.#db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
    if (!tables.includes('guild_migrations') || tables.some((name) => ownsName(this.prefix, name))) return;
    if (!this.#db.prepare('SELECT 1 FROM guild_migrations WHERE namespace = ? LIMIT 1').get(this.#plugin)) return;
    this.#db.transaction(() => {
      for (const name of tables.filter((table) => ownsName(legacy, table))) this.#db.exec(`ALTER TABLE "${name}" RENAME TO "${this.prefix}${name.slice(legacy.length)}"`);
    })();
  }

  #prepare(sql: string, params: readonly unknown[]): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      this.#check(sql, params);
      statement = this.#db.prepare(sql) as unknown as Statement;
      if (this.#statements.size >= STATEMENT_CACHE) this.#statements.delete(this.#statements.keys().next().value!);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #check(sql: string, params: readonly unknown[]): void {
    const tokens = tokenize(sql);
    const verb = tokens[0]?.text.toUpperCase() ?? '';
    if (READ_WRITE.has(verb)) return this.#checkOpened(sql, params, false);
    if (verb === 'CREATE' || verb === 'DROP' || verb === 'ALTER') {
      this.#checkDdl(verb, tokens);
      return this.#checkOpened(sql, params, true);
    }
    this.#refuse(`${verb || 'an empty statement'} is not allowed; a plugin may create, change and use its own tables (use storage.transaction() for transactions)`);
  }

  #checkDdl(verb: string, tokens: readonly SqlToken[]): void {
    const words = tokens.map((token) => token.text.toUpperCase());
    let at = 1;
    const skip = (...expected: string[]) => {
      if (expected.includes(words[at]!)) at++;
    };
    if (verb === 'CREATE') {
      if (['TEMP', 'TEMPORARY', 'VIRTUAL', 'TRIGGER'].includes(words[at]!) || words.includes('TRIGGER')) this.#refuse('temporary tables, virtual tables and triggers are not allowed');
      skip('UNIQUE');
    }
    const kind = words[at++];
    if (!['TABLE', 'INDEX', 'VIEW'].includes(kind!)) this.#refuse(`${verb} ${kind ?? ''} is not allowed; only tables, indexes and views`);
    if (words[at] === 'IF') at += verb === 'CREATE' ? 3 : 2;
    this.#own(tokens, at);
    if (verb === 'CREATE' && kind === 'INDEX') this.#own(tokens, words.indexOf('ON', at) + 1);
    if (verb === 'ALTER' && words[at + 1] === 'RENAME' && words[at + 2] === 'TO') this.#own(tokens, at + 3);
  }

  /** The name at `at` must be one of the plugin's, and not qualified with a schema. */
  #own(tokens: readonly SqlToken[], at: number): void {
    const token = tokens[at];
    if (!token?.name || tokens[at + 1]?.text === '.') this.#refuse(`expected one of the plugin's own table names (${this.prefix}<name>) at "${token?.text ?? 'the end'}"`);
    if (!ownsName(this.prefix, token!.text)) this.#refuse(`"${token!.text}" is not one of the plugin's tables; name them with storage.table("<name>") (${this.prefix}<name>)`);
  }

  /** Asks SQLite which b-trees the statement opens; each must belong to one of the plugin's tables. */
  #checkOpened(sql: string, params: readonly unknown[], ddl: boolean): void {
    let program: Array<{ opcode: string; p1: number; p2: number; p3: number }>;
    try {
      program = (this.#db.prepare(`EXPLAIN ${sql}`) as unknown as Statement).all(...params) as typeof program;
    } catch (error) {
      throw new GuildError('GUILD_ERR_PLUGIN_STORAGE', this.#plugin, (error as Error).message);
    }
    const owners = new Map<number, string>();
    for (const row of this.#db.prepare('SELECT tbl_name, rootpage FROM sqlite_schema WHERE rootpage > 0').all() as Array<{ tbl_name: string; rootpage: number }>) {
      owners.set(row.rootpage, row.tbl_name);
    }
    for (const step of program) {
      if (step.opcode === 'VOpen') this.#refuse('virtual tables are not allowed');
      // Opening a b-tree names its root page in p2 and its database in p3; emptying one (a DELETE
      // without WHERE) or dropping one names them in p1 and p2.
      const opened = ['OpenRead', 'OpenWrite', 'ReopenIdx'].includes(step.opcode)
        ? { root: step.p2, database: step.p3 }
        : step.opcode === 'Clear' || step.opcode === 'Destroy'
          ? { root: step.p1, database: step.p2 }
          : undefined;
      if (!opened) continue;
      if (ddl && opened.root === 1) continue; // the schema table itself, which DDL writes
      if (opened.database !== 0 && !ddl) this.#refuse('only the main database may be used');
      const table = owners.get(opened.root);
      if (table === 'sqlite_sequence' && (ddl || !['SELECT', 'WITH'].includes(tokenize(sql)[0]!.text.toUpperCase()))) continue;
      if (opened.database === 0 && (!table || !ownsName(this.prefix, table))) this.#refuse(`it reaches the table "${table ?? `#${opened.root}`}", which is not one of the plugin's (${this.prefix}<name>)`);
    }
  }

  #refuse(reason: string): never {
    throw new GuildError('GUILD_ERR_PLUGIN_STORAGE', this.#plugin, reason);
  }
}
