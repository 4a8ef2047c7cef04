/**
 * Usage: <body class="{{body_class}}">
 * Classes for the page's context (home-template, post-template, tag-news, paged ...), as the site
 * computed them through the `theme:body-class` filter.
 */
import { optionsOf } from './shared.ts';

export function body_class(...args: unknown[]): string {
  return optionsOf(args).data.guild.bodyClass;
}
