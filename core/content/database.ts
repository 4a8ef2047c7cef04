/**
 * Opens a site's SQLite database with the settings every connection should have, and applies
 * versioned migrations. Migrations are kept per namespace ("content", a plugin's id ...) so that
 * each part of the site can evolve its own tables without knowing the others.
 */
import { accessSync, chmodSync, closeSync, constants, existsSync, lstatSync, mkdirSync, openSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import Database, { type Statement } from 'better-sqlite3';
import { GuildError } from '../errors.ts';

export type SqliteDatabase = Database.Database;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: SqliteDatabase) => void;
}

export type StatementMakers = Record<string, (db: SqliteDatabase) => Statement<unknown[]>>;

/** Removes a SQLite database file with its write-ahead log and shared-memory index. */
export async function removeDatabase(file: string): Promise<void> {
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${file}${suffix}`, { force: true })));
}

/**
 * An object whose properties prepare their statement the first time they are read: a site that
 * only serves pages never prepares its writes, which keeps each open site small when a host has
 * a thousand of them. The getters live on one prototype per set of makers, made once per
 * process, so opening a site allocates one small object rather than a closure per statement.
 */
export function lazyStatements<T extends StatementMakers>(db: SqliteDatabase, makers: T): { readonly [K in keyof T]: Statement<unknown[]> } {
  let prototype = lazyPrototypes.get(makers);
  if (!prototype) {
    prototype = {};
    for (const key of Object.keys(makers)) {
      const make = makers[key]!;
      Object.defineProperty(prototype, key, {
        get(this: LazyHolder) {
          return (this.made[key] ??= make(this.db));
        },
        enumerable: true,
      });
    }
    lazyPrototypes.set(makers, prototype);
  }
  const holder = Object.create(prototype) as LazyHolder;
  // Own but not enumerable: the statements are what the object lists.
  Object.defineProperties(holder, { db: { value: db }, made: { value: {} } });
  return holder as unknown as { readonly [K in keyof T]: Statement<unknown[]> };
}

interface LazyHolder {
  readonly db: SqliteDatabase;
  readonly made: Record<string, Statement<unknown[]>>;
}

const lazyPrototypes = new WeakMap<StatementMakers, object>();

export function openDatabase(file: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  const inMemory = file === ':memory:' || file === '';
  const creating = !options.readonly && !existsSync(file);
  if (!inMemory && !options.readonly) openPrivately(file, creating);
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  // WAL is kept in the file itself, so only a new database needs to be switched to it. One exec
  // rather than a prepared statement per pragma: a host opens sites all day long. Many sites share
  // one process, so each connection's page cache stays small (1 MiB). The busy timeout comes
  // first: with GUILD_WORKERS several processes open the same files, and switching to WAL waits
  // for the others' locks like any write.
  db.exec(`PRAGMA busy_timeout = 5000; ${creating ? 'PRAGMA journal_mode = WAL;' : ''} PRAGMA synchronous = NORMAL;
    PRAGMA foreign_keys = ON; PRAGMA cache_size = -1024;`);
  writersFirst(db);
  return db;
}

/**
 * Every transaction on the connection begins as a writer (BEGIN IMMEDIATE), waiting up to the busy
 * timeout for another process's writer to finish. A deferred transaction that reads before it
 * writes cannot wait: when another process (GUILD_WORKERS, the CLI) committed meanwhile, SQLite
 * fails its first write with SQLITE_BUSY at once, whatever busy_timeout says, and the change is
 * lost. Transactions here exist to write, so nothing is given up.
 */
function writersFirst(db: SqliteDatabase): void {
  const transaction = db.transaction.bind(db);
  // The immediate variant carries the same .deferred/.immediate/.exclusive properties as the default one.
  db.transaction = ((work: Parameters<typeof transaction>[0]) => transaction(work).immediate) as typeof db.transaction;
}

/**
 * A database holds accounts, sessions or a client's content: it is readable by the host's user
 * alone, and so are the folders made for it. A new file is made empty (SQLite takes an empty file
 * as a new database) so that it has its mode from the start; SQLite gives its -wal and -shm files
 * the database file's mode.
 */
function openPrivately(file: string, creating: boolean): void {
  if (creating) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  checkReadWrite(file, !creating);
  if (creating) closeSync(openSync(file, 'a', 0o600));
}

/**
 * Refuses a database whose folder, file, -wal or -shm cannot be opened read-write, before SQLite
 * maps them into memory: a -shm it cannot write takes the whole process down with SIGBUS on the
 * next write, and with it every other site. A part that does not exist yet is fine (SQLite makes
 * it in the folder); one that exists must be a regular file this process can write. With
 * `keepPrivate`, a part made before databases were private (or copied in with a loose mode) is
 * made so. One lstat per part serves both: a host opens sites all day long.
 */
function checkReadWrite(file: string, keepPrivate: boolean): void {
  const dir = path.dirname(file);
  const refuse = (part: string, why: string) => new GuildError('GUILD_ERR_DATABASE_NOT_WRITABLE', part, why);
  try {
    if (!statSync(dir).isDirectory()) throw refuse(dir, 'is not a folder');
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw error instanceof GuildError ? error : refuse(dir, systemReason(error));
  }
  for (const part of [file, `${file}-wal`, `${file}-shm`]) {
    const stat = lstatSync(part, { throwIfNoEntry: false });
    if (!stat) continue;
    if (!stat.isFile()) throw refuse(part, stat.isDirectory() ? 'is a folder, not a file' : 'is not a regular file');
    try {
      // access() asks the kernel what a write would be told: permissions, a read-only file system, an immutable file.
      accessSync(part, constants.R_OK | constants.W_OK);
      if (keepPrivate && stat.mode & 0o077) chmodSync(part, 0o600);
    } catch (error) {
      throw refuse(part, systemReason(error));
    }
  }
}

function systemReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  const reasons: Record<string, string> = { EACCES: 'cannot be written by this process (permissions)', EPERM: 'cannot be written (the file is locked against changes)', EROFS: 'is on a read-only file system', ENOENT: 'does not exist' };
  return (code && reasons[code]) ?? `cannot be opened read-write (${code ?? String(error)})`;
}

/**
 * The migrations a connection's database has recorded, read once per connection: opening a site
 * asks every namespace, and almost always everything has run already. The table is created only
 * where reading it fails, so a site that has run its migrations opens with one query.
 */
const appliedByConnection = new WeakMap<SqliteDatabase, Set<string>>();

function appliedMigrations(db: SqliteDatabase): Set<string> {
  let applied = appliedByConnection.get(db);
  if (!applied) {
    applied = new Set(recordedMigrations(db));
    appliedByConnection.set(db, applied);
  }
  return applied;
}

function recordedMigrations(db: SqliteDatabase): string[] {
  const read = () => db.prepare("SELECT namespace || ':' || version FROM guild_migrations").pluck().all() as string[];
  try {
    return read();
  } catch (error) {
    if (!/no such table/.test(String((error as Error).message))) throw error;
  }
  db.exec(`CREATE TABLE IF NOT EXISTS guild_migrations (
    namespace TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (namespace, version)
  )`);
  return read();
}

/**
 * Applies the migrations of `namespace` that have not run yet, oldest first, in one transaction.
 * Each version is recorded, so a migration merged later with a lower number still runs once.
 */
export function migrate(db: SqliteDatabase, namespace: string, migrations: readonly Migration[]): { applied: number[]; created: boolean } {
  const known = appliedMigrations(db);
  if (migrations.every((migration) => known.has(`${namespace}:${migration.version}`))) return { applied: [], created: false };
  const record = db.prepare('INSERT INTO guild_migrations (namespace, version, name, applied_at) VALUES (?, ?, ?, ?)');
  const done = db.prepare('SELECT version FROM guild_migrations WHERE namespace = ?').pluck();
  return db
    .transaction(() => {
      // Read inside the write transaction, so two processes opening one site cannot both migrate it.
      const applied = new Set(done.all(namespace) as number[]);
      const pending = [...migrations].sort((a, b) => a.version - b.version).filter((migration) => !applied.has(migration.version));
      for (const migration of pending) {
        migration.up(db);
        record.run(namespace, migration.version, migration.name, new Date().toISOString());
        known.add(`${namespace}:${migration.version}`);
      }
      return { applied: pending.map((migration) => migration.version), created: applied.size === 0 && pending.length > 0 };
    })
    .immediate();
}

/** A LIKE pattern (with ESCAPE '\\') that finds `text` anywhere; null for empty text, meaning "no filter". */
export function containsPattern(text: string | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? `%${trimmed.replace(/[\\%_]/g, (char) => `\\${char}`)}%` : null;
}
