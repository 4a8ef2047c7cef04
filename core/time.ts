/**
 * Time zones, without a time-zone library: whether a name is one the runtime knows (IANA names and
 * their aliases, e.g. both "Asia/Kolkata" and "Asia/Calcutta"), and a zone's offset from UTC at an
 * instant. One formatter per zone is kept, since creating them is the slow part.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * How far `zone`'s clocks were from UTC at `instant`, in minutes, daylight saving included: the
 * wall-clock time there, read back as if it were UTC, minus the instant itself.
 */
export function offsetMinutes(instant: Date, zone: string): number {
  const part: Record<string, number> = {};
  for (const { type, value } of formatterFor(zone).formatToParts(instant)) part[type] = Number(value);
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return Math.round((wall - (instant.getTime() - instant.getUTCMilliseconds())) / 60_000);
}
