/**
 * The old site's files rewritten to their fetched copies here. WordPress links a file by its own
 * URL and by the resized copies it made of an image (`photo-300x200.jpg` beside `photo.jpg`),
 * over http or https: every one of those becomes the one copy fetched here. Other URLs stay.
 */

/** `-300x200` before the extension: a size WordPress cut from the original. */
const SIZE_SUFFIX = /-\d+x\d+(?=\.[a-z0-9]+$)/i;
const URL_ATTRIBUTE = /(\s(?:src|href|srcset|data-src|data-srcset)\s*=\s*)(["'])(.*?)\2/gi;

export class FileUrls {
  readonly #targets = new Map<string, string>();

  add(originalUrl: string, localUrl: string): void {
    const key = keyOf(originalUrl);
    if (key) this.#targets.set(key, localUrl);
  }

  get size(): number {
    return this.#targets.size;
  }

  /** Where a URL of the old site's files points now; undefined for any other URL. */
  resolve(url: string): string | undefined {
    const key = keyOf(url);
    return key === undefined ? undefined : (this.#targets.get(key) ?? this.#targets.get(key.replace(SIZE_SUFFIX, '')));
  }

  /** `html` with every attribute naming one of the files pointing at its copy; a srcset keeps its widths. */
  rewrite(html: string): string {
    if (!this.#targets.size) return html;
    return html.replace(URL_ATTRIBUTE, (whole, before: string, quote: string, value: string) => {
      const rewritten = /srcset/i.test(before) ? value.replace(/[^\s,]+(?=\s|,|$)/g, (candidate) => this.resolve(candidate) ?? candidate) : (this.resolve(value) ?? value);
      return rewritten === value ? whole : `${before}${quote}${rewritten}${quote}`;
    });
  }
}

function keyOf(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim().replace(/&amp;/g, '&'));
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return `${parsed.host.toLowerCase().replace(/^www\./, '')}${decodeURI(parsed.pathname)}`;
  } catch {
    return undefined;
  }
}
