/**
 * Usage: {{pagination}}
 * Newer and older links for a listing, through the theme's partials/pagination.hbs when it has
 * one (Guild's default otherwise), with page, pages, prev, next and total.
 */
import { SafeString, optionsOf } from './shared.ts';

export function pagination(this: { pagination?: unknown }, ...args: unknown[]): SafeString {
  const { data } = optionsOf(args);
  const context = this.pagination ?? data.root.pagination;
  if (!context) return new SafeString('');
  return new SafeString(data.theme.renderPartial('pagination', context, data));
}
