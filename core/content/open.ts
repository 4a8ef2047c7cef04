/**
 * Where a site's content lives, as plain data a worker thread or a CLI command can be handed:
 * its SQLite file, or its schema in a PostgreSQL database. `openContentStore` opens either; the
 * host, which keeps one pool for every site, opens PostgreSQL stores on its own PgDatabase.
 */
import path from 'node:path';
import { PgDatabase } from './pg-database.ts';
import { PgContentStore } from './pg-store.ts';
import { SqliteContentStore } from './sqlite-store.ts';
import type { ContentChangeEvent } from './types.ts';

export type ContentLocation = { readonly file: string } | { readonly databaseUrl: string; readonly schema: string };

/** A site's SQLite file in its folder: all its content on SQLite; with PostgreSQL, what is not in its schema yet (plugin data, revisions, media records). */
export function contentDatabaseFile(siteDir: string): string {
  return path.join(siteDir, 'data', 'content.db');
}

/** Either engine's store, with what both add to the interface: whether this open created it, and telling of changes made elsewhere. */
export type EngineContentStore = SqliteContentStore | PgContentStore;

/** Opens the store at `location`; a PostgreSQL one has a pool of its own, closed with the store. */
export async function openContentStore(location: ContentLocation, options: { readonly onChange?: (change: ContentChangeEvent) => void } = {}): Promise<EngineContentStore> {
  if ('file' in location) return new SqliteContentStore(location.file, options);
  const db = new PgDatabase(location.databaseUrl, { maxConnections: 2 });
  try {
    return await PgContentStore.open(db, location.schema, { ...options, closesDatabase: true });
  } catch (error) {
    await db.close();
    throw error;
  }
}
