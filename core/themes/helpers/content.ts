/**
 * Usage: {{content}}, {{content words="100"}}, {{content characters="400"}}
 * The post's HTML body. With `words` or `characters` it is cut to that much text, keeping the
 * markup of what remains and closing every element left open, as Ghost does.
 */
import { SafeString, optionsOf, toInteger, truncateHtml } from './shared.ts';

export function content(this: { html?: unknown }, ...args: unknown[]): SafeString {
  const { hash } = optionsOf(args);
  const html = typeof this.html === 'string' ? this.html : '';
  if (hash.words !== undefined) return new SafeString(truncateHtml(html, { words: toInteger(hash.words, 0) }));
  if (hash.characters !== undefined) return new SafeString(truncateHtml(html, { characters: toInteger(hash.characters, 0) }));
  return new SafeString(html);
}
