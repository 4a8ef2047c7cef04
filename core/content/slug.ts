import anyAscii from 'any-ascii';

/**
 * Turns a title into a URL slug: "Crème Brûlée & Co." → "creme-brulee-and-co", "επίπεδο 2" → "epipedo-2",
 * "Привет" → "privet". Every script is transliterated to Latin letters (any-ascii) rather than kept
 * in Unicode as WordPress does: a link pasted into a mail or a chat then stays readable instead of
 * turning into %CE%B5%CF%80..., every tool and theme filter (`tag:epipedo-2`) handles it, and a slug
 * is always one plain path segment. Old Unicode URLs of an imported site are redirected.
 *
 * A leading "#" (Ghost's internal tags, "#featured") becomes "hash-", so themes can filter on
 * "tag:hash-featured". With a `noun` ("post", "page"), a slug that would be only a number is
 * prefixed with it ("post-2024"), so it can never be mistaken for a dated archive or an id.
 */
export function slugify(text: string, noun?: string): string {
  const slug = slugWords(text);
  if (!slug) return noun ?? 'untitled';
  return noun && /^[0-9-]+$/.test(slug) ? `${noun}-${slug}` : slug;
}

/** The words of a slug, or '' when the text has nothing to make one of (only punctuation, say). */
export function slugWords(text: string): string {
  if (/^\s*#/.test(text)) return `hash-${slugify(text.replace(/^\s*#+/, ''))}`;
  return anyAscii(text.normalize('NFC'))
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The first of `base`, `base-2`, `base-3` ... that `taken` does not claim. */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
