/**
 * Usage: {{page_url 2}}, {{page_url pagination.next}}, {{page_url "prev"}}
 * The URL of a page of the current listing: "/page/2/", "/tag/news/page/2/" ...
 */
import type { PaginationView } from '../../hooks/index.ts';
import { optionsOf } from './shared.ts';

export function page_url(this: unknown, page: unknown, ...rest: unknown[]): string {
  const { data } = optionsOf(rest);
  const pagination = data.root.pagination as PaginationView | undefined;
  const number = page === 'next' ? pagination?.next : page === 'prev' ? pagination?.prev : Number(page);
  const base = data.guild.listingPath;
  return !number || number <= 1 ? base : `${base}page/${number}/`;
}
