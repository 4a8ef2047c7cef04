/**
 * Usage: {{plural pagination.total empty="No posts" singular="% post" plural="% posts"}}
 * Picks the wording for a count; "%" stands for the number.
 */
import { optionsOf } from './shared.ts';

export function plural(count: unknown, ...rest: unknown[]): string {
  const { hash } = optionsOf(rest);
  const number = Number(count) || 0;
  const wording = number === 0 ? (hash.empty ?? hash.plural) : number === 1 ? hash.singular : hash.plural;
  return String(wording ?? '').replace('%', String(number));
}
