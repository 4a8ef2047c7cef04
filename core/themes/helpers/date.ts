/**
 * Usage: {{date}}, {{date published_at format="D MMMM YYYY"}}, {{date timeago="true"}}
 * A date in the site's time zone. Without a date it takes the post's published_at (or now);
 * the format uses Moment/Day.js tokens, "ll" (e.g. "Nov 26, 2026") by default, as in Ghost.
 */
import dayjs from 'dayjs';
import advancedFormat from 'dayjs/plugin/advancedFormat.js';
import localizedFormat from 'dayjs/plugin/localizedFormat.js';
import relativeTime from 'dayjs/plugin/relativeTime.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { optionsOf } from './shared.ts';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);
dayjs.extend(advancedFormat);

export function date(this: { published_at?: unknown }, ...args: unknown[]): string {
  const options = optionsOf(args);
  const given = args.length > 1 ? args[0] : (this.published_at ?? undefined);
  const when = given === undefined || given === null ? dayjs() : dayjs(given as string | Date);
  if (!when.isValid()) return '';
  if (options.hash.timeago) return when.fromNow();
  const zone = options.data.site.timezone || 'UTC';
  return when.tz(zone).format(typeof options.hash.format === 'string' ? options.hash.format : 'll');
}
