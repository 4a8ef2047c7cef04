/**
 * The SQL a plugin may write: what SQLite (3.53, better-sqlite3 12) and PostgreSQL (15) both
 * accept and answer alike, so a plugin written against one engine runs on a site on the other.
 * Read from tokens (sql.ts), never from the raw text, so strings and comments never trip it.
 * Checked by `guild plugin check` on the plugin's source and by its storage before a statement's
 * first run, on both engines (docs/plugins.md, "SQL that runs on both engines").
 */
import { tokenize, type SqlToken } from './sql.ts';

export interface UnportableSql {
  /** The construct as written, e.g. "INSERT OR REPLACE", "datetime()", "::". */
  readonly construct: string;
  /** Which engine alone accepts it, or how the two differ. */
  readonly why: string;
  /** What to write instead. */
  readonly instead: string;
}

const SQLITE_ONLY = 'only SQLite accepts it';
const POSTGRES_ONLY = 'only PostgreSQL accepts it';
const ISO_TIME = 'pass times from the plugin as ISO text (new Date().toISOString()); they compare and sort as text on both';
const JSON_TEXT = 'keep JSON in a TEXT column and read it in the plugin (JSON.parse)';

/** Functions both engines have, with the same meaning. */
export const PORTABLE_FUNCTIONS = new Set(['abs', 'avg', 'coalesce', 'concat', 'count', 'dense_rank', 'length', 'lower', 'ltrim', 'max', 'min', 'nullif', 'rank', 'replace', 'round', 'row_number', 'rtrim', 'string_agg', 'substr', 'sum', 'trim', 'upper']);

/** Functions one engine has, with what to write instead. */
const FUNCTIONS: Readonly<Record<string, readonly [why: string, instead: string]>> = {
  ...Object.fromEntries(['datetime', 'date', 'time', 'julianday', 'strftime', 'unixepoch', 'timediff'].map((name) => [name, [SQLITE_ONLY, ISO_TIME]])),
  ...Object.fromEntries(['now', 'to_char', 'to_timestamp', 'to_date', 'date_trunc', 'date_part', 'age', 'extract'].map((name) => [name, [POSTGRES_ONLY, ISO_TIME]])),
  ifnull: [SQLITE_ONLY, 'coalesce(x, y)'],
  iif: [SQLITE_ONLY, 'CASE WHEN … THEN … ELSE … END'],
  group_concat: [SQLITE_ONLY, "string_agg(x, ',')"],
  instr: [SQLITE_ONLY, "x LIKE '%' || ? || '%'"],
  strpos: [POSTGRES_ONLY, "x LIKE '%' || ? || '%'"],
  last_insert_rowid: [SQLITE_ONLY, 'the lastInsertRowid storage.run() returns'],
  changes: [SQLITE_ONLY, 'the changes storage.run() returns'],
  total: [SQLITE_ONLY, 'coalesce(sum(x), 0)'],
  greatest: [POSTGRES_ONLY, 'CASE WHEN a > b THEN a ELSE b END'],
  least: [POSTGRES_ONLY, 'CASE WHEN a < b THEN a ELSE b END'],
  left: [POSTGRES_ONLY, 'substr(x, 1, n)'],
  right: [POSTGRES_ONLY, 'substr(x, -n) in the plugin, or compare with LIKE'],
  char_length: [POSTGRES_ONLY, 'length(x)'],
  btrim: [POSTGRES_ONLY, 'trim(x)'],
  random: ['both have it, with different ranges', 'make random values in the plugin'],
  gen_random_uuid: [POSTGRES_ONLY, 'crypto.randomUUID() in the plugin'],
  printf: [SQLITE_ONLY, 'format the value in the plugin'],
  format: ['the engines format differently', 'format the value in the plugin'],
  typeof: [SQLITE_ONLY, 'read the value in the plugin'],
};

/** Column types both engines read back alike (PostgreSQL's are widened to match SQLite's: pg-sql.ts). */
const COLUMN_TYPES = new Set(['INTEGER', 'INT', 'BIGINT', 'SMALLINT', 'TEXT', 'REAL', 'DOUBLE', 'NUMERIC', 'DECIMAL', 'BLOB']);
const TYPE_INSTEAD: Readonly<Record<string, string>> = {
  ...Object.fromEntries(['BOOLEAN', 'BOOL'].map((type) => [type, 'INTEGER holding 0 or 1 (PostgreSQL answers a boolean as true/false, SQLite as 1/0)'])),
  ...Object.fromEntries(['DATETIME', 'TIMESTAMP', 'TIMESTAMPTZ', 'DATE', 'TIME', 'INTERVAL'].map((type) => [type, `TEXT: ${ISO_TIME}`])),
  ...Object.fromEntries(['SERIAL', 'BIGSERIAL', 'SMALLSERIAL'].map((type) => [type, 'INTEGER PRIMARY KEY: Guild numbers new rows on both engines'])),
  ...Object.fromEntries(['VARCHAR', 'CHAR', 'CHARACTER', 'NVARCHAR', 'UUID', 'CITEXT'].map((type) => [type, 'TEXT (SQLite keeps no length or kind of text)'])),
  JSON: `TEXT: ${JSON_TEXT}`,
  JSONB: `TEXT: ${JSON_TEXT}`,
  BYTEA: 'BLOB (Guild makes it BYTEA on PostgreSQL)',
  FLOAT: 'DOUBLE PRECISION',
};
const TYPE_LIST = 'INTEGER, BIGINT, TEXT, REAL, DOUBLE PRECISION, NUMERIC or BLOB';

/** Words that may stand before "(" without calling a function. */
const NOT_CALLS = new Set(
  'ADD ALL ALWAYS AND ANY AS BETWEEN BY CASE CAST CHECK COLUMN CONFLICT CONSTRAINT DEFAULT DISTINCT ELSE EXCEPT EXISTS FILTER FROM GROUP HAVING IN INDEX INTERSECT INTO IS JOIN KEY LIKE LIMIT NOT NULL OFFSET ON OR ORDER OVER PRIMARY REFERENCES RETURNING SELECT SET SOME STORED TABLE THEN UNION UNIQUE USING VALUES VIEW WHEN WHERE WITH RECURSIVE DECIMAL NUMERIC VARCHAR CHAR CHARACTER'.split(' '),
);
/** Words after which a name followed by "(" is a table's name, not a call. */
const TABLE_BEFORE = new Set(['INTO', 'TABLE', 'REFERENCES', 'ON', 'EXISTS', 'VIEW', 'INDEX', 'JOIN', 'UPDATE']);
const CONSTRAINT_WORDS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);
const COLUMN_AFTER_NAME = new Set(['PRIMARY', 'NOT', 'NULL', 'DEFAULT', 'UNIQUE', 'CHECK', 'REFERENCES', 'CONSTRAINT', 'COLLATE', 'GENERATED']);

/** A column definition in CREATE TABLE or ALTER TABLE … ADD: where its type is. */
export interface ColumnType {
  /** The type's first token, or undefined when the column has none. */
  readonly type: number | undefined;
  /** The column's name token. */
  readonly column: number;
  /** Written as SQLite's row id: "INTEGER PRIMARY KEY". */
  readonly rowId: boolean;
}

/** The upper-cased word of an unquoted name token, else "". */
export function word(token: SqlToken | undefined): string {
  return token?.name && !token.quote ? token.text.toUpperCase() : '';
}

const adjacent = (a: SqlToken | undefined, b: SqlToken | undefined) => a !== undefined && b !== undefined && a.end === b.at;

/** Every construct of one statement that only one engine accepts, or that they answer differently. */
export function unportableSql(sql: string): UnportableSql[] {
  const tokens = tokenize(sql);
  const problems: UnportableSql[] = [];
  const add = (construct: string, why: string, instead: string) => {
    if (!problems.some((problem) => problem.construct === construct)) problems.push({ construct, why, instead });
  };
  const words = tokens.map(word);
  const verb = words[0] ?? '';
  if (verb === 'REPLACE') add('REPLACE INTO', SQLITE_ONLY, 'INSERT … ON CONFLICT (…) DO UPDATE SET …');
  if (verb === 'PRAGMA') add('PRAGMA', SQLITE_ONLY, 'leave settings to the host');
  tokens.forEach((token, i) => {
    const upper = words[i]!;
    const next = tokens[i + 1];
    if (token.quote === '`' || token.quote === '[') add(`${token.quote}${token.text}${token.quote === '[' ? ']' : '`'}`, SQLITE_ONLY, `"${token.text}"`);
    else if (upper === 'AUTOINCREMENT') add('AUTOINCREMENT', SQLITE_ONLY, 'INTEGER PRIMARY KEY: Guild numbers new rows on both engines');
    else if ((upper === 'INSERT' || upper === 'UPDATE') && words[i + 1] === 'OR') add(`${upper} OR ${words[i + 2]}`, SQLITE_ONLY, 'INSERT … ON CONFLICT (…) DO UPDATE SET … or ON CONFLICT DO NOTHING');
    else if (upper === 'ILIKE' || upper === 'SIMILAR') add(upper === 'SIMILAR' ? 'SIMILAR TO' : 'ILIKE', POSTGRES_ONLY, 'LIKE, which Guild makes case-insensitive on both engines');
    else if (upper === 'GLOB' || upper === 'REGEXP' || upper === 'MATCH') add(upper, SQLITE_ONLY, 'LIKE');
    else if (upper === 'IDENTITY') add('GENERATED … AS IDENTITY', POSTGRES_ONLY, 'INTEGER PRIMARY KEY: Guild numbers new rows on both engines');
    else if (upper === 'ROWID' && words[i - 1] === 'WITHOUT') add('WITHOUT ROWID', SQLITE_ONLY, 'leave it out');
    else if (upper === 'STRICT' && verb === 'CREATE' && tokens[i - 1]?.text === ')') add('STRICT', SQLITE_ONLY, 'leave it out');
    else if (upper === 'COLLATE') add('COLLATE', "the engines' collations differ (NOCASE is SQLite's alone)", 'leave it out (text sorts by code point on both); compare lower(x) to ignore case');
    else if (upper === 'TRUE' || upper === 'FALSE') add(upper, 'SQLite reads it as 1 or 0, PostgreSQL as a boolean no INTEGER compares with', upper === 'TRUE' ? '1' : '0');
    else if (['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIMESTAMP', 'LOCALTIME'].includes(upper)) add(upper, 'SQLite gives "YYYY-MM-DD HH:MM:SS" text, PostgreSQL a timestamp', ISO_TIME);
    else if (upper === 'LIMIT' && limitHasComma(tokens, i)) add('LIMIT offset, count', SQLITE_ONLY, 'LIMIT count OFFSET offset');
    else if (upper === 'AS' && next?.name && !next.quote && /[a-z]/.test(next.text) && /[A-Z]/.test(next.text)) add(`AS ${next.text}`, 'PostgreSQL answers an unquoted name in lowercase, SQLite as written', `AS "${next.text}" or AS ${snakeCase(next.text)}`);
    else if (token.text === ':' && next?.text === ':' && adjacent(token, next)) add('::', POSTGRES_ONLY, 'CAST(x AS type)');
    else if (token.text === '-' && next?.text === '>' && adjacent(token, next)) add(adjacent(next, tokens[i + 2]) && tokens[i + 2]!.text === '>' ? '->>' : '->', 'SQLite reads JSON text with it, PostgreSQL only json values', JSON_TEXT);
    else if (token.text === '=' && next?.text === '=' && adjacent(token, next)) add('==', SQLITE_ONLY, '=');
    else if (token.text === '$' && adjacent(token, next) && tokens[i - 1]?.text !== '$') add(`$${next!.text}`, 'SQLite reads it as a named parameter, PostgreSQL as a numbered one', '? (or @name with an object of values)');
    else if (token.text === ':' && next?.name && adjacent(token, next) && tokens[i - 1]?.text !== ':') add(`:${next.text}`, 'PostgreSQL has no named parameters', '@name (Guild numbers them for PostgreSQL)');
    else if (token.text === '?' && adjacent(token, next) && /^[0-9]/.test(next!.text)) add(`?${next!.text}`, SQLITE_ONLY, '?');
    else if (token.name && next?.text === '(' && isCall(tokens, words, i)) checkFunction(token.text.toLowerCase(), argumentCount(tokens, i + 1), add);
  });
  for (const column of columnTypes(tokens)) {
    const name = tokens[column.column]!.text;
    if (column.type === undefined) {
      add(`column ${name} without a type`, 'SQLite accepts it, PostgreSQL does not', `give it a type: ${TYPE_LIST}`);
      continue;
    }
    const type = words[column.type]!;
    if (type === 'DOUBLE' && words[column.type + 1] !== 'PRECISION') add('DOUBLE', SQLITE_ONLY, 'DOUBLE PRECISION');
    else if (!COLUMN_TYPES.has(type)) add(tokens[column.type]!.text.toUpperCase(), TYPE_INSTEAD[type] ? 'the engines store it differently or only one has it' : 'not a type both engines read alike', TYPE_INSTEAD[type] ?? TYPE_LIST);
  }
  return problems;
}

/** One line per problem: "INSERT OR REPLACE: only SQLite accepts it. Instead: INSERT … ON CONFLICT …". */
export function describeUnportable(problem: UnportableSql): string {
  return `${problem.construct}: ${problem.why}. Instead: ${problem.instead}`;
}

function checkFunction(name: string, args: number, add: (construct: string, why: string, instead: string) => void): void {
  if ((name === 'min' || name === 'max') && args > 1) add(`${name}() of several values`, SQLITE_ONLY, `CASE WHEN a ${name === 'max' ? '>' : '<'} b THEN a ELSE b END`);
  else if (PORTABLE_FUNCTIONS.has(name)) return;
  else if (FUNCTIONS[name]) add(`${name}()`, FUNCTIONS[name][0], FUNCTIONS[name][1]);
  else if (name.startsWith('json') || name.startsWith('to_json')) add(`${name}()`, 'the engines read JSON differently', JSON_TEXT);
  else add(`${name}()`, 'it is not one of the functions both engines have alike', `one of ${[...PORTABLE_FUNCTIONS].join(', ')}, or do it in the plugin`);
}

/** Whether the name at `i`, followed by "(", calls a function (not a table, a keyword or a type). */
function isCall(tokens: readonly SqlToken[], words: readonly string[], i: number): boolean {
  if (NOT_CALLS.has(words[i]!) || TABLE_BEFORE.has(words[i - 1] ?? '')) return false;
  if (tokens[i - 1]?.text === '.') return false;
  // A common table expression's column list: "name(a, b) AS (".
  const close = matching(tokens, i + 1);
  return !(words[close + 1] === 'AS' && tokens[close + 2]?.text === '(');
}

/** The index of the ")" that closes the "(" at `open`. */
function matching(tokens: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.text === '(') depth++;
    else if (tokens[i]!.text === ')' && --depth === 0) return i;
  }
  return tokens.length;
}

function argumentCount(tokens: readonly SqlToken[], open: number): number {
  const close = matching(tokens, open);
  if (close === open + 1) return 0;
  let depth = 0;
  let count = 1;
  for (let i = open + 1; i < close; i++) {
    const text = tokens[i]!.text;
    if (text === '(') depth++;
    else if (text === ')') depth--;
    else if (text === ',' && depth === 0) count++;
  }
  return count;
}

function limitHasComma(tokens: readonly SqlToken[], limit: number): boolean {
  let depth = 0;
  for (let i = limit + 1; i < tokens.length; i++) {
    const text = tokens[i]!.text;
    if (text === '(') depth++;
    else if (text === ')' && --depth < 0) return false;
    else if (depth === 0 && (text === ',' || word(tokens[i]) === 'OFFSET')) return text === ',';
  }
  return false;
}

/** The column definitions of CREATE TABLE name (…) and ALTER TABLE name ADD [COLUMN] …. */
export function columnTypes(tokens: readonly SqlToken[]): ColumnType[] {
  const words = tokens.map(word);
  if (words[0] === 'ALTER' && words[1] === 'TABLE' && words[3] === 'ADD' && !CONSTRAINT_WORDS.has(words[4]!)) {
    const column = words[4] === 'COLUMN' ? 5 : 4;
    return tokens[column] ? [columnAt(tokens, words, column, tokens.length)] : [];
  }
  if (words[0] !== 'CREATE' || !words.slice(1, 3).includes('TABLE')) return [];
  const open = tokens.findIndex((token) => token.text === '(');
  if (open === -1 || words.slice(0, open).includes('AS')) return [];
  const close = matching(tokens, open);
  const columns: ColumnType[] = [];
  let start = open + 1;
  let depth = 0;
  for (let i = open + 1; i <= close; i++) {
    const text = tokens[i]?.text;
    if (text === '(') depth++;
    else if (text === ')' && i !== close) depth--;
    else if ((text === ',' && depth === 0) || i === close) {
      if (i > start && !CONSTRAINT_WORDS.has(words[start]!)) columns.push(columnAt(tokens, words, start, i));
      start = i + 1;
    }
  }
  return columns;
}

function columnAt(tokens: readonly SqlToken[], words: readonly string[], column: number, end: number): ColumnType {
  const type = column + 1 < end && tokens[column + 1]!.name && !COLUMN_AFTER_NAME.has(words[column + 1]!) ? column + 1 : undefined;
  return { column, type, rowId: type !== undefined && words[type] === 'INTEGER' && words[type + 1] === 'PRIMARY' && words[type + 2] === 'KEY' };
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
