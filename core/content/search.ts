/**
 * Full-text search of a site's posts and pages over its FTS5 index (migration 002): what a
 * visitor types becomes a safe FTS query (every word must appear, the last one as a prefix, so
 * results come while typing), ranked by BM25 with the title weighing ten times the text.
 */
import type { SqliteDatabase } from './database.ts';
import { htmlToText } from './text.ts';

/** How much more a word in the title counts than one in the text. */
const TITLE_WEIGHT = 10;
/** Marks FTS puts around matched words in a snippet, escaped and turned into <mark> by the caller. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

/** The text of a post the index holds: its own excerpt, then its body without markup. */
export function searchableText(html: string, customExcerpt: string | null): string {
  return `${customExcerpt ?? ''}\n${htmlToText(html)}`.trim();
}

/** The words a visitor typed that a search looks for (letters and digits; at most 12). */
export function searchWords(text: string): string[] {
  return text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
}

/**
 * A visitor's words as an FTS5 query: each word quoted (so no word is read as an operator),
 * all required, the last one a prefix. Null when there is nothing to search for.
 */
export function ftsQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  return words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ');
}

/** A posts row with `search_snippet`: a stretch of the text around the match, MATCH_START/MATCH_END around matched words. */
export type SearchRow<Row> = Row & { readonly search_snippet: string };

/**
 * The statements of one connection's search: keeping the index current, and querying it. The
 * index holds published posts and pages only, so a search reads the index alone to rank.
 */
export class SearchIndex {
  readonly #put;
  readonly #remove;
  readonly #count;
  readonly #rank;
  readonly #rows;

  constructor(db: SqliteDatabase) {
    this.#put = db.prepare('INSERT OR REPLACE INTO search_index (rowid, title, body) VALUES (?, ?, ?)');
    this.#remove = db.prepare('DELETE FROM search_index WHERE rowid = ?');
    this.#count = db.prepare('SELECT COUNT(*) FROM search_index WHERE search_index MATCH ?').pluck();
    // Ranking needs only ids; snippets, the costly part, are made for the page shown alone.
    this.#rank = db.prepare(`SELECT rowid FROM search_index WHERE search_index MATCH @query
      ORDER BY bm25(search_index, ${TITLE_WEIGHT}, 1.0), rowid DESC LIMIT @limit OFFSET @offset`).pluck();
    this.#rows = db.prepare(`SELECT p.*, snippet(search_index, 1, '${MATCH_START}', '${MATCH_END}', '…', 24) AS search_snippet
      FROM search_index s JOIN posts p ON p.id = s.rowid WHERE search_index MATCH @query AND s.rowid IN (SELECT value FROM json_each(@ids))`);
  }

  /** Indexes a post as it now is: a published one is found, any other is taken out. */
  put(post: { id: number; title: string; html: string; customExcerpt: string | null; published: boolean }): void {
    if (post.published) this.#put.run(post.id, post.title, searchableText(post.html, post.customExcerpt));
    else this.#remove.run(post.id);
  }

  remove(id: number): void {
    this.#remove.run(id);
  }

  /** Published posts and pages matching `query` (from ftsQuery), best first. */
  find<Row extends { id: number }>(query: string, limit: number, offset: number): { total: number; rows: Array<SearchRow<Row>> } {
    const ids = this.#rank.all({ query, limit, offset }) as number[];
    const total = ids.length < limit && offset === 0 ? ids.length : (this.#count.get(query) as number);
    if (ids.length === 0) return { total, rows: [] };
    const byId = new Map((this.#rows.all({ query, ids: JSON.stringify(ids) }) as Array<SearchRow<Row>>).map((row) => [row.id, row]));
    return { total, rows: ids.map((id) => byId.get(id)!) };
  }
}
