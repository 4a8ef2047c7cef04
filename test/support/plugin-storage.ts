/**
 * A plugin's storage on every engine (as test/support/stores.ts does for content): a site's
 * database holding a table of the site's ("posts", with one secret row) and another plugin's,
 * and storage handles for any plugin id. PostgreSQL only when GUILD_TEST_DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase, PgDatabase } from '../../core/content/index.ts';
import { PgScopedStorage, ScopedStorage, type CheckedStorage, type StatementLimits } from '../../core/plugins/index.ts';
import { TEST_DATABASE_URL } from './stores.ts';

export interface StorageSite {
  storage(pluginId: string, limits?: StatementLimits): CheckedStorage;
  /** Runs SQL as the host would, with no checks. */
  query(sql: string): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface StorageEngine {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<StorageSite>;
}

const SITE_TABLES = [
  'CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT)',
  "INSERT INTO posts (id, title) VALUES (1, 'secret')",
  'CREATE TABLE acme__other__notes (id INTEGER PRIMARY KEY)',
];

const sqlite: StorageEngine = {
  name: 'sqlite',
  async open() {
    const db = openDatabase(':memory:');
    for (const statement of SITE_TABLES) db.exec(statement);
    return {
      storage: (id, limits) => new ScopedStorage(db, id, limits),
      query: (sql) => (db.prepare(sql).reader ? (db.prepare(sql).all() as Array<Record<string, unknown>>) : (db.prepare(sql).run(), [])),
      close: async () => {
        db.close();
      },
    };
  },
};

function postgres(url: string): StorageEngine {
  return {
    name: 'postgres',
    async open() {
      const db = new PgDatabase(url, { maxConnections: 2 });
      const schema = `test_${randomUUID().slice(0, 12)}`;
      await db.migrate(schema, 'test', [{ version: 1, name: 'site tables', up: SITE_TABLES.join(';') }]);
      return {
        storage: (id, limits) => new PgScopedStorage(db.sync(), schema, id, limits),
        query: (sql) => db.sync().query(schema, sql).rows,
        async close() {
          await db.dropSchema(schema);
          await db.close();
        },
      };
    },
  };
}

export const storageEngines: readonly StorageEngine[] = [sqlite, ...(TEST_DATABASE_URL ? [postgres(TEST_DATABASE_URL)] : [])];
