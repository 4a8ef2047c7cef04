/**
 * Usage: {{navigation}}, {{navigation type="secondary"}}
 * The site's primary (or secondary) menu, through the theme's partials/navigation.hbs when it has
 * one (Guild's default otherwise). The partial gets `navigation` (items with label, url, slug and
 * current) and `isSecondary`. Renders nothing when the menu is empty.
 */
import { SafeString, optionsOf } from './shared.ts';

export function navigation(...args: unknown[]): SafeString {
  const { data, hash } = optionsOf(args);
  const isSecondary = hash.type === 'secondary';
  const items = isSecondary ? data.site.secondary_navigation : data.site.navigation;
  if (items.length === 0) return new SafeString('');
  return new SafeString(data.theme.renderPartial('navigation', { navigation: items, isSecondary }, data));
}
