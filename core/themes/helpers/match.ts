/**
 * Usage: {{#match @custom.header_style "Left aligned"}}...{{else}}...{{/match}},
 *        {{#match pagination.page ">" 1}}...{{/match}}, {{#match title "~" "bread"}},
 *        {{#match feature_image}}...{{/match}}
 * Compares two values: equal by default, or with one of = != < > <= >= ~ (contains) ~^ (starts
 * with) ~$ (ends with). With one value, tests that it is set. Works inline, returning true or
 * false, e.g. {{#if (match a "!=" b)}}.
 */
import { isBlock, optionsOf, paramsOf } from './shared.ts';

const compare: Readonly<Record<string, (a: unknown, b: unknown) => boolean>> = {
  '=': (a, b) => a === b || (typeof a !== typeof b && String(a) === String(b)),
  '!=': (a, b) => !compare['=']!(a, b),
  '<': (a, b) => Number(a) < Number(b),
  '>': (a, b) => Number(a) > Number(b),
  '<=': (a, b) => Number(a) <= Number(b),
  '>=': (a, b) => Number(a) >= Number(b),
  '~': (a, b) => String(a ?? '').includes(String(b ?? '')),
  '~^': (a, b) => String(a ?? '').startsWith(String(b ?? '')),
  '~$': (a, b) => String(a ?? '').endsWith(String(b ?? '')),
};

export function match(this: unknown, ...args: unknown[]): unknown {
  const options = optionsOf(args);
  const values = paramsOf(args).map(normalize);
  let result: boolean;
  if (values.length === 1) result = Boolean(values[0]) && !(Array.isArray(values[0]) && values[0].length === 0);
  else {
    const [left, operator, right] = values.length === 3 ? values : [values[0], '=', values[1]];
    const test = compare[String(operator)];
    result = test ? test(left, right) : false;
  }
  if (!isBlock(options)) return result;
  return result ? options.fn(this) : options.inverse(this);
}

/** Template values arrive as strings, numbers or booleans; compare "true" with true as Ghost does. */
function normalize(value: unknown): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (value && typeof value === 'object' && 'toHTML' in value) return String(value);
  return value ?? null;
}
