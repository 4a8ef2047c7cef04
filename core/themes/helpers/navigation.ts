/**
 * Usage: {{navigation}}
 * The site's menu, through the theme's partials/navigation.hbs when it has one (Guild's default
 * otherwise). Each item has label, url, slug and current.
 */
import { SafeString, optionsOf } from './shared.ts';

export function navigation(...args: unknown[]): SafeString {
  const { data } = optionsOf(args);
  return new SafeString(data.theme.renderPartial('navigation', { navigation: data.site.navigation }, data));
}
