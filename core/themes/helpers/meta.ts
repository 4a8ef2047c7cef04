/**
 * Usage: <title>{{meta_title}}</title>, <meta name="description" content="{{meta_description}}">
 * The page's title (the post's, the tag's with the site's, or the site's) and its description.
 */
import { optionsOf } from './shared.ts';

export function meta_title(...args: unknown[]): string {
  return optionsOf(args).data.guild.title;
}

export function meta_description(...args: unknown[]): string {
  return optionsOf(args).data.guild.description;
}
