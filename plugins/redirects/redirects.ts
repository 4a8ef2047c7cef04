/** The redirects of one site: from a path to a path or URL, permanent (301) or not (302), with hits. */
import type { PluginMigration, PluginStorage } from '@guild/sdk';

export interface Redirect {
  readonly id: number;
  readonly from_path: string;
  readonly to: string;
  readonly status: 301 | 302;
  readonly hits: number;
  readonly last_hit_at: string | null;
  readonly created_at: string;
}

export const migrations: PluginMigration[] = [
  {
    version: 1,
    name: 'redirects',
    up: (db) =>
      db.exec(`CREATE TABLE ${db.table('redirects')} (
        id INTEGER PRIMARY KEY,
        from_path TEXT NOT NULL UNIQUE,
        "to" TEXT NOT NULL,
        status INTEGER NOT NULL CHECK (status IN (301, 302)),
        hits INTEGER NOT NULL DEFAULT 0,
        last_hit_at TEXT,
        created_at TEXT NOT NULL
      )`),
  },
];

/** "/Old-Page" and "/old-page/" are one address; a query string is not part of it. */
export function normalPath(path: string): string {
  const bare = path.split(/[?#]/)[0]!.trim();
  const lower = bare.toLowerCase();
  return lower.length > 1 ? lower.replace(/\/+$/, '') : lower;
}

export interface RedirectInput {
  readonly from?: unknown;
  readonly to?: unknown;
  readonly status?: unknown;
}

/** What is wrong with a redirect, by field; empty when it may be saved. */
export function problemsOf(input: RedirectInput): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (typeof input.from !== 'string' || !/^\/\S*$/.test(input.from.trim())) problems.push({ field: 'from', message: 'must be a path on this site, like /old-page/' });
  if (typeof input.to !== 'string' || !/^(\/(?!\/)\S*|https?:\/\/\S+)$/.test(input.to.trim())) problems.push({ field: 'to', message: 'must be a path on this site or a full http(s) address' });
  else if (typeof input.from === 'string' && normalPath(input.from) === normalPath(input.to)) problems.push({ field: 'to', message: 'must differ from "from", or visitors would go round in circles' });
  if (input.status !== undefined && input.status !== '' && ![301, 302].includes(Number(input.status))) problems.push({ field: 'status', message: 'must be 301 (moved for good) or 302 (for now)' });
  return problems;
}

export class Redirects {
  readonly #db: PluginStorage;
  readonly #table: string;

  constructor(db: PluginStorage) {
    this.#db = db;
    this.#table = db.table('redirects');
  }

  /** The redirect for a request path, counting the hit. */
  follow(path: string): Redirect | undefined {
    const redirect = this.from(path);
    if (redirect) this.#db.run(`UPDATE ${this.#table} SET hits = hits + 1, last_hit_at = ? WHERE id = ?`, new Date().toISOString(), redirect.id);
    return redirect;
  }

  list(): Redirect[] {
    return this.#db.all<Redirect>(`SELECT * FROM ${this.#table} ORDER BY from_path`);
  }

  /** The redirect from a path, if any. */
  from(path: string): Redirect | undefined {
    return this.#db.get<Redirect>(`SELECT * FROM ${this.#table} WHERE from_path = ?`, normalPath(path));
  }

  /** Changes a redirect (its hits stay); undefined when there is none with that id. The input must have passed problemsOf. */
  update(id: number, input: RedirectInput): Redirect | undefined {
    const changed = this.#db.run(`UPDATE ${this.#table} SET from_path = ?, "to" = ?, status = ? WHERE id = ?`, normalPath(String(input.from)), String(input.to).trim(), statusOf(input), id).changes;
    return changed ? this.#db.get<Redirect>(`SELECT * FROM ${this.#table} WHERE id = ?`, id) : undefined;
  }

  /** Adds a redirect, or changes the one from the same path. The input must have passed problemsOf. */
  save(input: RedirectInput): Redirect {
    this.#db.run(
      `INSERT INTO ${this.#table} (from_path, "to", status, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (from_path) DO UPDATE SET "to" = excluded."to", status = excluded.status`,
      normalPath(String(input.from)), String(input.to).trim(), statusOf(input), new Date().toISOString(),
    );
    return this.from(String(input.from))!;
  }

  remove(id: number): boolean {
    return this.#db.run(`DELETE FROM ${this.#table} WHERE id = ?`, id).changes > 0;
  }

  transaction<T>(work: () => T): T {
    return this.#db.transaction(work);
  }
}

/** 301 unless the input says 302. */
function statusOf(input: RedirectInput): 301 | 302 {
  return input.status === undefined || input.status === '' ? 301 : (Number(input.status) as 301 | 302);
}
