/**
 * Comments under posts and pages, as WordPress shows them: approved comments threaded by the one
 * they answer, each with its author's name and date, then the form for a new one. The block is
 * built here (core HTML with `comment-*` classes) and themes place it with {{comments}}; a site
 * whose `comments.enabled` setting is false shows neither comments nor form.
 */
import { escapeHtml, sanitizeComment, type Comment, type Post } from '../content/index.ts';
import type { Site } from './site.ts';

export const COMMENTS_SETTING = 'comments.enabled';

export interface CommentsBlock {
  readonly html: string;
  readonly count: number;
}

export async function commentsEnabled(site: Site): Promise<boolean> {
  return (await site.store.getSetting<boolean>(COMMENTS_SETTING)) !== false;
}

/** The block a post's page shows, or undefined when the site has comments off. */
export async function commentsBlock(site: Site, post: Post, timezone: string): Promise<CommentsBlock | undefined> {
  if (!(await commentsEnabled(site))) return undefined;
  const approved = await site.store.listComments(post.id, 'approved');
  const children = new Map<number | null, Comment[]>();
  const ids = new Set(approved.map((comment) => comment.id));
  for (const comment of approved) {
    // A reply to a comment that is not shown (held, spam, deleted) starts its own thread.
    const parent = comment.parentId !== null && ids.has(comment.parentId) ? comment.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), comment]);
  }
  const thread = (parent: number | null): string => {
    const list = children.get(parent) ?? [];
    if (list.length === 0) return '';
    return `<ol class="${parent === null ? 'comment-list' : 'children'}">${list
      .map(
        (comment) => `<li class="comment" id="comment-${comment.id}"><article class="comment-body"><footer class="comment-meta"><b class="comment-author">${escapeHtml(comment.authorName || 'Anonymous')}</b> <time class="comment-date" datetime="${comment.createdAt}">${commentDate(timezone).format(new Date(comment.createdAt))}</time></footer><div class="comment-content">${sanitizeComment(comment.html)}</div><a class="comment-reply-link" href="?replytocom=${comment.id}#respond" data-reply-to="${comment.id}">Reply</a></article>${thread(comment.id)}</li>`,
      )
      .join('')}</ol>`;
  };
  const count = approved.length;
  const heading = count === 0 ? 'No comments yet' : count === 1 ? '1 comment' : `${count} comments`;
  return {
    count,
    html: `<section class="comments" id="comments"><h2 class="comments-title">${heading}</h2>${thread(null)}${form(post)}</section>`,
  };
}

// Making a formatter is the slow part (ICU, a few hundred µs): one per time zone, made when a page first shows a comment.
const commentDates = new Map<string, Intl.DateTimeFormat>();

function commentDate(timezone: string): Intl.DateTimeFormat {
  let format = commentDates.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: timezone });
    commentDates.set(timezone, format);
  }
  return format;
}

function form(post: Post): string {
  return `<form class="comment-form" id="respond" method="post" action="${escapeHtml(post.path)}comments/">
<h3 class="comment-reply-title">Leave a comment</h3>
<p class="comment-form-author"><label for="comment-name">Name</label> <input id="comment-name" name="name" required maxlength="100" autocomplete="name"></p>
<p class="comment-form-email"><label for="comment-email">Email (optional, never shown)</label> <input id="comment-email" name="email" type="email" maxlength="200" autocomplete="email"></p>
<p class="comment-form-comment"><label for="comment-text">Comment</label> <textarea id="comment-text" name="text" required maxlength="5000" rows="5"></textarea></p>
<p class="comment-form-website" aria-hidden="true" style="position:absolute;left:-10000px"><label>Leave this empty <input name="website" tabindex="-1" autocomplete="off"></label></p>
<input type="hidden" name="parent" value="">
<p class="form-submit"><button type="submit" class="button">Post comment</button></p>
</form>
<script>document.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('[data-reply-to]');if(!a)return;e.preventDefault();var f=document.getElementById('respond');f.elements.parent.value=a.getAttribute('data-reply-to');a.closest('article').after(f);f.elements.text.focus();});</script>`;
}

/** A visitor's plain text as comment HTML: paragraphs on blank lines, line breaks kept, nothing else. */
export function commentHtml(text: string): string {
  return sanitizeComment(
    text
      .trim()
      .split(/\n\s*\n/)
      .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\r?\n/g, '<br>')}</p>`)
      .join(''),
  );
}
