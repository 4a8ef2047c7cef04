/**
 * Usage: {{#match @custom.header_style "Left aligned"}}...{{else}}...{{/match}},
 *        {{#match pagination.page ">" 1}}...{{/match}}
 * Compares two values: equal by default, or with one of = != < > <= >=. Also works inline,
 * returning true or false, e.g. {{#if (match a "!=" b)}}.
 */
import { optionsOf } from './shared.ts';

const compare: Readonly<Record<string, (a: unknown, b: unknown) => boolean>> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => Number(a) < Number(b),
  '>': (a, b) => Number(a) > Number(b),
  '<=': (a, b) => Number(a) <= Number(b),
  '>=': (a, b) => Number(a) >= Number(b),
};

export function match(this: unknown, ...args: unknown[]): unknown {
  const options = optionsOf(args);
  const values = args.slice(0, -1);
  const [left, operator, right] = values.length === 3 ? values : [values[0], '=', values[1]];
  const test = compare[String(operator)];
  const result = test ? test(normalize(left), normalize(right)) : false;
  if (typeof options.fn !== 'function') return result;
  return result ? options.fn(this) : options.inverse(this);
}

/** Template values arrive as strings, numbers or booleans; compare "true" with true as Ghost does. */
function normalize(value: unknown): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value ?? null;
}
