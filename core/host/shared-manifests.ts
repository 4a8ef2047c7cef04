/**
 * Site manifests shared by every host of a network (GUILD_DATABASE_URL): the table
 * `guild_host.site_manifests` holds each site's site.json as text, and each host's sites folder
 * holds a copy of it (its mirror), which everything that reads a manifest keeps reading, with line
 * numbers in its problems. Why a mirror and not the database alone: core/host/README.md.
 *
 * The database has the last word. A change made on this host (a `guild site` command, the admin,
 * a hand edit) is saved there if it passes the site schema, and told to every other host on the
 * channel `guild_sites`; a change told by another host is written into this host's mirror. A site
 * folder written from the database carries a marker naming its slug, so a site removed elsewhere
 * while this host was down is dropped here, while a folder made here (before PostgreSQL, by hand,
 * by `guild site new`) is added to the network.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PgDatabase, type PgMigration, type PgRunner } from '../content/index.ts';
import { MIRROR_MARKER, parseManifest } from '../manifest/index.ts';

/** The schema of every network-wide (host-level) table. */
export const HOST_SCHEMA = 'guild_host';
/** This part's migration namespace in HOST_SCHEMA. */
const NAMESPACE = 'site-manifests';
/** Notified with `<origin>:<slug>` when a site's manifest is saved or removed. */
const CHANNEL = 'guild_sites';

const migrations: readonly PgMigration[] = [
  {
    version: 1,
    name: 'site manifests',
    up: `CREATE TABLE site_manifests (
      slug text PRIMARY KEY,
      manifest text NOT NULL,
      revision integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  },
];

export class SharedManifests {
  readonly #db: PgDatabase;
  readonly #sitesDir: string;
  /** Names this process in its notifications, so it does not apply its own changes twice. */
  readonly #origin = randomBytes(6).toString('base64url');
  /** Each site's manifest as last saved to or read from the database by this process. */
  readonly #known = new Map<string, string>();
  #ready: Promise<unknown> | undefined;

  constructor(db: PgDatabase, sitesDir: string) {
    this.#db = db;
    this.#sitesDir = sitesDir;
  }

  /**
   * Brings the sites folder in line with the database: folders made here are added to it, folders
   * of sites removed elsewhere are dropped, and every manifest is mirrored. Returns the slugs whose
   * site.json it rewrote.
   */
  async pullAll(): Promise<string[]> {
    const runner = await this.#runner();
    const stored = new Set((await runner.query<{ slug: string }>('SELECT slug FROM site_manifests')).map((row) => row.slug));
    for (const slug of localSites(this.#sitesDir)) {
      if (!stored.has(slug) && !(await this.#fromDatabase(slug))) await this.#save(slug);
    }
    const rows = await runner.query<{ slug: string; manifest: string }>('SELECT slug, manifest FROM site_manifests');
    const shared = new Set(rows.map((row) => row.slug));
    for (const slug of localSites(this.#sitesDir)) if (!shared.has(slug) && (await this.#fromDatabase(slug))) await this.#discard(slug);
    const rewritten: string[] = [];
    for (const row of rows) if (await this.#mirror(row.slug, row.manifest)) rewritten.push(row.slug);
    return rewritten;
  }

  /**
   * The folders made here (not written from the database) whose slug the network already holds
   * with another site.json: pullAll would give them the network's, and this host's would be lost.
   * `guild migrate-store` asks before it opens the folder.
   */
  async clashes(): Promise<string[]> {
    const rows = await (await this.#runner()).query<{ slug: string; manifest: string }>('SELECT slug, manifest FROM site_manifests');
    const here = new Set(localSites(this.#sitesDir));
    const clashing: string[] = [];
    for (const row of rows) {
      if (!here.has(row.slug) || (await this.#fromDatabase(row.slug))) continue;
      if ((await readFile(this.#file(row.slug), 'utf8').catch(() => row.manifest)) !== row.manifest) clashing.push(row.slug);
    }
    return clashing;
  }

  /**
   * Saves this host's site.json for every host when it changed here and passes the site schema;
   * one that does not pass stays here (the registry says what is wrong, the network keeps the last
   * valid version).
   */
  async push(slug: string): Promise<void> {
    const text = await readFile(this.#file(slug), 'utf8').catch(() => undefined);
    if (text === undefined || text === this.#known.get(slug)) return;
    await this.#save(slug, text);
  }

  /**
   * Removes a site from the network: every host drops it. Its folder here is left to the caller
   * (moved by a rename, deleted by a removal): its marker goes first, so another process sharing
   * this folder (GUILD_WORKERS) drops the site without deleting the folder under the caller.
   */
  async drop(slug: string): Promise<void> {
    await rm(path.join(this.#sitesDir, slug, MIRROR_MARKER), { force: true });
    await this.#runner();
    await this.#db.transaction(HOST_SCHEMA, async (runner) => {
      const removed = await runner.query('DELETE FROM site_manifests WHERE slug = @slug RETURNING slug', { slug });
      if (removed.length) await this.#notify(runner, slug);
    });
    this.#known.delete(slug);
  }

  /** Another host changed `slug`: this host's mirror follows. Returns whether the site is still in the network. */
  async pull(slug: string): Promise<boolean> {
    const [row] = await (await this.#runner()).query<{ manifest: string }>('SELECT manifest FROM site_manifests WHERE slug = @slug', { slug });
    if (row) {
      await this.#mirror(slug, row.manifest);
      return true;
    }
    if (await this.#fromDatabase(slug)) await this.#discard(slug);
    return false;
  }

  /**
   * Calls `onChange(slug)` when another process changed or removed a site, and `onChange(undefined)`
   * when changes may have been missed (the database connection came back). Returns how to stop.
   */
  follow(onChange: (slug: string | undefined) => void): Promise<() => void> {
    return this.#db.listen(CHANNEL, (payload) => {
      if (payload === undefined) return onChange(undefined);
      const at = payload.indexOf(':');
      if (payload.slice(0, at) !== this.#origin) onChange(payload.slice(at + 1));
    });
  }

  /** Saves a valid site.json (this host's, unless given) and tells every other host. */
  async #save(slug: string, text?: string): Promise<void> {
    const manifest = text ?? (await readFile(this.#file(slug), 'utf8').catch(() => undefined));
    if (manifest === undefined || !parseManifest('site', manifest, this.#file(slug), slug).ok) return;
    await this.#runner();
    await this.#db.transaction(HOST_SCHEMA, async (runner) => {
      const saved = await runner.query(
        `INSERT INTO site_manifests (slug, manifest) VALUES (@slug, @manifest)
         ON CONFLICT (slug) DO UPDATE SET manifest = excluded.manifest, revision = site_manifests.revision + 1, updated_at = now()
         WHERE site_manifests.manifest <> excluded.manifest RETURNING slug`,
        { slug, manifest },
      );
      if (saved.length) await this.#notify(runner, slug);
    });
    this.#known.set(slug, manifest);
    await writeFile(path.join(this.#sitesDir, slug, MIRROR_MARKER), slug);
  }

  /** Writes the database's version of a site into its folder (made if needed); returns whether site.json changed. */
  async #mirror(slug: string, manifest: string): Promise<boolean> {
    this.#known.set(slug, manifest);
    const dir = path.join(this.#sitesDir, slug);
    const current = await readFile(this.#file(slug), 'utf8').catch(() => undefined);
    if (current !== manifest) {
      await mkdir(dir, { recursive: true });
      // In one rename, so a reader (the registry, a watcher) never sees half a file.
      const staging = path.join(dir, `.site.json.${randomBytes(4).toString('hex')}`);
      await writeFile(staging, manifest);
      await rename(staging, this.#file(slug));
    }
    if ((await readFile(path.join(dir, MIRROR_MARKER), 'utf8').catch(() => undefined)) !== slug) await writeFile(path.join(dir, MIRROR_MARKER), slug);
    return current !== manifest;
  }

  /** Whether this host's folder of `slug` was written from the database (not made here). */
  async #fromDatabase(slug: string): Promise<boolean> {
    return (await readFile(path.join(this.#sitesDir, slug, MIRROR_MARKER), 'utf8').catch(() => undefined)) === slug;
  }

  /** Takes a removed site's folder out of sight in one rename, then deletes it (another process may have already). */
  async #discard(slug: string): Promise<void> {
    this.#known.delete(slug);
    const retired = path.join(this.#sitesDir, `.removed-${slug}-${randomBytes(4).toString('hex')}`);
    try {
      await rename(path.join(this.#sitesDir, slug), retired);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    await rm(retired, { recursive: true, force: true });
  }

  #notify(runner: PgRunner, slug: string): Promise<unknown> {
    return PgDatabase.notify(runner, CHANNEL, `${this.#origin}:${slug}`);
  }

  #file(slug: string): string {
    return path.join(this.#sitesDir, slug, 'site.json');
  }

  /** The table, made on first use by whichever process comes first. */
  async #runner(): Promise<PgRunner> {
    this.#ready ??= this.#db.migrate(HOST_SCHEMA, NAMESPACE, migrations).catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    await this.#ready;
    return this.#db.runner(HOST_SCHEMA);
  }
}

/** The site folders here: every folder with a site.json whose name is no hidden one. */
export function localSites(sitesDir: string): string[] {
  return existsSync(sitesDir)
    ? readdirSync(sitesDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name) && existsSync(path.join(sitesDir, entry.name, 'site.json')))
        .map((entry) => entry.name)
    : [];
}
