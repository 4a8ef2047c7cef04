/**
 * The history of each post and page: a snapshot after every save (who, when, why), so any
 * earlier version can be compared with the current one and brought back. Autosaves by the same
 * person within a few minutes update one snapshot instead of piling up.
 */
import { diffWordsWithSpace } from 'diff';
import { migrate, type Migration, type SqliteDatabase } from './database.ts';
import { htmlToText } from './text.ts';
import type { Post } from './types.ts';

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'post revisions',
    // With the site's posts in PostgreSQL (GUILD_DATABASE_URL) this SQLite file has no posts
    // table to point at, and SQLite refuses every statement on a table whose foreign key names a
    // missing table: the revisions then keep the post's id without the link.
    up: (db) =>
      db.exec(`CREATE TABLE post_revisions (
        id INTEGER PRIMARY KEY,
        post_id INTEGER NOT NULL${db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'posts'").get() ? ' REFERENCES posts (id) ON DELETE CASCADE' : ''},
        title TEXT NOT NULL,
        html TEXT NOT NULL,
        custom_excerpt TEXT,
        feature_image TEXT,
        status TEXT NOT NULL,
        reason TEXT NOT NULL,
        account_id INTEGER,
        account_name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX post_revisions_by_post ON post_revisions (post_id, id DESC);`),
  },
];

export type RevisionReason = 'created' | 'saved' | 'autosaved' | 'published' | 'scheduled' | 'unpublished' | 'restored';

export interface Revision {
  readonly id: number;
  readonly postId: number;
  readonly title: string;
  readonly html: string;
  readonly customExcerpt: string | null;
  readonly featureImage: string | null;
  readonly status: Post['status'];
  readonly reason: RevisionReason;
  readonly by: { readonly id: number | null; readonly name: string };
  readonly createdAt: string;
}

export interface RevisionDiff {
  readonly title: readonly DiffPart[];
  /** The post's text, one block (paragraph, heading, list item ...) per line. */
  readonly text: readonly DiffPart[];
}

export interface DiffPart {
  readonly value: string;
  readonly added?: boolean;
  readonly removed?: boolean;
}

/** Snapshots kept per post; the oldest go first. */
const KEEP = 50;
/** Autosaves by one person closer together than this share one snapshot. */
const AUTOSAVE_WINDOW_MS = 10 * 60 * 1000;

interface RevisionRow {
  id: number;
  post_id: number;
  title: string;
  html: string;
  custom_excerpt: string | null;
  feature_image: string | null;
  status: Post['status'];
  reason: RevisionReason;
  account_id: number | null;
  account_name: string;
  created_at: string;
}

export class Revisions {
  readonly #statements;

  constructor(db: SqliteDatabase) {
    migrate(db, 'revisions', migrations);
    this.#statements = {
      insert: db.prepare(`INSERT INTO post_revisions (post_id, title, html, custom_excerpt, feature_image, status, reason, account_id, account_name, created_at)
        VALUES (@post_id, @title, @html, @custom_excerpt, @feature_image, @status, @reason, @account_id, @account_name, @created_at)`),
      update: db.prepare(`UPDATE post_revisions SET title = @title, html = @html, custom_excerpt = @custom_excerpt, feature_image = @feature_image,
        status = @status, created_at = @created_at WHERE id = @id`),
      latest: db.prepare('SELECT * FROM post_revisions WHERE post_id = ? ORDER BY id DESC LIMIT 1'),
      list: db.prepare('SELECT * FROM post_revisions WHERE post_id = ? ORDER BY id DESC'),
      get: db.prepare('SELECT * FROM post_revisions WHERE post_id = ? AND id = ?'),
      prune: db.prepare(`DELETE FROM post_revisions WHERE post_id = ? AND id NOT IN (SELECT id FROM post_revisions WHERE post_id = ? ORDER BY id DESC LIMIT ${KEEP})`),
    };
  }

  /** Records the post as it is now (or as it was at `at`, for a post older than its history). */
  record(post: Post, reason: RevisionReason, by: { id: number | null; name: string }, at = new Date().toISOString()): Revision {
    const now = at;
    const snapshot = {
      title: post.title,
      html: post.html,
      custom_excerpt: post.customExcerpt,
      feature_image: post.featureImage,
      status: post.status,
      created_at: now,
    };
    const latest = this.#statements.latest.get(post.id) as RevisionRow | undefined;
    if (reason === 'autosaved' && latest?.reason === 'autosaved' && latest.account_id === by.id && Date.now() - Date.parse(latest.created_at) < AUTOSAVE_WINDOW_MS) {
      this.#statements.update.run({ ...snapshot, id: latest.id });
      return this.get(post.id, latest.id)!;
    }
    const result = this.#statements.insert.run({ ...snapshot, post_id: post.id, reason, account_id: by.id, account_name: by.name });
    this.#statements.prune.run(post.id, post.id);
    return this.get(post.id, Number(result.lastInsertRowid))!;
  }

  has(postId: number): boolean {
    return this.#statements.latest.get(postId) !== undefined;
  }

  list(postId: number): Revision[] {
    return (this.#statements.list.all(postId) as RevisionRow[]).map(toRevision);
  }

  get(postId: number, id: number): Revision | undefined {
    const row = this.#statements.get.get(postId, id) as RevisionRow | undefined;
    return row && toRevision(row);
  }
}

/** What changed from `from` to `to`, word by word, in the title and in the readable text. */
export function diffRevisions(from: { title: string; html: string }, to: { title: string; html: string }): RevisionDiff {
  return {
    title: diffWordsWithSpace(from.title, to.title).map(part),
    text: diffWordsWithSpace(readableText(from.html), readableText(to.html)).map(part),
  };
}

const part = (change: { value: string; added?: boolean; removed?: boolean }): DiffPart => ({
  value: change.value,
  ...(change.added ? { added: true } : {}),
  ...(change.removed ? { removed: true } : {}),
});

/** A post's text with one block per line, and images and embeds named, so a diff reads well. */
function readableText(html: string): string {
  const marked = html
    .replace(/<img\b[^>]*>/gi, (tag) => {
      const alt = /\balt="([^"]*)"/i.exec(tag)?.[1];
      return ` [image${alt ? `: ${alt}` : ''}] `;
    })
    .replace(/<iframe\b[^>]*\bsrc="([^"]*)"[^>]*>/gi, (_tag, src: string) => ` [video: ${src}] `);
  return marked
    .split(/<\/(?:p|h[1-6]|li|blockquote|pre|figure|figcaption|tr)>|<br\s*\/?>|<hr\s*\/?>/i)
    .map((block) => htmlToText(block))
    .filter(Boolean)
    .join('\n');
}

function toRevision(row: RevisionRow): Revision {
  return {
    id: row.id,
    postId: row.post_id,
    title: row.title,
    html: row.html,
    customExcerpt: row.custom_excerpt,
    featureImage: row.feature_image,
    status: row.status,
    reason: row.reason,
    by: { id: row.account_id, name: row.account_name },
    createdAt: row.created_at,
  };
}
