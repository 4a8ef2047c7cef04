/**
 * Usage: {{tags}}, {{tags separator=" · " prefix="Filed under " suffix="." limit="3" from="1" to="3"}},
 *        {{tags autolink="false"}}, {{tags visibility="all"}}
 * The post's tags as links to their archives (internal "#tags" left out unless `visibility` says
 * otherwise), joined with ", " by default. Renders nothing when the post has none.
 */
import { SafeString, escapeExpression, isTrue, link, optionsOf, slice, visible } from './shared.ts';

interface Linkable {
  name?: unknown;
  url?: unknown;
}

export function tags(this: { tags?: unknown }, ...args: unknown[]): SafeString {
  return new SafeString(linkedList(Array.isArray(this.tags) ? this.tags : [], optionsOf(args).hash));
}

/** What {{tags}} and {{authors}} share: filter, slice, link and join. */
export function linkedList(items: readonly unknown[], hash: Record<string, unknown>): string {
  const chosen = slice(visible(items, hash.visibility), hash) as Linkable[];
  if (chosen.length === 0) return '';
  const autolink = hash.autolink === undefined || isTrue(hash.autolink);
  const parts = chosen.map((item) => (autolink ? link(String(item.url ?? '/'), String(item.name ?? '')) : escapeExpression(String(item.name ?? ''))));
  const separator = hash.separator === undefined ? ', ' : String(hash.separator);
  return `${String(hash.prefix ?? '')}${parts.join(separator)}${String(hash.suffix ?? '')}`;
}
