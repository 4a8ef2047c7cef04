/**
 * Usage: <a href="{{website}}">{{readable_url website}}</a>
 * A web address as people write it: without "https://", "www." or a trailing slash.
 */
import { paramsOf } from './shared.ts';

export function readable_url(...args: unknown[]): string {
  const [url] = paramsOf(args);
  if (typeof url !== 'string') return '';
  return url.trim().replace(/^[a-z]+:\/\//i, '').replace(/^www\./i, '').replace(/\/$/, '');
}
