/**
 * Rendered pages, shared by every site of the host within one memory budget. An entry remembers
 * the site's cache version when it was rendered; any content change (from this process or
 * another) or a plugin switched off moves the version, and the stale entry is never served.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PageKind } from '../hooks/index.ts';

export interface CachedPage {
  readonly status: number;
  readonly kind: PageKind;
  readonly body: Buffer;
  readonly etag: string;
  readonly version: string;
}

export class PageCache {
  readonly #entries: LRUCache<string, CachedPage> | undefined;

  /** `maxBytes` of page bodies at most; 0 turns the cache off. */
  constructor(maxBytes: number) {
    this.#entries = maxBytes > 0 ? new LRUCache({ maxSize: maxBytes, sizeCalculation: (page) => page.body.length + 200 }) : undefined;
  }

  get(key: string, version: string): CachedPage | undefined {
    const page = this.#entries?.get(key);
    return page?.version === version ? page : undefined;
  }

  /** Keeps a freshly rendered page (when it may be cached) and returns it ready to send. */
  set(key: string, version: string, page: { status: number; kind: PageKind; html: string }): CachedPage {
    const body = Buffer.from(page.html);
    const etag = `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
    const entry: CachedPage = { status: page.status, kind: page.kind, body, etag, version };
    if (page.status === 200) this.#entries?.set(key, entry);
    return entry;
  }
}
