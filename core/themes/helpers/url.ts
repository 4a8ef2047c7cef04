/**
 * Usage: {{url}}, {{url absolute="true"}}
 * The URL of the post, page, tag, author or menu item in context; absolute with the site's address.
 */
import { optionsOf } from './shared.ts';

export function url(this: { url?: unknown }, ...args: unknown[]): string {
  const { hash, data } = optionsOf(args);
  const relative = typeof this.url === 'string' ? this.url : '/';
  if (!hash.absolute || /^[a-z]+:/i.test(relative)) return relative;
  return `${data.site.url}${relative.startsWith('/') ? '' : '/'}${relative}`;
}
