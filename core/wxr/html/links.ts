/**
 * Links between the old site's own pages, rewritten to where the same content lives now: a
 * WordPress permalink (`https://old.example/2019/05/04/hello/`), a short link (`/?p=12`), a
 * category or tag archive. Links elsewhere, and images (rewritten when files are fetched), stay.
 */

/** The origins kind under which an import records the old site's addresses. */
export const OLD_URL_KIND = 'url';

/** Query parameters WordPress routes by; others (tracking, say) do not change the target. */
const ROUTING_QUERY = ['p', 'page_id', 'attachment_id', 'cat', 'tag'];

export class LinkMap {
  readonly #hosts: Set<string>;
  readonly #base: URL;
  readonly #targets = new Map<string, string>();

  /** `siteUrls`: every address the old site answered at (blog URL first). */
  constructor(siteUrls: readonly string[]) {
    const urls = siteUrls.flatMap((url) => parse(url) ?? []);
    this.#base = urls[0] ?? new URL('http://old.invalid/');
    this.#hosts = new Set(urls.map((url) => bareHost(url.host)));
  }

  /** The blog's path, e.g. "/blog" or "". */
  get basePath(): string {
    return this.#base.pathname.replace(/\/+$/, '');
  }

  add(url: string, target: string): void {
    const key = this.#key(url);
    if (key !== undefined && !this.#targets.has(key)) this.#targets.set(key, target);
  }

  /** Where a link of the old site points now, with its #fragment; undefined if not ours. */
  resolve(url: string): string | undefined {
    const key = this.#key(url);
    const target = key === undefined ? undefined : this.#targets.get(key);
    if (target === undefined) return undefined;
    const hash = url.indexOf('#');
    return hash === -1 ? target : `${target}${url.slice(hash)}`;
  }

  rewrite(html: string, rewritten?: () => void): string {
    return html.replace(/(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2/gi, (whole, before: string, quote: string, href: string) => {
      const target = this.resolve(href.replace(/&amp;/g, '&').replace(/&#0?38;/g, '&'));
      if (target === undefined) return whole;
      rewritten?.();
      return `${before}${quote}${target}${quote}`;
    });
  }

  #key(raw: string): string | undefined {
    const trimmed = raw.trim();
    if (!trimmed || /^(mailto|tel|javascript|data):/i.test(trimmed) || trimmed.startsWith('#')) return undefined;
    let url: URL;
    try {
      url = new URL(trimmed, this.#base);
    } catch {
      return undefined;
    }
    if (!/^https?:$/.test(url.protocol) || !this.#hosts.has(bareHost(url.host))) return undefined;
    return oldUrlKey(url.pathname, url.searchParams);
  }

  /** Every old address on the blog's own path, as a key relative to it (`/2013/01/05/hello`, `?p=12`), and its target. */
  *oldPaths(): Generator<[key: string, target: string]> {
    const base = this.basePath.toLowerCase();
    for (const [key, target] of this.#targets) {
      if (base && !(key === base || key.startsWith(`${base}/`) || key.startsWith(`${base}?`))) continue;
      yield [key.slice(base.length), target];
    }
  }
}

/**
 * An old address as WordPress told pages apart: the path without case, escapes or a trailing
 * slash, and only the query parameters it routes by (`?p=12`), so tracking parameters do not matter.
 */
export function oldUrlKey(pathname: string, query: URLSearchParams): string {
  const routing = ROUTING_QUERY.filter((name) => query.has(name)).map((name) => `${name}=${query.get(name)}`);
  let path = pathname.replace(/\/+$/, '').toLowerCase();
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape stays as written.
  }
  return `${path}${routing.length ? `?${routing.join('&')}` : ''}`;
}

/** Whether a request's query names a WordPress page (`?p=12`), so the path alone does not say what it asks for. */
export function asksByWordPressQuery(query: URLSearchParams): boolean {
  return ROUTING_QUERY.some((name) => query.has(name));
}

function parse(url: string): URL | undefined {
  try {
    return url ? new URL(url) : undefined;
  } catch {
    return undefined;
  }
}

function bareHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}
