/**
 * A site's content from one engine's store to the other's, table by table: the same rows with
 * the same ids (revisions, media records and plugin data refer to posts by id), in one
 * transaction on the receiving side, which loses what it held; the search index is rebuilt
 * there, since FTS5 and tsvector hold different things. A site archive carries its content as a
 * SQLite file whichever engine made it, and `guild migrate-store` moves a network with this.
 * `digestContent` tells whether two stores hold the same content, row for row.
 */
import { createHash } from 'node:crypto';
import { namespacedMigrations } from './migrations/namespaced.ts';
import { PgDatabase, quoteIdentifier, type PgRunner } from './pg-database.ts';
import { PgContentStore, putSearch } from './pg-store.ts';
import { searchEntry } from './rows.ts';
import { SearchIndex } from './search.ts';
import { SqliteContentStore } from './sqlite-store.ts';
import type { ContentStore } from './store.ts';
import type { SqliteDatabase } from './database.ts';
import type { PostStatus } from './types.ts';

interface ContentTable {
  readonly name: string;
  /** A column pointing at another row of the same table, set once every row is in. */
  readonly selfReference?: string;
  /** The order rows were recorded in, where it matters (origins are listed in it): SQLite's rowid, PostgreSQL's column. */
  readonly recorded?: { readonly sqlite: string; readonly postgres: string };
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
];

/** Every table the content migrations make, the search index's included. */
export const CONTENT_TABLE_NAMES: readonly string[] = [...CONTENT_TABLES.map((table) => table.name), 'search_index'];
/** The migration namespaces that make them. */
export const CONTENT_NAMESPACES: readonly string[] = ['content', ...namespacedMigrations.map(([namespace]) => namespace)];

type Row = Record<string, unknown>;
export type TableCounts = Readonly<Record<string, number>>;

/** One engine's side of a copy. */
interface Side {
  columns(table: string): Promise<string[]>;
  /** Every table's rows as of one moment, though the site keeps serving (and writing). */
  read(tables: ReadonlyArray<{ table: ContentTable; columns: readonly string[] }>): Promise<Row[][]>;
  replace(tables: ReadonlyArray<{ table: ContentTable; columns: readonly string[]; rows: readonly Row[] }>): Promise<void>;
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
  const rows = await source.read(wanted);
  const tables = wanted.map((entry, index) => ({ ...entry, rows: rows[index]! }));
  await target.replace(tables);
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
  const rows = await end.read(wanted);
  wanted.forEach(({ table, columns }, index) => {
    const lines = rows[index]!.map((row) => JSON.stringify(columns.map((column) => row[column] ?? null))).sort();
    const hash = createHash('sha256');
    for (const line of lines) hash.update(`${line}\n`);
    digests[table.name] = { rows: lines.length, digest: hash.digest('hex') };
  });
  return digests;
}

/**
 * Takes the content tables out of a SQLite database whose site keeps its content in PostgreSQL
 * (a restored archive), so that no stale copy lies beside the live one; opening it as a content
 * store makes them again. Foreign keys are off meanwhile: dropping posts must not empty the
 * revisions that refer to them.
 */
export function dropContentTables(db: SqliteDatabase): void {
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const name of [...CONTENT_TABLE_NAMES].reverse()) db.exec(`DROP TABLE IF EXISTS ${quoteIdentifier(name)}`);
      const forget = db.prepare('DELETE FROM guild_migrations WHERE namespace = ?');
      for (const namespace of CONTENT_NAMESPACES) forget.run(namespace);
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
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
    async read(tables) {
      // One transaction: another process's write lands before or after all of it.
      return db.transaction(() => tables.map(({ table, columns }) => db.prepare(selectAll(table, columns, table.recorded?.sqlite)).all() as Row[]))();
    },
    async replace(tables) {
      // Off while the rows go in (outside the transaction, where SQLite allows it): emptying posts
      // must not cascade to the revisions that refer to them, and rows may come in any order.
      db.pragma('foreign_keys = OFF');
      try {
        db.transaction(() => {
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
    async read(tables) {
      return store.db.transaction(store.schema, async (tx) => {
        // One snapshot for every table: a write committed meanwhile is in all of them or none.
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const rows: Row[][] = [];
        for (const { table, columns } of tables) rows.push(await tx.query<Row>(selectAll(table, columns, table.recorded?.postgres)));
        return rows;
      });
    },
    async replace(tables) {
      await store.db.transaction(store.schema, async (tx) => {
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
  if (columns.includes('id')) {
    // Rows came with their ids: the next one PostgreSQL gives must follow the highest.
    await tx.query(`SELECT setval(pg_get_serial_sequence(@table, 'id'), COALESCE((SELECT MAX(id) FROM ${quoteIdentifier(table.name)}), 0) + 1, false)`, { table: table.name });
  }
}
