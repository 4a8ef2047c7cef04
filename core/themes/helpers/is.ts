/**
 * Usage: {{#is "home"}}...{{else}}...{{/is}}, {{#is "post, page"}}...{{/is}}
 * True when the page is any of the listed contexts: home, index, post, page, tag, author, paged,
 * error. Works inline too: {{#if (is "home")}}.
 */
import { isBlock, listOf, optionsOf } from './shared.ts';

export function is(this: unknown, contexts: unknown, ...rest: unknown[]): unknown {
  const options = optionsOf(rest);
  const current = options.data.guild.contexts;
  const result = listOf(contexts).some((context) => current.includes(context));
  if (!isBlock(options)) return result;
  return result ? options.fn(this) : options.inverse(this);
}
