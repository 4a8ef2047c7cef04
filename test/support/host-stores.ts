/**
 * The host's own data (accounts, sessions, the schedule) on each engine, for suites that run on
 * both (test/support/stores.ts says when PostgreSQL is in): a host.db in a temp folder, or a fresh
 * PostgreSQL database of its own, whose `guild_host` schema the host would use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openHostDatabase, type HostDatabase } from '../../core/auth/index.ts';
import { PgDatabase } from '../../core/content/index.ts';
import { freshDatabase, type StoreEngine } from './stores.ts';

export interface HostStore {
  /** What to give `box.host()` so a host keeps its data here (nothing for SQLite: its own host.db). */
  readonly hostOptions: { readonly databaseUrl?: string };
  /** Opens the host database, as a host or the CLI would. */
  open(): HostDatabase;
  /** Closes what was opened here and removes the data. */
  remove(): Promise<void>;
}

export async function hostStore(engine: StoreEngine): Promise<HostStore> {
  if (engine.name === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'guild-host-'));
    const opened: HostDatabase[] = [];
    return {
      hostOptions: {},
      open: () => opened[opened.push(openHostDatabase({ file: path.join(dir, 'host.db') })) - 1]!,
      async remove() {
        for (const db of opened) await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = await freshDatabase();
  const pools: PgDatabase[] = [];
  return {
    hostOptions: { databaseUrl: database.url },
    open: () => openHostDatabase({ file: '', database: pools[pools.push(new PgDatabase(database.url, { maxConnections: 2 })) - 1]! }),
    async remove() {
      for (const pool of pools) await pool.close();
      await database.drop();
    },
  };
}
