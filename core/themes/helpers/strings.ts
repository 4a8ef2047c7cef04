/**
 * Usage: {{concat "tag:" primary_tag.slug}}, {{concat "a" "b" separator=", "}},
 *        {{#foreach (split "bread, cake, coffee" separator=",")}}{{this}}{{/foreach}},
 *        {{#split @custom.keywords}}<li>{{this}}</li>{{/split}}
 * {{concat}} joins its arguments into one string (handy for building filters and classes);
 * {{split}} cuts a string into a list at `separator` ("," by default), trimming each item: a list
 * in a subexpression, or rendered once per item as a block (with @index, @first, @last).
 */
import { SafeString, createFrame, isBlock, optionsOf, paramsOf } from './shared.ts';

export function concat(...args: unknown[]): SafeString {
  const { hash } = optionsOf(args);
  const separator = hash.separator === undefined ? '' : String(hash.separator);
  return new SafeString(paramsOf(args).map((value) => (value === undefined || value === null ? '' : String(value))).join(separator));
}

export function split(this: unknown, ...args: unknown[]): unknown {
  const options = optionsOf(args);
  const [text] = paramsOf(args);
  const separator = options.hash.separator === undefined ? ',' : String(options.hash.separator);
  const items = String(text ?? '').split(separator).map((item) => item.trim()).filter(Boolean);
  if (!isBlock(options)) return items;
  if (items.length === 0) return options.inverse(this);
  return items
    .map((item, index) => options.fn(item, { data: Object.assign(createFrame({ ...options.data }), { index, first: index === 0, last: index === items.length - 1 }) }))
    .join('');
}
