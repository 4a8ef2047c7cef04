/**
 * Usage: {{date}}, {{date published_at format="D MMMM YYYY"}}, {{date timeago="true"}},
 *        {{date updated_at format="LL" locale="de" timezone="Europe/Berlin"}}
 * A date in the site's time zone and language (@site.timezone, @site.locale), unless `timezone`
 * or `locale` say otherwise. Without a date it takes the post's published_at (or now); the format
 * uses Moment/Day.js tokens, "ll" (e.g. "Nov 26, 2026") by default, as in Ghost.
 */
import { createRequire } from 'node:module';
import dayjs from 'dayjs';
import { LRUCache } from 'lru-cache';
import advancedFormat from 'dayjs/plugin/advancedFormat.js';
import localizedFormat from 'dayjs/plugin/localizedFormat.js';
import relativeTime from 'dayjs/plugin/relativeTime.js';
import utc from 'dayjs/plugin/utc.js';
import { isTimeZone, offsetMinutes } from '../../time.ts';
import { isTrue, optionsOf, paramsOf } from './shared.ts';

dayjs.extend(utc);
dayjs.extend(relativeTime);
dayjs.extend(localizedFormat);
dayjs.extend(advancedFormat);

const require = createRequire(import.meta.url);

export function date(this: { published_at?: unknown }, ...args: unknown[]): string {
  const options = optionsOf(args);
  const [stored = this.published_at] = paramsOf(args);
  const language = String(options.hash.locale ?? options.data.site.locale ?? 'en');
  const requested = String(options.hash.timezone ?? options.data.site.timezone ?? 'UTC');
  const format = typeof options.hash.format === 'string' ? options.hash.format : 'll';
  const given = stored ?? thisSecond(format);
  // The same stored date in the same format, zone and language always reads the same: every card
  // of every listing asks for a handful of dates, and Day.js takes tens of microseconds per answer.
  // "Now" reads the same for a second, and only "time ago" moves with the clock.
  const constant = typeof given === 'string' && !isTrue(options.hash.timeago);
  const key = constant ? `${given}|${format}|${language}|${requested}` : '';
  const known = constant ? formatted.get(key) : undefined;
  if (known !== undefined) return known;
  const when = given === undefined || given === null ? dayjs() : dayjs(given as string | Date);
  if (!when.isValid()) return '';
  const locale = dayjsLocale(language);
  if (isTrue(options.hash.timeago)) return when.locale(locale).fromNow();
  const zone = isTimeZone(requested) ? requested : 'UTC';
  const text = when.utcOffset(offsetMinutes(when.toDate(), zone)).locale(locale).format(format);
  if (constant) formatted.set(key, text);
  return text;
}

const formatted = new LRUCache<string, string>({ max: 5000 });

/**
 * "Now" to the second, as a stored date, for formats that show no fraction of a second ("SSS",
 * "x"): a footer's {{date format="YYYY"}} is then worked out once a second, not on every page.
 */
function thisSecond(format: string): string | undefined {
  if (/[Sx]/.test(format)) return undefined;
  const at = Math.floor(Date.now() / 1000);
  if (at !== now.at) now = { at, stored: new Date(at * 1000).toISOString() };
  return now.stored;
}

let now = { at: -1, stored: '' };


/**
 * The Day.js locale for a language tag ("de-CH" → "de-ch", else "de"), loaded on first use; "en"
 * when Day.js has none. Locale files are data that registers itself once per process.
 */
function dayjsLocale(tag: string): string {
  const parts = tag.toLowerCase().split('-');
  for (let length = parts.length; length > 0; length--) {
    const name = parts.slice(0, length).join('-');
    if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(name)) continue;
    if (name === 'en' || dayjs.Ls[name]) return name;
    try {
      require(`dayjs/locale/${name}.js`);
      return name;
    } catch {
      // No such Day.js locale: try the shorter tag.
    }
  }
  return 'en';
}
