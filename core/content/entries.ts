/**
 * Entries of the content types plugins define (a portfolio's projects, testimonials): a title, a
 * slug and the type's own fields, in one table of the site's database with its own migrations.
 * The store checks nothing about the fields; the site checks them against the type first.
 */
import { migrate, type Migration, type SqliteDatabase } from './database.ts';
import { slugify, uniqueSlug } from './slug.ts';
import type { PageOf } from './types.ts';

export type EntryStatus = 'draft' | 'published';

export interface Entry {
  readonly id: number;
  readonly type: string;
  readonly slug: string;
  readonly title: string;
  readonly status: EntryStatus;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface EntryInput {
  readonly title: string;
  readonly slug?: string;
  readonly status?: EntryStatus;
  readonly fields?: Readonly<Record<string, unknown>>;
}

interface EntryRow {
  id: number;
  type: string;
  slug: string;
  title: string;
  status: EntryStatus;
  fields: string;
  created_at: string;
  updated_at: string;
}

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'entries of plugin content types',
    up: (db) =>
      db.exec(`CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        plugin TEXT NOT NULL,
        type TEXT NOT NULL,
        slug TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
        fields TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (type, slug)
      )`),
  },
];

/** Entries of a type on one page of a list (the admin's, the type's public one). */
export const ENTRY_LIST_LIMIT = 100;

export class EntryStore {
  readonly #db: SqliteDatabase;
  readonly #onChange: () => void;

  constructor(db: SqliteDatabase, onChange: () => void) {
    this.#db = db;
    this.#onChange = onChange;
    migrate(db, 'entries', migrations);
  }

  /** A page of a type's entries, newest first; `limit: null` for every one at once (a sitemap). */
  list(type: string, options: { status?: EntryStatus | 'any'; page?: number; limit?: number | null } = {}): PageOf<Entry> {
    const status = options.status ?? 'published';
    const total = this.#db.prepare(`SELECT COUNT(*) FROM entries WHERE type = ? AND (? = 'any' OR status = ?)`).pluck().get(type, status, status) as number;
    const limit = options.limit === null ? Math.max(total, 1) : Math.max(Math.trunc(options.limit ?? ENTRY_LIST_LIMIT), 1);
    const page = Math.max(Math.trunc(options.page ?? 1), 1);
    const rows = this.#db
      .prepare(`SELECT * FROM entries WHERE type = ? AND (? = 'any' OR status = ?) ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
      .all(type, status, status, limit, (page - 1) * limit) as EntryRow[];
    return { items: rows.map(entryOf), total, page, limit, pages: Math.max(Math.ceil(total / limit), 1) };
  }

  get(type: string, slug: string, status: EntryStatus | 'any' = 'published'): Entry | undefined {
    const row = this.#db.prepare(`SELECT * FROM entries WHERE type = ? AND slug = ? AND (? = 'any' OR status = ?)`).get(type, slug, status, status) as EntryRow | undefined;
    return row && entryOf(row);
  }

  byId(id: number): Entry | undefined {
    const row = this.#db.prepare('SELECT * FROM entries WHERE id = ?').get(id) as EntryRow | undefined;
    return row && entryOf(row);
  }

  /** Adds an entry of `type`, a content type of `plugin`. */
  create(plugin: string, type: string, input: EntryInput): Entry {
    const now = new Date().toISOString();
    const taken = this.#db.prepare('SELECT 1 FROM entries WHERE type = ? AND slug = ?');
    const slug = uniqueSlug(slugify(input.slug || input.title) || 'entry', (candidate) => taken.get(type, candidate) !== undefined);
    const id = this.#db
      .prepare('INSERT INTO entries (plugin, type, slug, title, status, fields, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(plugin, type, slug, input.title, input.status ?? 'published', JSON.stringify(input.fields ?? {}), now, now).lastInsertRowid;
    this.#onChange();
    return this.byId(Number(id))!;
  }

  update(id: number, patch: Partial<EntryInput>): Entry | undefined {
    const entry = this.byId(id);
    if (!entry) return undefined;
    const slug = patch.slug ? slugify(patch.slug) : entry.slug;
    this.#db
      .prepare('UPDATE entries SET title = ?, slug = ?, status = ?, fields = ?, updated_at = ? WHERE id = ?')
      .run(patch.title ?? entry.title, slug, patch.status ?? entry.status, JSON.stringify({ ...entry.fields, ...patch.fields }), new Date().toISOString(), id);
    this.#onChange();
    return this.byId(id);
  }

  delete(id: number): boolean {
    const deleted = this.#db.prepare('DELETE FROM entries WHERE id = ?').run(id).changes > 0;
    if (deleted) this.#onChange();
    return deleted;
  }

  /** Removes every entry of a plugin's content types: it was uninstalled. */
  deletePlugin(plugin: string): number {
    const removed = this.#db.prepare('DELETE FROM entries WHERE plugin = ?').run(plugin).changes;
    if (removed) this.#onChange();
    return removed;
  }
}

function entryOf(row: EntryRow): Entry {
  return {
    id: row.id,
    type: row.type,
    slug: row.slug,
    title: row.title,
    status: row.status,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
