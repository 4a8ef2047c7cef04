/**
 * Usage: {{#has tag="news, #featured"}}, {{#has author="ingrid"}}, {{#has slug="about"}},
 *        {{#has id="4"}}, {{#has visibility="public"}}, {{#has number="nth:3"}} (inside foreach), {{#has index="0, 1"}},
 *        {{#has tag="count:>1"}}, {{#has any="feature_image, @custom.show_hero"}}, {{#has all="..."}}
 * True when the post in context has any of the tags (names or slugs) or authors, the slug or id,
 * the visibility (Ghost's "public", "members", "paid"; every Guild post is public),
 * or is at the position given (a list, or "nth:N" for every Nth); `any` and `all` test that the
 * named properties (or @data paths) are set. Several conditions must all hold. Works inline too.
 */
import { isBlock, listOf, optionsOf, type Options } from './shared.ts';

interface Named {
  name?: unknown;
  slug?: unknown;
}

export function has(this: Record<string, unknown>, ...args: unknown[]): unknown {
  const options = optionsOf(args);
  const { hash, data } = options;
  const checks: boolean[] = [];
  if (hash.tag !== undefined) checks.push(matchesList(asList(this.tags), String(hash.tag)));
  if (hash.author !== undefined) checks.push(matchesList(asList(this.authors), String(hash.author)));
  if (hash.slug !== undefined) checks.push(listOf(hash.slug).includes(String(this.slug ?? '')));
  if (hash.id !== undefined) checks.push(listOf(hash.id).includes(String(this.id ?? '')));
  if (hash.visibility !== undefined) checks.push(listOf(hash.visibility).includes(String(this.visibility ?? '')));
  if (hash.number !== undefined) checks.push(matchesPosition(Number((data as { number?: unknown }).number), String(hash.number)));
  if (hash.index !== undefined) checks.push(matchesPosition(Number((data as { index?: unknown }).index), String(hash.index)));
  if (hash.any !== undefined) checks.push(listOf(hash.any).some((path) => isSet(resolve(path, this, options))));
  if (hash.all !== undefined) checks.push(listOf(hash.all).every((path) => isSet(resolve(path, this, options))));
  const result = checks.length > 0 && checks.every(Boolean);
  if (!isBlock(options)) return result;
  return result ? options.fn(this) : options.inverse(this);
}

function asList(value: unknown): Named[] {
  return Array.isArray(value) ? (value as Named[]) : [];
}

/** "a, b" matches by name or slug, case-insensitively; "count:2", "count:>1", "count:<3" test how many. */
function matchesList(items: Named[], wanted: string): boolean {
  const count = /^count:([<>]?)(\d+)$/.exec(wanted.trim());
  if (count) {
    const [, operator, n] = count;
    return operator === '>' ? items.length > Number(n) : operator === '<' ? items.length < Number(n) : items.length === Number(n);
  }
  const names = new Set(listOf(wanted).map((name) => name.toLowerCase()));
  return items.some((item) => names.has(String(item.name ?? '').toLowerCase()) || names.has(String(item.slug ?? '').toLowerCase()));
}

function matchesPosition(position: number, wanted: string): boolean {
  if (!Number.isFinite(position)) return false;
  return listOf(wanted).some((part) => {
    const nth = /^nth:(\d+)$/.exec(part);
    return nth ? Number(nth[1]) > 0 && position % Number(nth[1]) === 0 : Number(part) === position;
  });
}

function resolve(path: string, context: Record<string, unknown>, options: Options): unknown {
  const [first, ...rest] = path.replace(/^@/, '').split('.');
  let value: unknown = path.startsWith('@') ? (options.data as unknown as Record<string, unknown>)[first!] : context[first!];
  for (const key of rest) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function isSet(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== false && value !== '';
}
