/**
 * The media library's files at /content/images/, through the host whichever store keeps them
 * (core/media/storage: a site's folder or a bucket), so their addresses, caching and headers stay
 * the same when a network moves its media to object storage (core/media/README.md says why).
 * Names never change (a new upload gets a new random name), so files cache for a year; a single
 * byte range is served for audio and video to seek; ETag and Last-Modified answer revalidations.
 */
import type { RequestHandler, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import { isKey, RangeNotSatisfiable, typeOfName, type ByteRange, type MediaStorage, type StoredFile } from '../media/index.ts';
import type { SiteLocals } from '../site/index.ts';

const ONE_YEAR = 31_536_000;
/** An uploaded file opened on its own (an SVG, say) runs in an origin of its own: no script of it reaches the site's or the admin's. */
const SANDBOX = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

export function mediaFiles(storage: MediaStorage, log: Logger): RequestHandler {
  return async (req, res) => {
    const { site } = res.locals as SiteLocals;
    const key = keyOf(req.path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !key) return notFound(res);
    const range = byteRange(req.headers.range);
    let file: StoredFile | undefined;
    try {
      file = await storage.forSite(site).read(key, range);
    } catch (error) {
      if (error instanceof RangeNotSatisfiable) return res.status(416).set('Content-Range', `bytes */${error.size}`).type('text/plain').send('Range not satisfiable');
      site.log.error({ err: error, file: key }, `${req.path} could not be served: ${describeError(error)}`);
      return res.status(503).type('text/plain').send('This file cannot be served right now');
    }
    if (!file) return notFound(res);
    res.set({
      'Content-Type': typeOfName(key),
      'Accept-Ranges': 'bytes',
      'Cache-Control': `public, max-age=${ONE_YEAR}, immutable`,
      ETag: file.etag,
      'Last-Modified': file.lastModified.toUTCString(),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': SANDBOX,
    });
    if (notModified(req.headers, file)) {
      file.body.destroy();
      return res.status(304).end();
    }
    if (file.range) res.status(206).set('Content-Range', `bytes ${file.range.start}-${file.range.end}/${file.size}`);
    res.set('Content-Length', String(file.range ? file.range.end - file.range.start + 1 : file.size));
    if (req.method === 'HEAD') {
      file.body.destroy();
      return res.end();
    }
    // A visitor who stops loading ends the transfer; that is no error of the store's.
    await pipeline(file.body, res).catch((error: unknown) => {
      if (!res.destroyed) log.warn({ err: error, file: key }, `${req.path} was cut short: ${describeError(error)}`);
    });
  };
}

function notFound(res: Response): void {
  res.status(404).type('text/plain').send('Not found');
}

/** The store key of a request path ("/2026/05/a%20b.jpg" → "2026/05/a b.jpg"), or undefined when it cannot name a file. */
function keyOf(requestPath: string): string | undefined {
  try {
    const key = requestPath.replace(/^\//, '').split('/').map(decodeURIComponent).join('/');
    return isKey(key) ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One range of a Range header (`bytes=0-499`, `bytes=500-`, `bytes=-500`). Anything else, or
 * several ranges, is served as the whole file, which HTTP allows.
 */
function byteRange(header: string | undefined): ByteRange | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (!match[1] && !match[2])) return undefined;
  if (!match[1]) return Number(match[2]) > 0 ? { suffix: Number(match[2]) } : undefined;
  const start = Number(match[1]);
  const end = match[2] ? Number(match[2]) : undefined;
  if (end !== undefined && end < start) return undefined;
  return end === undefined ? { start } : { start, end };
}

/** Whether the browser's copy is current: If-None-Match first, else If-Modified-Since (RFC 9110 §13.2.2). */
function notModified(headers: Record<string, string | string[] | undefined>, file: StoredFile): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (typeof ifNoneMatch === 'string') {
    const weak = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => weak(tag) === weak(file.etag));
  }
  const since = typeof headers['if-modified-since'] === 'string' ? Date.parse(headers['if-modified-since']) : NaN;
  return !Number.isNaN(since) && Math.floor(file.lastModified.getTime() / 1000) * 1000 <= since;
}
