/**
 * The SQLite side of comments, custom fields (post meta) and origins: synchronous and without
 * transactions of their own, so the store wraps each call in its write transaction.
 */
import { lazyStatements, type SqliteDatabase, type StatementMakers } from './database.ts';
import { commentValues, originValues, toComment, toOrigin, type CommentRow, type OriginRow } from './rows.ts';
import type { Comment, CommentInput, CommentStatus, Origin } from './types.ts';

export class SqliteRecords {
  readonly #statements;

  constructor(db: SqliteDatabase) {
    this.#statements = lazyStatements(db, recordStatements);
  }

  comments(postId: number, status: CommentStatus | 'any'): Comment[] {
    return (this.#statements.comments.all({ post: postId, status }) as CommentRow[]).map(toComment);
  }

  /** The site's comments, newest first, for moderation. */
  siteComments(status: CommentStatus | 'any', limit: number): Comment[] {
    return (this.#statements.siteComments.all({ status, limit }) as CommentRow[]).map(toComment);
  }

  /** Whether someone with this email (or, without one, this name) has had a comment approved. */
  hasApproved(email: string | null, name: string): boolean {
    return this.#statements.approvedBy.get({ email, name }) !== undefined;
  }

  deleteComment(id: number): boolean {
    return this.#statements.deleteComment.run(id).changes > 0;
  }

  comment(id: number): Comment | undefined {
    const row = this.#statements.comment.get(id) as CommentRow | undefined;
    return row && toComment(row);
  }

  saveComment(input: CommentInput & { readonly id?: number }): number {
    const row = commentValues(input);
    if (input.id !== undefined && this.#statements.comment.get(input.id)) {
      this.#statements.updateComment.run({ ...row, id: input.id });
      return input.id;
    }
    return Number(this.#statements.insertComment.run(row).lastInsertRowid);
  }

  meta(postId: number): Record<string, string> {
    const rows = this.#statements.meta.all(postId) as Array<{ key: string; value: string }>;
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  }

  setMeta(postId: number, entries: Readonly<Record<string, string | null>>): void {
    for (const [key, value] of Object.entries(entries)) {
      if (value === null) this.#statements.deleteMeta.run(postId, key);
      else this.#statements.setMeta.run(postId, key, value);
    }
  }

  origin(source: string, kind: string, originalId: string): Origin | undefined {
    const row = this.#statements.origin.get(source, kind, originalId) as OriginRow | undefined;
    return row && toOrigin(row);
  }

  origins(filter: { readonly source?: string; readonly kind?: string }): Origin[] {
    return (this.#statements.origins.all({ source: filter.source ?? null, kind: filter.kind ?? null }) as OriginRow[]).map(toOrigin);
  }

  saveOrigin(origin: Origin): void {
    this.#statements.saveOrigin.run(originValues(origin));
  }
}

const recordStatements = {
  comments: (db) => db.prepare('SELECT * FROM comments WHERE post_id = @post AND (@status = \'any\' OR status = @status) ORDER BY created_at, id'),
  comment: (db) => db.prepare('SELECT * FROM comments WHERE id = ?'),
  siteComments: (db) => db.prepare("SELECT * FROM comments WHERE (@status = 'any' OR status = @status) ORDER BY created_at DESC, id DESC LIMIT @limit"),
  approvedBy: (db) => db.prepare(`SELECT 1 FROM comments WHERE status = 'approved' AND
    (CASE WHEN @email IS NOT NULL THEN author_email = @email ELSE author_email IS NULL AND author_name = @name END) LIMIT 1`),
  deleteComment: (db) => db.prepare('DELETE FROM comments WHERE id = ?'),
  insertComment: (db) => db.prepare(`INSERT INTO comments (post_id, parent_id, author_name, author_email, author_url, html, status, created_at)
    VALUES (@post_id, @parent_id, @author_name, @author_email, @author_url, @html, @status, @created_at)`),
  updateComment: (db) => db.prepare(`UPDATE comments SET post_id = @post_id, parent_id = @parent_id, author_name = @author_name,
    author_email = @author_email, author_url = @author_url, html = @html, status = @status, created_at = @created_at WHERE id = @id`),
  meta: (db) => db.prepare('SELECT key, value FROM post_meta WHERE post_id = ? ORDER BY key'),
  setMeta: (db) => db.prepare('INSERT INTO post_meta (post_id, key, value) VALUES (?, ?, ?) ON CONFLICT (post_id, key) DO UPDATE SET value = excluded.value'),
  deleteMeta: (db) => db.prepare('DELETE FROM post_meta WHERE post_id = ? AND key = ?'),
  origin: (db) => db.prepare('SELECT * FROM origins WHERE source = ? AND kind = ? AND original_id = ?'),
  origins: (db) => db.prepare(`SELECT * FROM origins WHERE (@source IS NULL OR source = @source) AND (@kind IS NULL OR kind = @kind)
    ORDER BY source, kind, rowid`),
  saveOrigin: (db) => db.prepare(`INSERT INTO origins (source, kind, original_id, local_id, data) VALUES (@source, @kind, @original_id, @local_id, @data)
    ON CONFLICT (source, kind, original_id) DO UPDATE SET local_id = excluded.local_id, data = excluded.data`),
} satisfies StatementMakers;
