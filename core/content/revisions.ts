/**
 * The history of each post and page: a snapshot after every save (who, when, why), so any
 * earlier version can be compared with the current one and brought back. Autosaves by the same
 * person within a few minutes update one snapshot instead of piling up.
 */
import { diffWordsWithSpace } from 'diff';
import type { SyncSql } from './sync-sql.ts';
import { htmlToText } from './text.ts';
import type { Post } from './types.ts';


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

/**
 * A site's revisions, in its content (the SQLite file or the site's PostgreSQL schema: the table
 * comes with the content's migrations), through synchronous SQL both engines accept.
 */
export class Revisions {
  readonly #sql: SyncSql;

  constructor(sql: SyncSql) {
    this.#sql = sql;
  }

  /** Records the post as it is now (or as it was at `at`, for a post older than its history). */
  record(post: Post, reason: RevisionReason, by: { id: number | null; name: string }, at = new Date().toISOString()): Revision {
    const snapshot = {
      title: post.title,
      html: post.html,
      custom_excerpt: post.customExcerpt,
      feature_image: post.featureImage,
      status: post.status,
      created_at: at,
    };
    const latest = this.#latest(post.id);
    if (reason === 'autosaved' && latest?.reason === 'autosaved' && latest.account_id === by.id && Date.now() - Date.parse(latest.created_at) < AUTOSAVE_WINDOW_MS) {
      this.#sql.run(
        `UPDATE post_revisions SET title = @title, html = @html, custom_excerpt = @custom_excerpt, feature_image = @feature_image,
          status = @status, created_at = @created_at WHERE id = @id`,
        { ...snapshot, id: latest.id },
      );
      return this.get(post.id, latest.id)!;
    }
    const [inserted] = this.#sql.all<{ id: number }>(
      `INSERT INTO post_revisions (post_id, title, html, custom_excerpt, feature_image, status, reason, account_id, account_name, created_at)
        VALUES (@post_id, @title, @html, @custom_excerpt, @feature_image, @status, @reason, @account_id, @account_name, @created_at) RETURNING id`,
      { ...snapshot, post_id: post.id, reason, account_id: by.id, account_name: by.name },
    );
    this.#sql.run(`DELETE FROM post_revisions WHERE post_id = @post AND id NOT IN (SELECT id FROM post_revisions WHERE post_id = @post ORDER BY id DESC LIMIT ${KEEP})`, { post: post.id });
    return this.get(post.id, inserted!.id)!;
  }

  has(postId: number): boolean {
    return this.#latest(postId) !== undefined;
  }

  list(postId: number): Revision[] {
    return this.#sql.all<RevisionRow>('SELECT * FROM post_revisions WHERE post_id = @post ORDER BY id DESC', { post: postId }).map(toRevision);
  }

  get(postId: number, id: number): Revision | undefined {
    const [row] = this.#sql.all<RevisionRow>('SELECT * FROM post_revisions WHERE post_id = @post AND id = @id', { post: postId, id });
    return row && toRevision(row);
  }

  #latest(postId: number): RevisionRow | undefined {
    return this.#sql.all<RevisionRow>('SELECT * FROM post_revisions WHERE post_id = @post ORDER BY id DESC LIMIT 1', { post: postId })[0];
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
