/**
 * Usage: {{#primary_tag}}<a href="{{url}}">{{name}}</a>{{/primary_tag}}, {{primary_tag}};
 *        {{#primary_author}}{{name}}{{/primary_author}}, {{primary_author}}
 * The post's first public tag and its first author. As a block, renders with it in context (or
 * the {{else}} part when there is none); inline, a link to its archive. {{primary_tag.name}}
 * and {{#if primary_tag}} read the property directly, as in Ghost.
 */
import { SafeString, isBlock, link, optionsOf } from './shared.ts';

interface Named {
  name?: unknown;
  url?: unknown;
}

function primary(field: 'primary_tag' | 'primary_author') {
  return function (this: Record<string, unknown>, ...args: unknown[]): SafeString | string {
    const options = optionsOf(args);
    const item = this[field] as Named | null | undefined;
    if (isBlock(options)) return item ? options.fn(item) : options.inverse(this);
    return item?.name ? new SafeString(link(String(item.url ?? '/'), String(item.name))) : '';
  };
}

export const primary_tag = primary('primary_tag');
export const primary_author = primary('primary_author');
