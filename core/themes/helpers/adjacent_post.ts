/**
 * Usage: {{#next_post}}<a href="{{url}}">{{title}}</a>{{/next_post}},
 *        {{#prev_post in="primary_tag"}}...{{else}}This is the first post{{/prev_post}}
 * Inside a post: the newer (next_post) or older (prev_post) published post, optionally only among
 * posts sharing its primary tag or primary author (`in="primary_tag"`, `"primary_author"`).
 * Fetched between render passes, like {{#get}}.
 */
import { optionsOf } from './shared.ts';

function adjacent(direction: 'next' | 'prev') {
  return function (this: { id?: unknown; type?: unknown; published_at?: unknown; primary_tag?: { slug?: unknown } | null; primary_author?: { slug?: unknown } | null }, ...args: unknown[]): string {
    const options = optionsOf(args);
    if (typeof options.fn !== 'function') return '';
    if (typeof this.id !== 'number' || typeof this.published_at !== 'string' || this.type === 'page') return options.inverse(this);
    const scope = String(options.hash.in ?? '');
    const field: 'primary_tag' | 'primary_author' | null = scope === 'primary_tag' ? 'primary_tag' : scope === 'primary_author' || scope === 'author' ? 'primary_author' : null;
    const slug = field ? this[field]?.slug : undefined;
    if (field && typeof slug !== 'string') return options.inverse(this);
    const within = field && typeof slug === 'string' ? { field, slug } : null;
    const answer = options.data.theme.requests.adjacent({ post: { id: this.id, publishedAt: this.published_at }, direction, within });
    if (!answer.ready) return '';
    return answer.value ? options.fn(answer.value) : options.inverse(this);
  };
}

export const next_post = adjacent('next');
export const prev_post = adjacent('prev');
