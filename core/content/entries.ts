/**
 * Entries of the content types plugins define (a portfolio's projects, testimonials): a title, a
 * slug and the type's own fields, in one table of the site's content database (either engine; the
 * table comes with the content's migrations, namespace "entries").
 * The store checks nothing about the fields; the site checks them against the type first.
 */
import { slugify, uniqueSlug } from './slug.ts';
import type { SyncSql } from './sync-sql.ts';
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


/** Entries of a type on one page of a list (the admin's, the type's public one). */
export const ENTRY_LIST_LIMIT = 100;

export class EntryStore {
  readonly #sql: SyncSql;
  readonly #onChange: () => void;

  constructor(sql: SyncSql, onChange: () => void) {
    this.#sql = sql;
    this.#onChange = onChange;
  }

  /** A page of a type's entries, newest first; `limit: null` for every one at once (a sitemap). */
  list(type: string, options: { status?: EntryStatus | 'any'; page?: number; limit?: number | null } = {}): PageOf<Entry> {
    const status = options.status ?? 'published';
    const [{ n: total }] = this.#sql.all<{ n: number }>(`SELECT COUNT(*) AS n FROM entries WHERE type = @type AND (@status = 'any' OR status = @status)`, { type, status }) as [{ n: number }];
    const limit = options.limit === null ? Math.max(total, 1) : Math.max(Math.trunc(options.limit ?? ENTRY_LIST_LIMIT), 1);
    const page = Math.max(Math.trunc(options.page ?? 1), 1);
    const rows = this.#sql.all<EntryRow>(
      `SELECT * FROM entries WHERE type = @type AND (@status = 'any' OR status = @status) ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`,
      { type, status, limit, offset: (page - 1) * limit },
    );
    return { items: rows.map(entryOf), total, page, limit, pages: Math.max(Math.ceil(total / limit), 1) };
  }

  get(type: string, slug: string, status: EntryStatus | 'any' = 'published'): Entry | undefined {
    const [row] = this.#sql.all<EntryRow>(`SELECT * FROM entries WHERE type = @type AND slug = @slug AND (@status = 'any' OR status = @status)`, { type, slug, status });
    return row && entryOf(row);
  }

  byId(id: number): Entry | undefined {
    const [row] = this.#sql.all<EntryRow>('SELECT * FROM entries WHERE id = @id', { id });
    return row && entryOf(row);
  }

  /** Adds an entry of `type`, a content type of `plugin`. */
  create(plugin: string, type: string, input: EntryInput): Entry {
    const now = new Date().toISOString();
    const taken = (candidate: string) => this.#sql.all('SELECT 1 AS taken FROM entries WHERE type = @type AND slug = @slug', { type, slug: candidate }).length > 0;
    const slug = uniqueSlug(slugify(input.slug || input.title) || 'entry', taken);
    const [{ id }] = this.#sql.all<{ id: number }>(
      'INSERT INTO entries (plugin, type, slug, title, status, fields, created_at, updated_at) VALUES (@plugin, @type, @slug, @title, @status, @fields, @now, @now) RETURNING id',
      { plugin, type, slug, title: input.title, status: input.status ?? 'published', fields: JSON.stringify(input.fields ?? {}), now },
    ) as [{ id: number }];
    this.#onChange();
    return this.byId(id)!;
  }

  update(id: number, patch: Partial<EntryInput>): Entry | undefined {
    const entry = this.byId(id);
    if (!entry) return undefined;
    const slug = patch.slug ? slugify(patch.slug) : entry.slug;
    this.#sql.run('UPDATE entries SET title = @title, slug = @slug, status = @status, fields = @fields, updated_at = @now WHERE id = @id', {
      title: patch.title ?? entry.title,
      slug,
      status: patch.status ?? entry.status,
      fields: JSON.stringify({ ...entry.fields, ...patch.fields }),
      now: new Date().toISOString(),
      id,
    });
    this.#onChange();
    return this.byId(id);
  }

  delete(id: number): boolean {
    const deleted = this.#sql.run('DELETE FROM entries WHERE id = @id', { id }) > 0;
    if (deleted) this.#onChange();
    return deleted;
  }

  /** Removes every entry of a plugin's content types: it was uninstalled. */
  deletePlugin(plugin: string): number {
    const removed = this.#sql.run('DELETE FROM entries WHERE plugin = @plugin', { plugin });
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
