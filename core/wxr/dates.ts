/**
 * WordPress keeps two dates per post: local time (post_date) and UTC (post_date_gmt). Drafts
 * often have no UTC date ("0000-00-00 00:00:00"); their local time is read in the site's time
 * zone, which the export does not say, so the importer is told it (the Guild site's own).
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

export interface ResolvedDate {
  readonly iso: string;
  /** True when only the local time was given and the time zone had to supply the offset. */
  readonly fromZone: boolean;
}

export function resolveDate(local: string, gmt: string, zone: string): ResolvedDate | undefined {
  if (isDate(gmt)) return { iso: dayjs.utc(gmt.replace(' ', 'T')).toISOString(), fromZone: false };
  if (isDate(local)) return { iso: dayjs.tz(local.replace(' ', 'T'), zone).toISOString(), fromZone: true };
  return undefined;
}

/** A UTC instant as WordPress writes it: local time in `zone` and UTC, "YYYY-MM-DD HH:mm:ss". */
export function wordpressDates(iso: string, zone: string): { local: string; gmt: string } {
  const instant = dayjs.utc(iso);
  return { local: instant.tz(zone).format('YYYY-MM-DD HH:mm:ss'), gmt: instant.format('YYYY-MM-DD HH:mm:ss') };
}

function isDate(text: string): boolean {
  const match = WP_DATE.exec(text.trim());
  return match !== null && match[1] !== '0000' && match[2] !== '00';
}
