/**
 * A plugin's own tables in its site's database, behind a handle that refuses every other table.
 * Names carry the plugin's prefix ("acme.contact-form" → "acme__contact_form__submissions").
 * Each distinct statement is checked once, before it first runs: its verb, DDL by its names, SQL
 * only one engine accepts (portable-sql.ts), then by the engine itself, which says what the
 * statement reads and writes (sqlite-storage.ts, pg-storage.ts). Migrations are recorded in the
 * site's guild_migrations under the plugin's id.
 */
import { GuildError } from '../errors.ts';
import type { PluginMigration, PluginStorage, RunResult } from '../sdk/context.ts';
import { describeUnportable, unportableSql, word } from './portable-sql.ts';
import { tokenize, type SqlToken } from './sql.ts';

const READ_WRITE = new Set(['SELECT', 'WITH', 'INSERT', 'UPDATE', 'DELETE', 'VALUES']);

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
export function legacyPrefix(pluginId: string): string {
  return `${pluginId.replaceAll('-', '_').replace('.', '__')}__`;
}

/** Whether a table or index name belongs to the plugin with this prefix. */
export function ownsName(prefix: string, name: string): boolean {
  return name.toLowerCase().startsWith(prefix) && /^[a-z]/i.test(name.slice(prefix.length));
}

/** What the checks found a statement to be. */
export interface CheckedStatement {
  readonly verb: string;
  readonly tokens: readonly SqlToken[];
  readonly ddl: boolean;
}

/**
 * How long one statement may run before the engine stops it, in a call of the plugin and in one of
 * its migrations: a statement that runs away must not hold the thread that serves every site.
 */
export interface StatementLimits {
  readonly statementMs: number;
  readonly migrationMs: number;
}

/** What both engines' storage share: names, limits, and the checks that need no database. */
export abstract class CheckedStorage implements PluginStorage {
  readonly prefix: string;
  protected readonly plugin: string;
  readonly #limits: StatementLimits | undefined;
  #migrating = false;

  /** Without limits (the host's own work on a plugin's tables), statements run to their end. */
  constructor(pluginId: string, limits?: StatementLimits) {
    this.plugin = pluginId;
    this.prefix = storagePrefix(pluginId);
    this.#limits = limits;
  }

  /** How long the next statement may run, or undefined for no limit. */
  protected get limitMs(): number | undefined {
    return this.#limits && (this.#migrating ? this.#limits.migrationMs : this.#limits.statementMs);
  }

  /** Runs the plugin's migrations, whose statements get the longer limit. */
  protected migrating<T>(work: () => T): T {
    this.#migrating = true;
    try {
      return work();
    } finally {
      this.#migrating = false;
    }
  }

  protected refusePastLimit(limitMs: number): never {
    this.refuse(`a statement ran past its ${limitMs} ms and was stopped`);
  }

  table(name: string): string {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) this.refuse(`table name "${name}" must start with a letter and hold only lowercase letters, digits and "_"`);
    return `${this.prefix}${name}`;
  }

  abstract run(sql: string, ...params: unknown[]): RunResult;
  abstract get<T>(sql: string, ...params: unknown[]): T | undefined;
  abstract all<T>(sql: string, ...params: unknown[]): T[];
  abstract exec(sql: string): void;
  abstract transaction<T>(work: () => T): T;
  /** Applies the plugin's migrations that have not run on this site yet; returns their versions. */
  abstract migrate(migrations: readonly PluginMigration[]): number[];
  /** Drops every table and view of the plugin and forgets its migrations (an uninstall); returns the names dropped. */
  abstract removeAll(): string[];

  /** The checks every statement passes before its first run, on either engine. */
  protected checkStatement(sql: string): CheckedStatement {
    const tokens = tokenize(sql);
    const verb = tokens[0]?.text.toUpperCase() ?? '';
    const ddl = verb === 'CREATE' || verb === 'DROP' || verb === 'ALTER';
    if (ddl) this.#checkDdl(verb, tokens);
    else if (!READ_WRITE.has(verb)) this.refuse(`${verb || 'an empty statement'} is not allowed; a plugin may create, change and use its own tables (use storage.transaction() for transactions)`);
    const unportable = unportableSql(sql);
    if (unportable.length > 0) throw new GuildError('GUILD_ERR_PLUGIN_SQL_UNPORTABLE', this.plugin, shortened(sql), unportable.map(describeUnportable).join('\n  '));
    return { verb, tokens, ddl };
  }

  /**
   * The query a CREATE VIEW or CREATE TABLE … AS makes its object from. A view's own DDL opens no
   * table, so the engine's check of what a statement reaches must be asked about its query too:
   * otherwise a plugin could point a view of its own at the site's tables.
   */
  protected definingQuery(sql: string, checked: CheckedStatement): string | undefined {
    if (checked.verb !== 'CREATE') return undefined;
    const as = checked.tokens.findIndex((token, i) => word(token) === 'AS' && ['SELECT', 'WITH', 'VALUES'].includes(word(checked.tokens[i + 1])));
    return as > 0 ? sql.slice(checked.tokens[as + 1]!.at) : undefined;
  }

  #checkDdl(verb: string, tokens: readonly SqlToken[]): void {
    const words = tokens.map((token) => token.text.toUpperCase());
    let at = 1;
    const skip = (...expected: string[]) => {
      if (expected.includes(words[at]!)) at++;
    };
    if (verb === 'CREATE') {
      if (['TEMP', 'TEMPORARY', 'VIRTUAL', 'TRIGGER'].includes(words[at]!) || words.includes('TRIGGER')) this.refuse('temporary tables, virtual tables and triggers are not allowed');
      skip('UNIQUE');
    }
    const kind = words[at++];
    if (!['TABLE', 'INDEX', 'VIEW'].includes(kind!)) this.refuse(`${verb} ${kind ?? ''} is not allowed; only tables, indexes and views`);
    if (words[at] === 'IF') at += verb === 'CREATE' ? 3 : 2;
    this.#own(tokens, at);
    if (verb === 'CREATE' && kind === 'INDEX') this.#own(tokens, words.indexOf('ON', at) + 1);
    if (verb === 'ALTER' && words[at + 1] === 'RENAME' && words[at + 2] === 'TO') this.#own(tokens, at + 3);
    if (verb === 'DROP') for (let next = at + 1; tokens[next]?.text === ','; next += 2) this.#own(tokens, next + 1);
    // A foreign key reads the table it names (and may block its writes).
    words.forEach((word, i) => word === 'REFERENCES' && tokens[i]!.name && this.#own(tokens, i + 1));
  }

  /** The name at `at` must be one of the plugin's, and not qualified with a schema. */
  #own(tokens: readonly SqlToken[], at: number): void {
    const token = tokens[at];
    if (!token?.name || tokens[at + 1]?.text === '.') this.refuse(`expected one of the plugin's own table names (${this.prefix}<name>) at "${token?.text ?? 'the end'}"`);
    if (!ownsName(this.prefix, token!.text)) this.refuse(`"${token!.text}" is not one of the plugin's tables; name them with storage.table("<name>") (${this.prefix}<name>)`);
  }

  protected refuse(reason: string): never {
    throw new GuildError('GUILD_ERR_PLUGIN_STORAGE', this.plugin, reason);
  }
}

/** A statement as a message shows it: on one line, at most 200 characters. */
function shortened(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
