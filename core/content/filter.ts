/**
 * Ghost's filter language (NQL), the part themes use: `tag:news`, `featured:true`, `id:-5`,
 * `tags:[coffee,bread]`, `published_at:>'2026-01-01'`, `title:~'bread'`, joined with `+` (and)
 * and `,` (or), grouped with parentheses. Parsing is kept apart from SQL so that any store can
 * compile the same tree for its own database.
 */

export type FilterValue = string | number | boolean | null;

/** `=` equal, `>` `<` `>=` `<=` compare, `~` contains, `~^` starts with, `~$` ends with. */
export type FilterOperator = '=' | '>' | '<' | '>=' | '<=' | '~' | '~^' | '~$';

export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly nodes: readonly FilterNode[] }
  | {
      readonly kind: 'compare';
      readonly field: string;
      readonly operator: FilterOperator;
      /** One value, or several for `field:[a,b]` (any of them). */
      readonly values: readonly FilterValue[];
      /** `field:-value`: not equal, not in the list. */
      readonly negated: boolean;
    };

export class FilterSyntaxError extends Error {}

const OPERATORS: readonly FilterOperator[] = ['~^', '~$', '>=', '<=', '~', '>', '<'];
const BARE_END = /[,+()[\]]/;

/** Parses a filter; throws FilterSyntaxError naming the position and what was expected. */
export function parseFilter(source: string): FilterNode {
  let at = 0;

  const fail = (expected: string): never => {
    const found = at < source.length ? `"${source[at]}"` : 'the end';
    throw new FilterSyntaxError(`expected ${expected} at character ${at + 1}, found ${found}`);
  };
  const skipSpaces = () => {
    while (source[at] === ' ') at++;
  };

  const literal = (): FilterValue => {
    skipSpaces();
    const quote = source[at];
    if (quote === "'" || quote === '"') {
      const end = source.indexOf(quote, at + 1);
      if (end === -1) fail(`a closing ${quote}`);
      const text = source.slice(at + 1, end);
      at = end + 1;
      return text;
    }
    const start = at;
    while (at < source.length && !BARE_END.test(source[at]!)) at++;
    const word = source.slice(start, at).trim();
    if (word === '') fail('a value');
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    return /^-?\d+(\.\d+)?$/.test(word) ? Number(word) : word;
  };

  const comparison = (): FilterNode => {
    skipSpaces();
    const match = /^[a-z_][a-z0-9_.]*/i.exec(source.slice(at));
    if (!match) fail('a field name such as tag or featured');
    const field = match![0];
    at += field.length;
    if (source[at] !== ':') fail(`":" after "${field}"`);
    at++;
    const negated = source[at] === '-' ? (at++, true) : false;
    const operator = OPERATORS.find((candidate) => source.startsWith(candidate, at)) ?? '=';
    if (operator !== '=') at += operator.length;
    skipSpaces();
    if (source[at] !== '[') return { kind: 'compare', field, operator, values: [literal()], negated };
    at++;
    skipSpaces();
    // An empty list matches nothing (`tags:[]`, what `tags:[{{post.tags}}]` becomes for a post without tags).
    if (source[at] === ']') {
      at++;
      return { kind: 'compare', field, operator, values: [], negated };
    }
    const values = [literal()];
    while (source[at] === ',') {
      at++;
      values.push(literal());
    }
    if (source[at] !== ']') fail('"]" to close the list');
    at++;
    return { kind: 'compare', field, operator, values, negated };
  };

  const term = (): FilterNode => {
    skipSpaces();
    if (source[at] !== '(') return comparison();
    at++;
    const inner = either();
    skipSpaces();
    if (source[at] !== ')') fail('")"');
    at++;
    return inner;
  };

  const both = (): FilterNode => {
    const nodes = [term()];
    while (source[at] === '+') {
      at++;
      nodes.push(term());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes };
  };

  const either = (): FilterNode => {
    const nodes = [both()];
    while (source[at] === ',') {
      at++;
      nodes.push(both());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'or', nodes };
  };

  const tree = either();
  skipSpaces();
  if (at < source.length) fail('"+", "," or the end');
  return tree;
}
