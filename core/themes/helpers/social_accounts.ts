/**
 * Usage: {{#social_accounts @site}}<a href="{{href}}" aria-label="{{name}}">{{#> (concat "icons/" type)}}{{name}}{{/undefined}}</a>{{else}}…{{/social_accounts}}
 * Ghost's loop over a site's (or an author's) social profiles, in Ghost's order (X, Facebook,
 * LinkedIn, Bluesky, Threads, Mastodon, TikTok, YouTube, Instagram), each as `{type, name,
 * username, href}` with @index, @number, @first, @last. The site's profiles come from site.json
 * "social"; nothing set renders the {{else}} part.
 */
import { createFrame, optionsOf, paramsOf } from './shared.ts';
import { profileUrl } from './social_url.ts';

const PLATFORMS: ReadonlyArray<{ type: string; name: string; keys: readonly string[] }> = [
  { type: 'x', name: 'X', keys: ['twitter', 'x'] },
  { type: 'facebook', name: 'Facebook', keys: ['facebook'] },
  { type: 'linkedin', name: 'LinkedIn', keys: ['linkedin'] },
  { type: 'bluesky', name: 'Bluesky', keys: ['bluesky'] },
  { type: 'threads', name: 'Threads', keys: ['threads'] },
  { type: 'mastodon', name: 'Mastodon', keys: ['mastodon'] },
  { type: 'tiktok', name: 'TikTok', keys: ['tiktok'] },
  { type: 'youtube', name: 'YouTube', keys: ['youtube'] },
  { type: 'instagram', name: 'Instagram', keys: ['instagram'] },
];

export function social_accounts(this: unknown, ...args: unknown[]): string {
  const options = optionsOf(args);
  const [source] = paramsOf(args);
  if (typeof options.fn !== 'function') return '';
  const accounts = PLATFORMS.flatMap(({ type, name, keys }) => {
    const username = keys.map((key) => handleIn(source, key)).find((handle) => handle !== '');
    const href = username ? profileUrl(type, username) : '';
    return href ? [{ type, name, username, href }] : [];
  });
  if (accounts.length === 0) return options.inverse(this);
  return accounts
    .map((account, index) => {
      const data = createFrame({ ...options.data });
      Object.assign(data, { index, number: index + 1, first: index === 0, last: index === accounts.length - 1, even: index % 2 === 1, odd: index % 2 === 0 });
      return options.fn(account, { data });
    })
    .join('');
}

/** A handle from @site (its "social" map) or from an object that carries it directly (an author). */
function handleIn(source: unknown, key: string): string {
  if (!source || typeof source !== 'object') return '';
  const record = source as Record<string, unknown>;
  const social = record.social && typeof record.social === 'object' ? (record.social as Record<string, unknown>)[key] : undefined;
  const value = social ?? record[key];
  return typeof value === 'string' ? value.trim() : '';
}
