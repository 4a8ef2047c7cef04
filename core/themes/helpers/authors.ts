/**
 * Usage: {{authors}}, {{authors separator=" & " prefix="By " limit="2" autolink="false"}};
 *        {{author}} (the primary author, linked); {{#author}}{{name}}{{/author}} (its context)
 * The post's authors as links to their archives, joined with ", " by default. As a block,
 * {{#author}} renders with the author in context: the post's primary author, or on an author
 * archive the author the page is about.
 */
import { SafeString, escapeExpression, isBlock, isTrue, link, optionsOf } from './shared.ts';
import { linkedList } from './tags.ts';

interface Person {
  name?: unknown;
  url?: unknown;
}

export function authors(this: { authors?: unknown }, ...args: unknown[]): SafeString {
  return new SafeString(linkedList(Array.isArray(this.authors) ? this.authors : [], optionsOf(args).hash));
}

export function author(this: { author?: unknown; primary_author?: unknown }, ...args: unknown[]): SafeString | string {
  const options = optionsOf(args);
  const person = (this.author ?? this.primary_author) as Person | null | undefined;
  if (isBlock(options)) return person ? options.fn(person) : options.inverse(this);
  if (!person?.name) return '';
  const autolink = options.hash.autolink === undefined || isTrue(options.hash.autolink);
  return new SafeString(autolink ? link(String(person.url ?? '/'), String(person.name)) : escapeExpression(String(person.name)));
}
