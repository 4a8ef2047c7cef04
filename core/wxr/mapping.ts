/**
 * How WordPress's vocabulary maps onto Guild's: post statuses, comment states, which custom
 * fields are content worth keeping and which are WordPress's own bookkeeping.
 */
import type { CommentStatus, PostStatus } from '../content/index.ts';
import type { WxrItem } from './types.ts';

/** WordPress publishes a "future" post whose time has come, and schedules a "publish" one dated ahead. */
const SCHEDULE_MARGIN_MS = 60_000;

export type StatusDecision = { readonly status: PostStatus; readonly note?: string } | { readonly skip: string };

export function decideStatus(item: WxrItem, publishedAt: string | undefined, now: number): StatusDecision {
  const ahead = publishedAt !== undefined && Date.parse(publishedAt) - now >= SCHEDULE_MARGIN_MS;
  switch (item.status) {
    case 'trash':
      return { skip: 'in the WordPress trash' };
    case 'auto-draft':
      return { skip: 'an empty draft WordPress started on its own' };
    case 'inherit':
      return { skip: 'a revision of another post' };
  }
  if (item.status === 'publish' || item.status === 'future') return { status: ahead ? 'scheduled' : 'published' };
  if (item.status === 'private') return { status: 'draft', note: 'private in WordPress; kept as a draft so visitors cannot see it' };
  if (item.status === 'pending') return { status: 'draft', note: 'pending review in WordPress; kept as a draft' };
  return { status: 'draft' };
}

/** Back to WordPress: the original status when Guild's still says the same thing. */
export function wordpressStatus(status: PostStatus, original: string | undefined): string {
  if (status === 'published') return 'publish';
  if (status === 'scheduled') return 'future';
  return original === 'pending' || original === 'private' ? original : 'draft';
}

export function commentStatus(approved: string): CommentStatus {
  if (approved === '1') return 'approved';
  if (approved === 'spam') return 'spam';
  if (approved === 'trash' || approved === 'post-trashed') return 'trash';
  return 'pending';
}

export function wordpressApproved(status: CommentStatus): string {
  return status === 'approved' ? '1' : status === 'pending' ? '0' : status;
}

/** Underscored (hidden) fields that still carry content: page templates and SEO titles and descriptions. */
const HIDDEN_BUT_CONTENT = /^_(wp_page_template|yoast_wpseo_(title|metadesc|focuskw|canonical|meta-robots-noindex)|aioseo_(title|description)|aioseop_(title|description)|rank_math_(title|description|focus_keyword)|genesis_(title|description))$/;
/** Fields the importer turns into something else (the featured image, attachment details). */
export const CONSUMED_META = new Set(['_thumbnail_id', '_wp_attachment_image_alt', '_wp_attached_file', '_wp_attachment_metadata']);

export type MetaDecision = 'keep' | 'consumed' | 'bookkeeping';

export function decideMeta(key: string): MetaDecision {
  if (CONSUMED_META.has(key) || key.startsWith('_menu_item_')) return 'consumed';
  if (!key.startsWith('_') || HIDDEN_BUT_CONTENT.test(key)) return 'keep';
  return 'bookkeeping';
}
