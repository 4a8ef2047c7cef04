/**
 * Usage: {{#get "posts" filter="tag:work+featured:true" limit="3" order="published_at desc" as |projects|}}
 *          {{#foreach projects}}...{{/foreach}}
 *        {{else}}No projects yet{{/get}}
 * Reads posts, pages, tags or authors from the site: `filter` in Ghost's filter language, `limit`
 * (a number or "all"), `page`, `order`, `include` (tags and authors always come with posts; counts
 * with tags and authors). Inside, the results are the block's context under the resource's name
 * ({{#foreach posts}}) and `pagination`, or the block parameters `as |items pagination|`.
 * As in Ghost, `{{path}}` inside a filter reads the context: filter="tags:[{{post.tags}}]+id:-{{post.id}}"
 * (a list of tags or authors gives their slugs).
 * "tiers" and "newsletters" (features Guild does not have) answer the {{else}} part.
 * The engine fetches the data between render passes; see core/themes/README.md.
 */
import type { BrowseResource } from '../types.ts';
import { optionsOf, paramsOf, toInteger } from './shared.ts';

const RESOURCES: ReadonlySet<string> = new Set<BrowseResource>(['posts', 'pages', 'tags', 'authors']);

export function get(this: unknown, ...args: unknown[]): string {
  const options = optionsOf(args);
  const [resource] = paramsOf(args);
  if (typeof options.fn !== 'function' || !RESOURCES.has(String(resource))) return options.inverse?.(this) ?? '';
  const { hash } = options;
  const answer = options.data.theme.requests.browse({
    resource: String(resource) as BrowseResource,
    filter: hash.filter === undefined || hash.filter === null || hash.filter === '' ? null : resolvePaths(String(hash.filter), this, options.data),
    limit: hash.limit === 'all' ? 'all' : toInteger(hash.limit, 15),
    page: toInteger(hash.page, 1),
    order: typeof hash.order === 'string' && hash.order !== '' ? hash.order : null,
  });
  if (!answer.ready) return '';
  const result = answer.value;
  if (!result || result.items.length === 0) return options.inverse(this);
  const context = { [String(resource)]: result.items, pagination: result.pagination, meta: { pagination: result.pagination } };
  return options.fn(context, { data: options.data, blockParams: [result.items, result.pagination] });
}

/**
 * Fills `{{primary_tag.slug}}` or `{{@site.url}}` in a filter from the context or the data frame.
 * As in Ghost, a list gives its items joined with commas and an object (a tag, an author) its
 * slug, so `tags:[{{post.tags}}]` lists the post's tag slugs and `{{post.author}}` is a slug.
 */
function resolvePaths(filter: string, context: unknown, data: object): string {
  return filter.replace(/\{\{\s*(@?[\w.]+)\s*\}\}/g, (_, path: string) => {
    let value: unknown = path.startsWith('@') ? data : context;
    for (const key of path.replace(/^@/, '').split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return Array.isArray(value) ? value.map(filterText).join(',') : filterText(value);
  });
}

function filterText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return 'slug' in value ? String(value.slug) : '';
  return String(value);
}
