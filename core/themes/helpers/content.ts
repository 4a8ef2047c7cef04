/**
 * Usage: {{content}} or {{content words="100"}}
 * The post's HTML body; with `words`, its text cut to that many words.
 */
import { SafeString, escapeExpression, optionsOf, htmlToText, toInteger, truncateWords } from './shared.ts';

export function content(this: { html?: unknown }, ...args: unknown[]): SafeString {
  const { hash } = optionsOf(args);
  const html = typeof this.html === 'string' ? this.html : '';
  if (hash.words === undefined) return new SafeString(html);
  return new SafeString(`<p>${escapeExpression(truncateWords(htmlToText(html), toInteger(hash.words, 50)))}</p>`);
}
