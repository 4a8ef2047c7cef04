/**
 * The one place that decides whether a link someone typed stays on this site or is safe to show:
 * menu items, URL and image fields of content types, a form's return address, the private page's
 * return. Browsers read "/\evil.example", "//evil.example" and "/<tab>/evil.example" as another
 * host, so a site path is checked the way a browser reads it (the WHATWG URL parser), not by
 * its first character. Pure functions, bundled into plugins through the SDK.
 */

/** Anything a browser skips or stops at inside a URL: controls, spaces, DEL. */
const INVISIBLE = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/;

/**
 * True for a path on this site ("/about/", "/tag/news/?page=2#top") that no browser reads as another
 * host. This is the WHATWG parser's own rule: a browser drops tabs and newlines and trims controls
 * and spaces (so none may be there at all), and after one "/" only a second "/" or "\\" starts a host.
 * No URL object is needed, so the same check runs in a plugin's sandbox, which has none.
 */
export function isSitePath(value: string): boolean {
  return value.startsWith('/') && value[1] !== '/' && value[1] !== '\\' && !INVISIBLE.test(value);
}

/** True for a link an editor may publish: a site path, a #fragment, an http(s) address, mailto: or tel:. */
export function isSafeLink(value: string): boolean {
  if (isSitePath(value)) return true;
  if (INVISIBLE.test(value)) return false;
  if (/^#[^#]*$/.test(value)) return true;
  if (/^(mailto|tel):[^/]/i.test(value)) return true;
  if (!/^https?:\/\/[^/\\]/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The value when it is a path on this site, else the fallback (for "return to" addresses). */
export function sitePathOr(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && isSitePath(value) ? value : fallback;
}
