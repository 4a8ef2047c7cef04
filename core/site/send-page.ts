/**
 * Sending a page from the page cache: the encoding the browser accepts best (brotli, then gzip,
 * else as it is), an ETag per encoding, `304 Not Modified` when the browser has it already, and
 * Cache-Control that lets a CDN in front keep public pages (GUILD_CDN_MAX_AGE). Pages only this
 * visitor may see never come here: they go out `private, no-store`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CachedPage } from './page-cache.ts';

type Encoding = 'br' | 'gzip' | 'identity';

/**
 * What a public page may be kept for. Browsers always ask again (max-age=0, answered 304 when
 * nothing changed); a CDN may serve it for `cdnSeconds` and as long again while it asks us anew.
 * With 0 a CDN asks every time too, so a change is seen at once behind it as well.
 */
export function publicCacheControl(cdnSeconds: number): string {
  return cdnSeconds > 0 ? `public, max-age=0, s-maxage=${cdnSeconds}, stale-while-revalidate=${cdnSeconds}` : 'public, max-age=0, must-revalidate';
}

export function sendPage(req: IncomingMessage, res: ServerResponse, page: CachedPage, cacheControl: string): void {
  const encoding = page.br && page.gzip ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
  const headers = headersOf(page, encoding, cacheControl);
  if (page.status === 200 && knows(req.headers['if-none-match'], page.tag)) {
    res.writeHead(304, headers.notModified);
    return void res.end();
  }
  res.writeHead(page.status, headers.full);
  res.end(req.method === 'HEAD' ? undefined : encoding === 'br' ? page.br! : encoding === 'gzip' ? page.gzip! : page.identity);
}

/** A page's headers for one encoding: with the body's, and for a 304 (no body). */
interface Headers {
  readonly full: string[];
  readonly notModified: string[];
}

/** Made once per page and encoding: keys and values in one list, as writeHead takes them fastest. */
const madeHeaders = new WeakMap<CachedPage, Map<string, Headers>>();

function headersOf(page: CachedPage, encoding: Encoding, cacheControl: string): Headers {
  let made = madeHeaders.get(page);
  if (!made) madeHeaders.set(page, (made = new Map()));
  const key = `${encoding}\n${cacheControl}`;
  let headers = made.get(key);
  if (!headers) {
    const body = encoding === 'br' ? page.br! : encoding === 'gzip' ? page.gzip! : page.identity;
    const notModified = ['Content-Type', 'text/html; charset=utf-8', 'ETag', encoding === 'identity' ? `"${page.tag}"` : `"${page.tag}-${encoding}"`, 'Cache-Control', cacheControl, 'Vary', 'Accept-Encoding'];
    const full = [...notModified, ...(encoding === 'identity' ? [] : ['Content-Encoding', encoding]), 'Content-Length', String(body.length)];
    headers = { full, notModified };
    made.set(key, headers);
  }
  return headers;
}

/** brotli, else gzip, else none, as Accept-Encoding allows (q=0 refuses one). */
export function chooseEncoding(accept: string | undefined): Encoding {
  if (!accept) return 'identity';
  // The common header ("gzip, deflate, br") carries no weights: no need to parse it.
  if (!accept.includes(';')) return /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : 'identity';
  const weights = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    weights.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => weights.get(name) ?? weights.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  return weight('gzip') > 0 ? 'gzip' : 'identity';
}

/** Whether If-None-Match names this page in any encoding (the weak comparison RFC 9110 asks for). */
function knows(ifNoneMatch: string | undefined, tag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => {
    const opaque = candidate.trim().replace(/^W\//, '');
    return opaque === `"${tag}"` || opaque === `"${tag}-gzip"` || opaque === `"${tag}-br"`;
  });
}
