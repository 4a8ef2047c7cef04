/**
 * Usage: {{comments}} where a post's comments go; {{comment_count}} or
 *        {{comment_count empty="No comments" singular="comment" plural="comments"}}
 * Ghost's comment helpers, showing Guild's own comments: {{comments}} places the threaded
 * comments and the form the site built for this post (nothing when the site has comments off or
 * on pages without them); {{comment_count}} says how many are shown.
 */
import { SafeString, escapeExpression, optionsOf } from './shared.ts';

export function comments(...args: unknown[]): SafeString {
  return new SafeString(optionsOf(args).data.guild.comments ?? '');
}

export function comment_count(...args: unknown[]): string {
  const { hash, data } = optionsOf(args);
  const count = data.guild.commentCount;
  if (count === undefined) return '';
  if (count === 0) return escapeExpression(String(hash.empty ?? 'No comments'));
  return `${count} ${escapeExpression(String(count === 1 ? (hash.singular ?? 'comment') : (hash.plural ?? 'comments')))}`;
}
