/**
 * Usage: <html lang="{{lang}}">
 * The site's language as a BCP 47 tag ("en", "de-CH"), from site.json "locale".
 */
import { optionsOf } from './shared.ts';

export function lang(...args: unknown[]): string {
  return optionsOf(args).data.site.locale || 'en';
}
