/**
 * The content store suites run on every engine: SQLite always, PostgreSQL when
 * GUILD_TEST_DATABASE_URL names one (CI sets it; `eval "$(bash scripts/ci/postgres.sh)"` does
 * locally). Each store opened here is fresh and empty (a temp file, or a schema of its own) and
 * removed afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PgContentStore, PgDatabase, SqliteContentStore, type ContentChangeEvent, type ContentStore } from '../../core/content/index.ts';

export type EngineStore = ContentStore & { readonly created: boolean };

export interface OpenedStore {
  readonly store: EngineStore;
  /** Another connection to the same content, as another process would open it. */
  again(): Promise<EngineStore>;
  /** Closes every connection opened here and removes the content. */
  remove(): Promise<void>;
}

export interface StoreEngine {
  readonly name: 'sqlite' | 'postgres';
  open(options?: { readonly onChange?: (change: ContentChangeEvent) => void }): Promise<OpenedStore>;
}

const sqlite: StoreEngine = {
  name: 'sqlite',
  async open(options = {}) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'guild-store-'));
    const file = path.join(dir, 'content.db');
    const opened: SqliteContentStore[] = [new SqliteContentStore(file, options)];
    return {
      store: opened[0]!,
      async again() {
        opened.push(new SqliteContentStore(file));
        return opened.at(-1)!;
      },
      async remove() {
        for (const store of opened) await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgres(url: string): StoreEngine {
  return {
    name: 'postgres',
    async open(options = {}) {
      const schema = `test_${randomUUID().slice(0, 12)}`;
      const databases = [new PgDatabase(url, { maxConnections: 4 })];
      const store = await PgContentStore.open(databases[0]!, schema, options);
      return {
        store,
        async again() {
          databases.push(new PgDatabase(url, { maxConnections: 2 }));
          return PgContentStore.open(databases.at(-1)!, schema);
        },
        async remove() {
          await databases[0]!.dropSchema(schema);
          for (const database of databases) await database.close();
        },
      };
    },
  };
}

export const TEST_DATABASE_URL = process.env.GUILD_TEST_DATABASE_URL || undefined;

/**
 * A PostgreSQL database of its own for one sandboxed host (sites' schemas are named after their
 * slugs, which tests share), made from GUILD_TEST_DATABASE_URL's role; `drop` removes it.
 */
export async function freshDatabase(): Promise<{ readonly url: string; drop(): Promise<void> }> {
  const name = `guild_t_${randomUUID().slice(0, 12).replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The site schemas (`site_<slug>`) a database holds, by name: what a host on it has made. */
export async function siteSchemas(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'site_%' ORDER BY 1")).rows.map((row) => row.nspname);
  } finally {
    await client.end();
  }
}

/**
 * A site's site.json as a host keeps it, parsed: its file, which on PostgreSQL must also be the
 * network's copy (`guild_host.site_manifests`) that every other host mirrors, so an admin change
 * that stayed in this host's folder fails here.
 */
export async function keptManifest(options: { readonly databaseUrl?: string }, file: string): Promise<any> {
  const text = readFileSync(file, 'utf8');
  if (options.databaseUrl) {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      const slug = path.basename(path.dirname(file));
      const rows = (await client.query<{ manifest: string }>('SELECT manifest FROM guild_host.site_manifests WHERE slug = $1', [slug])).rows;
      expect(rows.map((row) => row.manifest), `the network's copy of ${slug}'s site.json`).toEqual([text]);
    } finally {
      await client.end();
    }
  }
  return JSON.parse(text);
}

/** The engines to run on here: SQLite, and PostgreSQL when GUILD_TEST_DATABASE_URL is set. */
export const storeEngines: readonly StoreEngine[] = [sqlite, ...(TEST_DATABASE_URL ? [postgres(TEST_DATABASE_URL)] : [])];

/** `describe` once per engine, the title naming it; says plainly when PostgreSQL is left out. */
export function describeEachStore(title: string, body: (engine: StoreEngine) => void): void {
  describeEach(storeEngines, title, body);
}

/** An engine for a sandboxed host's sites: the host options that choose it, per host. */
export interface HostEngine {
  readonly name: StoreEngine['name'];
  /** Options for `box.host()` (a database of its own on PostgreSQL) and how to remove what they made. */
  prepare(): Promise<{ readonly options: { readonly databaseUrl?: string }; drop(): Promise<void> }>;
}

export const hostEngines: readonly HostEngine[] = [
  { name: 'sqlite', prepare: async () => ({ options: {}, drop: async () => {} }) },
  ...(TEST_DATABASE_URL
    ? [
        {
          name: 'postgres' as const,
          async prepare() {
            const database = await freshDatabase();
            return { options: { databaseUrl: database.url }, drop: () => database.drop() };
          },
        },
      ]
    : []),
];

/** `describe` once per engine for suites that drive a whole host (admin, import/export) or a directory. */
export function describeEachHost(title: string, body: (engine: HostEngine) => void, options: { readonly timeout?: number } = {}): void {
  describeEach(hostEngines, title, body, options);
}

function describeEach<T extends { readonly name: string }>(engines: readonly T[], title: string, body: (engine: T) => void, options: { readonly timeout?: number } = {}): void {
  for (const engine of engines) describe(`${title} (${engine.name})`, options, () => body(engine));
  if (!TEST_DATABASE_URL) {
    describe.skip(`${title} (postgres)`, () => {
      it('is skipped: GUILD_TEST_DATABASE_URL is unset (eval "$(bash scripts/ci/postgres.sh)" starts a PostgreSQL and sets it)', () => {});
    });
  }
}
