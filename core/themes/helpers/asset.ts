/**
 * Usage: {{asset "css/screen.css"}}
 * The URL of a file in the theme's assets/ folder, with a version that changes when the theme's
 * assets change, so browsers may cache it for a year.
 */
import { SafeString, optionsOf } from './shared.ts';

export function asset(file: unknown, ...rest: unknown[]): SafeString {
  const { data } = optionsOf(rest);
  const clean = String(file).replace(/^\/+/, '').replace(/^assets\//, '');
  return new SafeString(`/assets/${encodeURI(clean)}?v=${data.theme.assetVersion}`);
}
