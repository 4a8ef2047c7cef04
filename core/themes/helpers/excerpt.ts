/**
 * Usage: {{excerpt}}, {{excerpt words="30"}}, {{excerpt characters="140"}}
 * Plain text: the author's own excerpt, or the start of the post (50 words unless told otherwise).
 */
import { optionsOf, htmlToText, toInteger, truncateWords } from './shared.ts';

export function excerpt(this: { custom_excerpt?: unknown; excerpt?: unknown; html?: unknown }, ...args: unknown[]): string {
  const { hash } = optionsOf(args);
  // The author's excerpt is plain text already; the others are made from HTML.
  const own = typeof this.custom_excerpt === 'string' && this.custom_excerpt.trim() !== '' ? this.custom_excerpt.trim() : null;
  const source = [this.excerpt, this.html].find((value) => typeof value === 'string' && value.trim() !== '');
  const text = own ?? htmlToText(typeof source === 'string' ? source : '');
  if (hash.characters !== undefined) return text.slice(0, toInteger(hash.characters, text.length)).trimEnd();
  return truncateWords(text, toInteger(hash.words, 50));
}
