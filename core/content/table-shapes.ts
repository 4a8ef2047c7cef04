/**
 * The shape of a table neither engine's migrations know (a plugin's own: its migrations ran on the
 * engine the site was on), read from one engine's catalogue and made again on the other, so that a
 * site's plugin data crosses engines with it. Plugins write portable SQL (docs/plugins.md), so a
 * column is one of the five portable types; what crosses is the columns, their NOT NULL and
 * literal defaults, the primary key (an INTEGER one keeps numbering new rows) and every index on
 * plain columns (a unique one is what `ON CONFLICT (…)` needs).
 */
import { quoteIdentifier, type PgRunner } from './pg-database.ts';
import type { SqliteDatabase } from './database.ts';

export type PortableType = 'INTEGER' | 'REAL' | 'TEXT' | 'BLOB' | 'NUMERIC';

export interface ColumnShape {
  readonly name: string;
  readonly type: PortableType;
  readonly notNull: boolean;
  /** A number or a quoted string, as both engines write it; other defaults do not cross. */
  readonly literalDefault?: string;
}

export interface TableShape {
  readonly name: string;
  readonly columns: readonly ColumnShape[];
  readonly primaryKey: readonly string[];
  readonly indexes: ReadonlyArray<{ readonly name: string; readonly columns: readonly string[]; readonly unique: boolean }>;
}

const LITERAL = /^(-?\d+(?:\.\d+)?|'(?:[^']|'')*')(?:::[\w\s"]+)?$/;

function literal(text: string | null): string | undefined {
  return text === null ? undefined : LITERAL.exec(text.trim())?.[1];
}

/** SQLite's affinity rules (its "Datatypes" page, 3.1), which portable types follow. */
function sqliteAffinity(declared: string): PortableType {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'INTEGER';
  if (/CHAR|CLOB|TEXT/.test(type)) return 'TEXT';
  if (type === '' || type.includes('BLOB')) return 'BLOB';
  if (/REAL|FLOA|DOUB/.test(type)) return 'REAL';
  return 'NUMERIC';
}

const PG_TYPES: Readonly<Record<string, PortableType>> = {
  bigint: 'INTEGER',
  integer: 'INTEGER',
  smallint: 'INTEGER',
  'double precision': 'REAL',
  real: 'REAL',
  bytea: 'BLOB',
  numeric: 'NUMERIC',
};

/** The shapes of a SQLite database's tables whose names `keep` accepts. */
export function sqliteShapes(db: SqliteDatabase, keep: (table: string) => boolean): TableShape[] {
  const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]).filter(keep);
  return names.map((name) => {
    const info = db.pragma(`table_info(${quoteIdentifier(name)})`) as Array<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>;
    const indexes = (db.pragma(`index_list(${quoteIdentifier(name)})`) as Array<{ name: string; unique: number; origin: string; partial: number }>)
      .filter((index) => index.origin !== 'pk' && !index.partial)
      .map((index) => ({ index, columns: (db.pragma(`index_info(${quoteIdentifier(index.name)})`) as Array<{ name: string | null }>).map((column) => column.name) }))
      .filter(({ columns }) => columns.every((column) => column !== null))
      .map(({ index, columns }) => ({ name: index.name.startsWith('sqlite_') ? `${name}_${columns.join('_')}_key` : index.name, columns: columns as string[], unique: index.unique === 1 }));
    return {
      name,
      columns: info.map((column) => ({ name: column.name, type: sqliteAffinity(column.type), notNull: column.notnull === 1, literalDefault: literal(column.dflt_value) })),
      primaryKey: info.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name),
      indexes,
    };
  });
}

/** The shapes of a PostgreSQL schema's tables (the runner's search path) whose names `keep` accepts. */
export async function pgShapes(run: PgRunner, schema: string, keep: (table: string) => boolean): Promise<TableShape[]> {
  const columns = await run.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = @schema
        AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = @schema AND table_type = 'BASE TABLE')
      ORDER BY table_name, ordinal_position`,
    { schema },
  );
  const indexes = await run.query<{ table_name: string; index_name: string; is_primary: boolean; is_unique: boolean; columns: string[] | null }>(
    `SELECT t.relname AS table_name, i.relname AS index_name, x.indisprimary AS is_primary, x.indisunique AS is_unique,
        CASE WHEN x.indexprs IS NULL AND x.indpred IS NULL THEN
          ARRAY(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) END AS columns
      FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
      WHERE t.relnamespace = to_regnamespace(@quoted) ORDER BY i.relname`,
    { quoted: quoteIdentifier(schema) },
  );
  const shapes = new Map<string, { columns: ColumnShape[]; primaryKey: string[]; indexes: TableShape['indexes'][number][] }>();
  for (const column of columns) {
    if (!keep(column.table_name)) continue;
    const shape = shapes.get(column.table_name) ?? { columns: [], primaryKey: [], indexes: [] };
    shapes.set(column.table_name, shape);
    shape.columns.push({ name: column.column_name, type: PG_TYPES[column.data_type] ?? 'TEXT', notNull: column.is_nullable === 'NO', literalDefault: literal(column.column_default) });
  }
  for (const index of indexes) {
    const shape = shapes.get(index.table_name);
    if (!shape || !index.columns) continue;
    if (index.is_primary) shape.primaryKey.push(...index.columns);
    else shape.indexes.push({ name: index.index_name, columns: index.columns, unique: index.is_unique });
  }
  return [...shapes].map(([name, shape]) => ({ name, ...shape }));
}

/** What a column is called in each engine; an INTEGER primary key of its own numbers new rows on both. */
const PG_COLUMN: Readonly<Record<PortableType, string>> = { INTEGER: 'BIGINT', REAL: 'DOUBLE PRECISION', TEXT: 'TEXT COLLATE "C"', BLOB: 'BYTEA', NUMERIC: 'NUMERIC' };

/** The statements that make `shape` on an engine, the table first, then its indexes. */
export function createStatements(shape: TableShape, engine: 'sqlite' | 'postgres'): string[] {
  const rowId = shape.primaryKey.length === 1 && shape.columns.find((column) => column.name === shape.primaryKey[0])?.type === 'INTEGER' ? shape.primaryKey[0] : undefined;
  const columns = shape.columns.map((column) => {
    const type = engine === 'sqlite' ? column.type : column.name === rowId ? 'BIGINT GENERATED BY DEFAULT AS IDENTITY' : PG_COLUMN[column.type];
    const key = column.name === rowId ? ' PRIMARY KEY' : '';
    const notNull = column.notNull && !key ? ' NOT NULL' : '';
    const fallback = column.literalDefault === undefined ? '' : ` DEFAULT ${column.literalDefault}`;
    return `${quoteIdentifier(column.name)} ${type}${key}${notNull}${fallback}`;
  });
  if (shape.primaryKey.length && !rowId) columns.push(`PRIMARY KEY (${shape.primaryKey.map(quoteIdentifier).join(', ')})`);
  return [
    `CREATE TABLE ${quoteIdentifier(shape.name)} (${columns.join(', ')})`,
    ...shape.indexes.map((index) => `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdentifier(index.name)} ON ${quoteIdentifier(shape.name)} (${index.columns.map(quoteIdentifier).join(', ')})`),
  ];
}
