/**
 * A theme's translations from its locales/ folder (`de.json`, `pt-BR.json` ...), as Ghost themes
 * ship them: phrases in the theme's own language mapped to the site's. A site in "de-CH" reads
 * de-CH.json, then de.json, then en.json; a phrase found in none is shown as written.
 */
import type { LocaleFile } from './files.ts';

export class Translations {
  readonly #byLocale: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Each locale's fallback chain, worked out on its first phrase. */
  readonly #chains = new Map<string, readonly string[]>();

  constructor(files: ReadonlyMap<string, LocaleFile>) {
    const byLocale = new Map<string, Readonly<Record<string, string>>>();
    for (const [locale, file] of files) if (file.messages) byLocale.set(locale.toLowerCase(), file.messages);
    this.#byLocale = byLocale;
  }

  translate(locale: string, phrase: string): string {
    let chain = this.#chains.get(locale);
    if (!chain) this.#chains.set(locale, (chain = fallbacks(locale)));
    for (const candidate of chain) {
      const translated = this.#byLocale.get(candidate)?.[phrase];
      if (typeof translated === 'string' && translated !== '') return translated;
    }
    return phrase;
  }
}

function fallbacks(locale: string): string[] {
  const parts = locale.toLowerCase().split('-');
  const chain = parts.map((_, index) => parts.slice(0, parts.length - index).join('-'));
  return [...new Set([...chain, 'en'])];
}
