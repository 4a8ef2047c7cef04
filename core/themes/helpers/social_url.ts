/**
 * Usage: {{social_url type="instagram"}}, {{twitter_url}}, {{facebook_url}}, {{twitter_url "guild"}}
 * The address of a social profile: the one in context (an author's `twitter` ...) or the site's,
 * from site.json "social" ({"instagram": "harbourbakery"}); a handle becomes the network's URL,
 * a full URL is kept. Networks: facebook, twitter (x), instagram, linkedin, bluesky, threads,
 * mastodon, tiktok, youtube. Renders nothing when there is no profile.
 */
import { optionsOf, paramsOf } from './shared.ts';

const PROFILE: Readonly<Record<string, (handle: string) => string>> = {
  facebook: (handle) => `https://www.facebook.com/${handle}`,
  twitter: (handle) => `https://x.com/${handle.replace(/^@/, '')}`,
  x: (handle) => `https://x.com/${handle.replace(/^@/, '')}`,
  instagram: (handle) => `https://www.instagram.com/${handle.replace(/^@/, '')}`,
  linkedin: (handle) => `https://www.linkedin.com/in/${handle}`,
  bluesky: (handle) => `https://bsky.app/profile/${handle.replace(/^@/, '')}`,
  threads: (handle) => `https://www.threads.net/@${handle.replace(/^@/, '')}`,
  mastodon: (handle) => {
    const [user, server] = handle.replace(/^@/, '').split('@');
    return server ? `https://${server}/@${user}` : '';
  },
  tiktok: (handle) => `https://www.tiktok.com/@${handle.replace(/^@/, '')}`,
  youtube: (handle) => `https://www.youtube.com/${handle.startsWith('@') ? handle : `@${handle}`}`,
};

export function social_url(this: Record<string, unknown>, ...args: unknown[]): string {
  const { hash, data } = optionsOf(args);
  const type = String(hash.type ?? '').toLowerCase();
  const own = this?.[type];
  return profileUrl(type, typeof own === 'string' && own !== '' ? own : data.site.social[type]);
}

export function twitter_url(this: Record<string, unknown>, ...args: unknown[]): string {
  return named('twitter', this, args);
}

export function facebook_url(this: Record<string, unknown>, ...args: unknown[]): string {
  return named('facebook', this, args);
}

function named(type: string, context: Record<string, unknown>, args: unknown[]): string {
  const { data } = optionsOf(args);
  const [given] = paramsOf(args);
  const own = context?.[type];
  return profileUrl(type, typeof given === 'string' ? given : typeof own === 'string' && own !== '' ? own : data.site.social[type]);
}

/** The profile URL for a handle on a network (a full URL is kept); empty when there is none. */
export function profileUrl(type: string, handle: string | undefined): string {
  if (!handle) return '';
  if (/^https?:\/\//.test(handle)) return handle;
  const build = PROFILE[type];
  return build ? build(encodeURI(handle.trim())) : '';
}
