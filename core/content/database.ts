/**
 * Opens a site's SQLite database with the settings every connection should have, and applies
 * versioned migrations. Migrations are kept per namespace ("content", a plugin's id ...) so that
 * each part of the site can evolve its own tables without knowing the others.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: SqliteDatabase) => void;
}

export function openDatabase(file: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  if (!options.readonly) mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Many sites share one process: keep each connection's page cache small (1 MiB).
  db.pragma('cache_size = -1024');
  return db;
}

/**
 * Applies the migrations of `namespace` that have not run yet, oldest first, in one transaction.
 * Each version is recorded, so a migration merged later with a lower number still runs once.
 */
export function migrate(db: SqliteDatabase, namespace: string, migrations: readonly Migration[]): { applied: number[]; created: boolean } {
  db.exec(`CREATE TABLE IF NOT EXISTS guild_migrations (
    namespace TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (namespace, version)
  )`);
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
