/**
 * Turns a title into a URL slug: "Crème Brûlée & Co." → "creme-brulee-co". A leading "#" (Ghost's
 * internal tags, "#featured") becomes "hash-", so themes can filter on "tag:hash-featured".
 */
export function slugify(text: string): string {
  if (/^\s*#/.test(text)) return `hash-${slugify(text.replace(/^\s*#+/, ''))}`;
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'untitled';
}

/** The first of `base`, `base-2`, `base-3` ... that `taken` does not claim. */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
