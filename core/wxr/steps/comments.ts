/**
 * Comments are stored with their state (approved, pending, spam, trash) and threading, ready
 * for the day a theme shows them. Pingbacks and trackbacks are notices from other sites, not
 * comments, and are left out.
 */
import { escapeHtml, htmlToText, sanitizeContent } from '../../content/index.ts';
import { resolveDate } from '../dates.ts';
import { autop } from '../html/autop.ts';
import { commentStatus } from '../mapping.ts';
import { count, removed, skip } from '../report.ts';
import { digest, type ImportRun, type LocalPost } from '../run.ts';
import type { WxrItem } from '../types.ts';

export async function importComments(run: ImportRun, item: WxrItem, post: LocalPost): Promise<void> {
  const localIds = new Map<string, number>();
  const comments = [...item.comments].sort((a, b) => Number(a.id) - Number(b.id));
  for (const comment of comments) {
    if (comment.type === 'pingback' || comment.type === 'trackback') {
      skip(run.report, `${comment.type}s`, 'notices that another site linked here, not comments', item.title);
      continue;
    }
    // Commenters write plain text with a few tags; WordPress shows it with automatic paragraphs.
    const sanitized = sanitizeContent(autop(comment.content.includes('<') ? comment.content : escapeHtml(comment.content)));
    removed(run.report, `${htmlToText(item.title) || `#${item.id}`} (comment by ${comment.author || 'Anonymous'})`, sanitized.rejected);
    const input = {
      postId: post.id,
      parentId: localIds.get(comment.parent) ?? null,
      authorName: comment.author || 'Anonymous',
      authorEmail: comment.authorEmail || null,
      authorUrl: comment.authorUrl || null,
      html: sanitized.html,
      status: commentStatus(comment.approved),
      createdAt: resolveDate(comment.date, comment.dateGmt, run.options.timezone)?.iso ?? new Date(run.now).toISOString(),
    };
    const hash = digest(input);
    const origin = await run.origin('comment', comment.id);
    if (origin?.localId != null && origin.data.hash === hash) {
      localIds.set(comment.id, origin.localId);
      count(run.report, 'comments', 'unchanged');
      continue;
    }
    const existing = origin?.localId != null ? origin.localId : undefined;
    const saved = await run.store.saveComment(existing === undefined ? input : { ...input, id: existing });
    localIds.set(comment.id, saved.id);
    await run.remember('comment', comment.id, saved.id, { type: comment.type, hash });
    count(run.report, 'comments', existing === undefined ? 'created' : 'updated');
  }
}
