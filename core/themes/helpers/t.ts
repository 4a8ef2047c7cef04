/**
 * Usage: {{t "Read more"}}, {{t "{count} posts" count=pagination.total}}, {{t "By {name}" name=primary_author.name}}
 * A phrase in the site's language from the theme's locales/<language>.json (the site's locale,
 * then its base language, then en.json); `{name}` placeholders take the named arguments.
 */
import { optionsOf, paramsOf } from './shared.ts';

export function t(...args: unknown[]): string {
  const { hash, data } = optionsOf(args);
  const [phrase] = paramsOf(args);
  if (phrase === undefined || phrase === null) return '';
  return data.theme.translate(String(phrase)).replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in hash ? String(hash[name] ?? '') : placeholder));
}
