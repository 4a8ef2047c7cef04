/**
 * Usage: {{#foreach posts limit="3" from="2" to="6" columns="3"}}...{{else}}No posts{{/foreach}},
 *        {{#foreach tags visibility="all"}}...{{/foreach}}, {{#foreach posts as |post index|}}
 * Like {{#each}}, with Ghost's extra data: @index, @number (1-based), @first, @last, @odd, @even,
 * @rowStart and @rowEnd (with `columns`), and @key for objects. `from` and `to` are 1-based.
 * Internal tags (named "#...") are left out unless `visibility` says "all" or "internal".
 */
import { createFrame, optionsOf, toInteger, visible } from './shared.ts';

export function foreach(this: unknown, items: unknown, ...rest: unknown[]): string {
  const options = optionsOf(rest);
  const all: Array<[string | number, unknown]> = Array.isArray(items)
    ? items.map((item, index) => [index, item])
    : items && typeof items === 'object'
      ? Object.entries(items)
      : [];
  const shown = new Set(visible(all.map(([, value]) => value), options.hash.visibility));
  const entries = all.filter(([, value]) => shown.has(value));
  // As in Ghost, @index, @first and @last count within the whole list, not only the part shown.
  const from = Math.max(toInteger(options.hash.from, 1), 1);
  const limit = toInteger(options.hash.limit, entries.length);
  const to = Math.min(toInteger(options.hash.to, entries.length), entries.length, from - 1 + limit);
  if (entries.length === 0 || to < from) return options.inverse(this);

  const columns = toInteger(options.hash.columns, 0);
  // One frame for the whole loop (createFrame copies the frame, with _parent pointing back at it),
  // its loop variables set again for each item, as Handlebars' own {{#each}} does: the item's
  // block has rendered before the next item's are set. A copy per item was most of this helper's time.
  const data = createFrame(options.data) as typeof options.data & LoopVariables;
  let output = '';
  for (let index = from - 1; index < to; index++) {
    const [key, value] = entries[index]!;
    data.key = key;
    data.index = index;
    data.number = index + 1;
    data.first = index === from - 1;
    data.last = index === to - 1;
    data.odd = index % 2 === 1;
    data.even = index % 2 === 0;
    data.rowStart = columns > 0 && index % columns === 0;
    data.rowEnd = columns > 0 && index % columns === columns - 1;
    output += options.fn(value, { data, blockParams: [value, key] });
  }
  return output;
}

/** What a loop adds to the data frame for each item: @key, @index, @number, @first ... */
interface LoopVariables {
  key: string | number;
  index: number;
  number: number;
  first: boolean;
  last: boolean;
  odd: boolean;
  even: boolean;
  rowStart: boolean;
  rowEnd: boolean;
}
