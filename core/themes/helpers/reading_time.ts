/**
 * Usage: {{reading_time}}, {{reading_time minute="Only a minute" minutes="Takes % minutes"}}
 * How long the post in context takes to read ("1 min read", "4 min read"): 275 words a minute
 * plus a little for each image, as Ghost counts it, unless the post already carries a
 * `reading_time` in minutes (a plugin may set one through `page:context`, e.g. guild.seo with the
 * site's own reading speed). "%" stands for the number of minutes.
 */
import { optionsOf, readingTime } from './shared.ts';

export function reading_time(this: { html?: unknown; reading_time?: unknown }, ...args: unknown[]): string {
  const { hash } = optionsOf(args);
  if (typeof this.html !== 'string') return '';
  const minutes = typeof this.reading_time === 'number' ? this.reading_time : readingTime(this.html);
  const wording = minutes === 1 ? String(hash.minute ?? '1 min read') : String(hash.minutes ?? '% min read');
  return wording.replace('%', String(minutes));
}
