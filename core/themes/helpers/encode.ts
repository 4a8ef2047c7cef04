/**
 * Usage: <a href="https://twitter.com/share?text={{encode title}}&url={{url absolute="true"}}">
 * The value, escaped for use inside a URL.
 */
export function encode(value: unknown): string {
  return encodeURIComponent(String(value ?? ''));
}
