/**
 * Usage: {{#is "home"}}...{{else}}...{{/is}}, {{#is "post, page"}}...{{/is}}
 * True when the page is any of the listed contexts: home, index, post, page, tag, author, paged, error.
 */
import { optionsOf } from './shared.ts';

export function is(this: unknown, contexts: unknown, ...rest: unknown[]): string {
  const options = optionsOf(rest);
  const wanted = String(contexts ?? '').split(',').map((context) => context.trim());
  const current = options.data.guild.contexts;
  return wanted.some((context) => current.includes(context)) ? options.fn(this) : options.inverse(this);
}
