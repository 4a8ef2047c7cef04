import type { Migration } from '../database.ts';
import { searchableText } from '../search.ts';

/**
 * The site's full-text index (SQLite FTS5): a published post's or page's title and text, one row
 * per post with the post's id as rowid. The store keeps it current on every write; this fills it for the
 * posts a site already has.
 */
export const search: Migration = {
  version: 2,
  name: 'full-text search index of posts and pages',
  up(db) {
    db.exec(`CREATE VIRTUAL TABLE search_index USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`);
    const insert = db.prepare('INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)');
    const posts = db.prepare("SELECT id, title, html, custom_excerpt FROM posts WHERE status = 'published'").iterate() as IterableIterator<{ id: number; title: string; html: string; custom_excerpt: string | null }>;
    for (const post of posts) insert.run(post.id, post.title, searchableText(post.html, post.custom_excerpt));
  },
};
