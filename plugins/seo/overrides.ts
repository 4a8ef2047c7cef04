/**
 * Per-post overrides of what search engines and link previews see: a title, a description, an
 * image, and "keep out of search results". Stored in the plugin's own table, one row per post.
 */
import type { PluginMigration, PluginStorage } from '@guild/sdk';

export interface Override {
  readonly post_id: number;
  readonly title: string | null;
  readonly description: string | null;
  readonly image: string | null;
  readonly noindex: boolean;
  readonly updated_at: string;
}

export interface OverrideInput {
  readonly title?: unknown;
  readonly description?: unknown;
  readonly image?: unknown;
  readonly noindex?: unknown;
}

export const migrations: PluginMigration[] = [
  {
    version: 1,
    name: 'per-post overrides',
    up: (db) =>
      db.exec(`CREATE TABLE ${db.table('overrides')} (
        post_id INTEGER PRIMARY KEY,
        title TEXT,
        description TEXT,
        image TEXT,
        noindex INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      )`),
  },
];

const LIMITS = { title: 70, description: 200 } as const;

export class Overrides {
  readonly #db: PluginStorage;
  readonly #table: string;
  /** Read on every page: kept in memory, dropped on every change. */
  #cache: Map<number, Override> | undefined;

  constructor(db: PluginStorage) {
    this.#db = db;
    this.#table = db.table('overrides');
  }

  get(postId: number): Override | undefined {
    this.#cache ??= new Map(this.all().map((override) => [override.post_id, override]));
    return this.#cache.get(postId);
  }

  all(): Override[] {
    return this.#db.all<Omit<Override, 'noindex'> & { noindex: number }>(`SELECT * FROM ${this.#table} ORDER BY updated_at DESC`).map((row) => ({ ...row, noindex: row.noindex === 1 }));
  }

  /** Checks and saves a post's overrides; empty fields fall back to the post's own. Returns the problems, if any. */
  save(postId: number, input: OverrideInput): Array<{ field: string; message: string }> {
    const problems: Array<{ field: string; message: string }> = [];
    const text = (field: 'title' | 'description' | 'image'): string | null => {
      const value = input[field];
      if (value === undefined || value === null || value === '') return null;
      if (typeof value !== 'string') problems.push({ field, message: 'must be text' });
      else if (field !== 'image' && value.length > LIMITS[field]) problems.push({ field, message: `must be at most ${LIMITS[field]} characters; search engines cut the rest` });
      else if (field === 'image' && !/^(https?:\/\/|\/)\S+$/.test(value)) problems.push({ field, message: 'must be a URL or a path on this site, like /content/images/cover.jpg' });
      return typeof value === 'string' ? value.trim() : null;
    };
    const row = { title: text('title'), description: text('description'), image: text('image'), noindex: input.noindex === true || input.noindex === 'true' || input.noindex === 'on' ? 1 : 0 };
    if (problems.length) return problems;
    if (!row.title && !row.description && !row.image && !row.noindex) this.remove(postId);
    else {
      this.#db.run(
        `INSERT INTO ${this.#table} (post_id, title, description, image, noindex, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (post_id) DO UPDATE SET title = excluded.title, description = excluded.description, image = excluded.image, noindex = excluded.noindex, updated_at = excluded.updated_at`,
        postId, row.title, row.description, row.image, row.noindex, new Date().toISOString(),
      );
    }
    this.#cache = undefined;
    return [];
  }

  remove(postId: number): void {
    this.#db.run(`DELETE FROM ${this.#table} WHERE post_id = ?`, postId);
    this.#cache = undefined;
  }
}
