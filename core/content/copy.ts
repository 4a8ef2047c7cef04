/**
 * A site's data from one engine's store to the other's, table by table: its content, revisions,
 * media records, entries and plugin records, with the same rows and ids (they refer to posts by
 * id), and its plugins' own tables, made again from their shape (table-shapes.ts) with their
 * migrations' records; in one transaction on the receiving side, which loses what it held. The
 * search index is rebuilt there, since FTS5 and tsvector hold different things. A site archive carries its content as a
 * SQLite file whichever engine made it, and `guild migrate-store` moves a network with this.
 * `digestContent` tells whether two stores hold the same content, row for row.
 */
import { createHash } from 'node:crypto';
import { namespacedMigrations } from './migrations/namespaced.ts';
import { PgDatabase, quoteIdentifier, type PgRunner } from './pg-database.ts';
import { putSearch } from './pg-post-parts.ts';
import { PgContentStore } from './pg-store.ts';
import { searchEntry } from './rows.ts';
import { SearchIndex } from './search.ts';
import { SqliteContentStore } from './sqlite-store.ts';
import { createStatements, pgShapes, sqliteShapes, type TableShape } from './table-shapes.ts';
import type { ContentStore } from './store.ts';
import type { SqliteDatabase } from './database.ts';
import type { PostStatus } from './types.ts';

interface ContentTable {
  readonly name: string;
  /** A column pointing at another row of the same table, set once every row is in. */
  readonly selfReference?: string;
  /** The order rows were recorded in, where it matters (origins are listed in it): SQLite's rowid, PostgreSQL's column. */
  readonly recorded?: { readonly sqlite: string; readonly postgres: string };
  /** The column PostgreSQL numbers new rows in, when not `id` (a plugin's table names its own, or has none). */
  readonly identity?: string;
}

/** The content namespaces' tables, each after those it refers to. The search index is not among them: it is rebuilt. */
export const CONTENT_TABLES: readonly ContentTable[] = [
  { name: 'authors' },
  { name: 'tags' },
  { name: 'posts', selfReference: 'parent_id' },
  { name: 'post_tags' },
  { name: 'post_authors' },
  { name: 'navigation' },
  { name: 'settings' },
  { name: 'comments', selfReference: 'parent_id' },
  { name: 'post_meta' },
  { name: 'origins', recorded: { sqlite: 'rowid', postgres: 'seq' } },
  { name: 'post_revisions' },
  { name: 'plugin_installs' },
  { name: 'plugin_switch_offs' },
  { name: 'entries' },
  { name: 'media' },
];

/** Every table the content migrations make, the search index's included. */
const CONTENT_TABLE_NAMES: readonly string[] = [...CONTENT_TABLES.map((table) => table.name), 'search_index'];
/** The migration namespaces that make them. */
const CONTENT_NAMESPACES: readonly string[] = ['content', ...namespacedMigrations.map(([namespace]) => namespace)];
const coreTables = new Set([...CONTENT_TABLE_NAMES, 'guild_migrations']);
/** The tables no content migration makes: plugins' own, which cross engines by their shape. */
const isPluginTable = (name: string): boolean => !coreTables.has(name) && !name.startsWith('search_index');

type Row = Record<string, unknown>;
export type TableCounts = Readonly<Record<string, number>>;

/** The plugins' tables made again on the receiving side, and their migrations' records (so that they do not run again there). */
interface PluginTables {
  readonly shapes: readonly TableShape[];
  readonly migrations: readonly Row[];
}

/** One engine's side of a copy. */
interface Side {
  columns(table: string): Promise<string[]>;
  pluginShapes(): Promise<TableShape[]>;
  pluginMigrations(): Promise<Row[]>;
  /** Every table's rows as of one moment, though the site keeps serving (and writing). */
  read(tables: ReadonlyArray<{ table: ContentTable; columns: readonly string[] }>): Promise<Row[][]>;
  /** Drops the plugins' tables it held, makes `plugins`' and fills every table, in one transaction. */
  replace(tables: ReadonlyArray<{ table: ContentTable; columns: readonly string[]; rows: readonly Row[] }>, plugins: PluginTables): Promise<void>;
}

const MIGRATION_COLUMNS = ['namespace', 'version', 'name', 'applied_at'];
const notContent = `namespace NOT IN (${CONTENT_NAMESPACES.map((namespace) => `'${namespace}'`).join(', ')})`;
const pluginMigrationsQuery = `SELECT ${MIGRATION_COLUMNS.join(', ')} FROM guild_migrations WHERE ${notContent} ORDER BY namespace, version`;
const insertMigration = (marker: (index: number) => string) => `INSERT INTO guild_migrations (${MIGRATION_COLUMNS.join(', ')}) VALUES (${MIGRATION_COLUMNS.map((_, index) => marker(index)).join(', ')})`;
const forgetPluginMigrations = `DELETE FROM guild_migrations WHERE ${notContent}`;

/** A plugin table as a copy reads it: PostgreSQL numbers new rows in its INTEGER key, if it has one of its own. */
function pluginTable(shape: TableShape): ContentTable {
  const key = shape.primaryKey.length === 1 ? shape.columns.find((column) => column.name === shape.primaryKey[0] && column.type === 'INTEGER') : undefined;
  return { name: shape.name, identity: key?.name };
}

/**
 * Replaces `to`'s content with `from`'s and returns how many rows each table holds. Refuses when
 * `from` has a column `to` lacks (its migrations are behind): that column's data would be lost.
 */
export async function copyContent(from: ContentStore, to: ContentStore): Promise<TableCounts> {
  const source = side(from);
  const target = side(to);
  const wanted = [];
  for (const table of CONTENT_TABLES) {
    const columns = await source.columns(table.name);
    const present = new Set(await target.columns(table.name));
    const missing = columns.filter((column) => !present.has(column));
    if (missing.length) throw new Error(`The receiving store has no column ${missing.join(', ')} in ${table.name}: it has not run every content migration this content needs; update Guild there first.`);
    wanted.push({ table, columns });
  }
  // A plugin's tables are made again from their shape: the target loses those it held.
  const shapes = await source.pluginShapes();
  for (const shape of shapes) wanted.push({ table: pluginTable(shape), columns: shape.columns.map((column) => column.name) });
  const rows = await source.read(wanted);
  const tables = wanted.map((entry, index) => ({ ...entry, rows: rows[index]! }));
  await target.replace(tables, { shapes, migrations: await source.pluginMigrations() });
  return Object.fromEntries(tables.map(({ table, rows }) => [table.name, rows.length]));
}

/**
 * Each content table's row count and a digest of its rows (in any order, columns both engines
 * have), so that a copy can be checked, or found already made.
 */
export async function digestContent(store: ContentStore): Promise<Record<string, { rows: number; digest: string }>> {
  const end = side(store);
  const digests: Record<string, { rows: number; digest: string }> = {};
  const wanted = [];
  for (const table of CONTENT_TABLES) wanted.push({ table, columns: (await end.columns(table.name)).sort() });
  for (const shape of await end.pluginShapes()) wanted.push({ table: pluginTable(shape), columns: shape.columns.map((column) => column.name).sort() });
  const rows = await end.read(wanted);
  wanted.forEach(({ table, columns }, index) => {
    digests[table.name] = digestRows(rows[index]!, columns);
  });
  return digests;
}

/**
 * Rows' count and a sha256 of them over `columns`, in any order (each engine sorts text its own
 * way), so the same rows read from SQLite and from PostgreSQL give the same digest.
 */
export function digestRows(rows: readonly Readonly<Record<string, unknown>>[], columns: readonly string[]): { rows: number; digest: string } {
  const lines = rows.map((row) => JSON.stringify(columns.map((column) => row[column] ?? null))).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(`${line}\n`);
  return { rows: lines.length, digest: hash.digest('hex') };
}

/** Either engine's store, as opened (not one inside a transaction, which the copy makes itself). */
function side(store: ContentStore): Side {
  if (store instanceof PgContentStore) return pgSide(store);
  if (store instanceof SqliteContentStore) return sqliteSide(store.db);
  throw new Error('Content is copied between a SqliteContentStore and a PgContentStore as opened.');
}

function sqliteSide(db: SqliteDatabase): Side {
  return {
    async columns(table) {
      return (db.pragma(`table_info(${quoteIdentifier(table)})`) as Array<{ name: string }>).map((column) => column.name);
    },
    async pluginShapes() {
      return sqliteShapes(db, isPluginTable);
    },
    async pluginMigrations() {
      return db.prepare(pluginMigrationsQuery).all() as Row[];
    },
    async read(tables) {
      // One transaction: another process's write lands before or after all of it.
      return db.transaction(() => tables.map(({ table, columns }) => db.prepare(selectAll(table, columns, table.recorded?.sqlite)).all() as Row[]))();
    },
    async replace(tables, plugins) {
      // Off while the rows go in (outside the transaction, where SQLite allows it): emptying posts
      // must not cascade to the revisions that refer to them, and rows may come in any order.
      db.pragma('foreign_keys = OFF');
      try {
        db.transaction(() => {
          for (const { name } of sqliteShapes(db, isPluginTable)) db.exec(`DROP TABLE ${quoteIdentifier(name)}`);
          for (const shape of plugins.shapes) for (const statement of createStatements(shape, 'sqlite')) db.exec(statement);
          db.exec(forgetPluginMigrations);
          const record = db.prepare(insertMigration(() => '?'));
          for (const migration of plugins.migrations) record.run(MIGRATION_COLUMNS.map((column) => migration[column]));
          for (const { table } of [...tables].reverse()) db.exec(`DELETE FROM ${quoteIdentifier(table.name)}`);
          for (const { table, columns, rows } of tables) {
            const insert = db.prepare(`INSERT INTO ${quoteIdentifier(table.name)} (${columns.map(quoteIdentifier).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
            for (const row of rows) insert.run(columns.map((column) => row[column] ?? null));
          }
          db.exec('DELETE FROM search_index');
          const index = new SearchIndex(db);
          for (const post of db.prepare('SELECT id, title, html, custom_excerpt, status, password FROM posts').all() as IndexedPost[]) index.put(searchEntry(post));
        })();
      } finally {
        db.pragma('foreign_keys = ON');
      }
    },
  };
}

function selectAll(table: ContentTable, columns: readonly string[], order: string | undefined): string {
  return `SELECT ${columns.map(quoteIdentifier).join(', ')} FROM ${quoteIdentifier(table.name)}${order ? ` ORDER BY ${order}` : ''}`;
}

type IndexedPost = { id: number; title: string; html: string; custom_excerpt: string | null; status: PostStatus; password: string | null };

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const PARAMETERS_PER_INSERT = 30_000;

function pgSide(store: PgContentStore): Side {
  const run = store.db.runner(store.schema);
  return {
    async columns(table) {
      // Columns PostgreSQL numbers by itself (origins' seq) are not content: the order rows arrive in sets them.
      const rows = await run.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = @schema AND table_name = @table
          AND identity_generation IS DISTINCT FROM 'ALWAYS' ORDER BY ordinal_position`,
        { schema: store.schema, table },
      );
      return rows.map((row) => row.column_name);
    },
    async pluginShapes() {
      return pgShapes(run, store.schema, isPluginTable);
    },
    async pluginMigrations() {
      return run.query<Row>(pluginMigrationsQuery);
    },
    async read(tables) {
      return store.db.transaction(store.schema, async (tx) => {
        // One snapshot for every table: a write committed meanwhile is in all of them or none.
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const rows: Row[][] = [];
        for (const { table, columns } of tables) rows.push(await tx.query<Row>(selectAll(table, columns, table.recorded?.postgres)));
        return rows;
      });
    },
    async replace(tables, plugins) {
      await store.db.transaction(store.schema, async (tx) => {
        for (const { name } of await pgShapes(tx, store.schema, isPluginTable)) await tx.query(`DROP TABLE ${quoteIdentifier(name)}`);
        for (const shape of plugins.shapes) for (const statement of createStatements(shape, 'postgres')) await tx.query(statement);
        await tx.query(forgetPluginMigrations);
        for (const migration of plugins.migrations) await tx.query(insertMigration((index) => `@m${index}`), Object.fromEntries(MIGRATION_COLUMNS.map((column, index) => [`m${index}`, migration[column]])));
        await tx.query(`TRUNCATE ${[...tables.map(({ table }) => table.name), 'search_index'].map(quoteIdentifier).join(', ')} RESTART IDENTITY`);
        for (const { table, columns, rows } of tables) await pgInsert(tx, table, columns, rows);
        for (const post of await tx.query<IndexedPost>('SELECT id, title, html, custom_excerpt, status, password FROM posts')) await putSearch(tx, searchEntry(post));
        // Hosts serving the site render its pages afresh.
        await PgDatabase.notifyChange(tx, store.schema);
      });
    },
  };
}

async function pgInsert(tx: PgRunner, table: ContentTable, columns: readonly string[], rows: readonly Row[]): Promise<void> {
  const later = table.selfReference && columns.includes(table.selfReference) ? table.selfReference : undefined;
  const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / Math.max(1, columns.length)));
  for (let start = 0; start < rows.length; start += perInsert) {
    const params: Record<string, unknown> = {};
    const values = rows.slice(start, start + perInsert).map((row, index) => {
      const names = columns.map((column, at) => {
        params[`v${index}_${at}`] = column === later ? null : (row[column] ?? null);
        return `@v${index}_${at}`;
      });
      return `(${names.join(', ')})`;
    });
    await tx.query(`INSERT INTO ${quoteIdentifier(table.name)} (${columns.map(quoteIdentifier).join(', ')}) VALUES ${values.join(', ')}`, params);
  }
  if (later) {
    for (const row of rows) if (row[later] != null) await tx.query(`UPDATE ${quoteIdentifier(table.name)} SET ${quoteIdentifier(later)} = @ref WHERE id = @id`, { ref: row[later], id: row.id });
  }
  const identity = 'identity' in table ? table.identity : columns.includes('id') ? 'id' : undefined;
  if (identity) {
    // Rows came with their ids: the next one PostgreSQL gives must follow the highest.
    await tx.query(`SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE((SELECT MAX(${quoteIdentifier(identity)}) FROM ${quoteIdentifier(table.name)}), 0) + 1, false)`, { table: quoteIdentifier(table.name), column: identity });
  }
}
