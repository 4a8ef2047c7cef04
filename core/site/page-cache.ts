/**
 * Rendered pages, shared by every site of the host: in memory within one budget, and on disk
 * (GUILD_CACHE/pages/<site>/) so they survive restarts and a page of a site that is not open can be
 * sent without opening it. Each page is stored once as it is, gzipped and brotli-compressed, so no
 * request compresses anything. An entry remembers the site's cache version when it was rendered
 * (its site.json, this host's code and packages, its content version: see Site.cacheVersion); a
 * change from this process or another moves the version, and the stale entry is never served.
 */
import { hash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { PageKind } from '../hooks/index.ts';

const gzipped = promisify(gzip);
const brotlied = promisify(brotliCompress);

export interface CachedPage {
  readonly status: number;
  readonly kind: PageKind;
  readonly version: string;
  /** A hash of the HTML: the ETag of each encoding derives from it. */
  readonly tag: string;
  readonly identity: Buffer;
  /** Absent when the page was not kept (an error page, or the cache is off). */
  readonly gzip?: Buffer;
  readonly br?: Buffer;
  /** The site must be open to send it: a plugin sees every view (page:served) or may redirect it. */
  readonly needsSite: boolean;
}

export interface PageCacheOptions {
  /** Bytes of pages kept in memory at most (all three encodings count); 0 turns the cache off. */
  readonly maxBytes: number;
  /** Where pages are kept on disk; none: in memory only. */
  readonly dir?: string;
  /** Told when a page could not be written to disk (the cache goes on without it). */
  readonly onError?: (error: unknown) => void;
}

/** The cache key of a page: the site, the address it was reached at, the path. */
export function pageKey(slug: string, baseUrl: string, path: string): string {
  return `${slug}\n${baseUrl}\n${path}`;
}

interface DiskHeader {
  readonly status: number;
  readonly kind: PageKind;
  readonly version: string;
  readonly tag: string;
  readonly needsSite: boolean;
  readonly key: string;
  /** Lengths of the identity, gzip and brotli bodies, stored in that order after the header. */
  readonly lengths: readonly [number, number, number];
}

export class PageCache {
  readonly #entries: LRUCache<string, CachedPage> | undefined;
  readonly #dir: string | undefined;
  readonly #onError: (error: unknown) => void;
  readonly #madeDirs = new Set<string>();

  constructor(options: PageCacheOptions) {
    const on = options.maxBytes > 0;
    this.#entries = on ? new LRUCache({ maxSize: options.maxBytes, sizeCalculation: (page) => page.identity.length + (page.gzip?.length ?? 0) + (page.br?.length ?? 0) + 300 }) : undefined;
    this.#dir = on ? options.dir : undefined;
    this.#onError = options.onError ?? (() => {});
  }

  /** The page kept under `key` if it was rendered at `version`, from memory or else from disk. */
  get(key: string, version: string): CachedPage | undefined {
    const entries = this.#entries;
    if (!entries) return undefined;
    const page = entries.get(key);
    if (page) return page.version === version ? page : undefined;
    const read = this.#read(key);
    if (read?.version !== version) return undefined;
    entries.set(key, read);
    return read;
  }

  /**
   * Makes a freshly rendered page ready to send, and keeps it when it may be shared: a 200 while
   * the cache is on. Compression runs on libuv's threads, off the thread that answers requests.
   */
  async store(key: string, version: string, page: { status: number; kind: PageKind; html: string }, needsSite: boolean): Promise<CachedPage> {
    const identity = Buffer.from(page.html);
    // One-shot hashing: about half the cost of a Hash object on a page-sized body.
    const tag = hash('sha1', identity, 'base64url').slice(0, 27);
    const base = { status: page.status, kind: page.kind, version, tag, identity, needsSite };
    if (page.status !== 200 || !this.#entries) return base;
    const [gzip, br] = await Promise.all([
      gzipped(identity),
      // Quality 5 is within a few percent of 11 on HTML at a twentieth of the time.
      brotlied(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    ]);
    const entry: CachedPage = { ...base, gzip, br };
    this.#entries.set(key, entry);
    this.#write(key, entry);
    return entry;
  }

  /** Drops every page of a site (its packages or site.json changed): from memory and from disk. */
  async forget(slug: string): Promise<void> {
    const prefix = `${slug}\n`;
    for (const key of this.#entries?.keys() ?? []) if (key.startsWith(prefix)) this.#entries!.delete(key);
    if (!this.#dir) return;
    this.#madeDirs.delete(slug);
    await rm(path.join(this.#dir, slug), { recursive: true, force: true });
  }

  #fileOf(key: string): string {
    const slug = key.slice(0, key.indexOf('\n'));
    return path.join(this.#dir!, slug, `${hash('sha1', key, 'hex')}.page`);
  }

  /** A page from disk: a length-prefixed JSON header, then the three bodies. */
  #read(key: string): CachedPage | undefined {
    if (!this.#dir) return undefined;
    let data: Buffer;
    try {
      data = readFileSync(this.#fileOf(key));
    } catch {
      return undefined;
    }
    const headerLength = data.readUInt32LE(0);
    const header = JSON.parse(data.toString('utf8', 4, 4 + headerLength)) as DiskHeader;
    if (header.key !== key) return undefined;
    const [identityLength, gzipLength, brLength] = header.lengths;
    let at = 4 + headerLength;
    const take = (length: number) => data.subarray(at, (at += length));
    return { status: header.status, kind: header.kind, version: header.version, tag: header.tag, needsSite: header.needsSite, identity: take(identityLength), gzip: take(gzipLength), br: take(brLength) };
  }

  /** Written aside and renamed into place, so a reader never sees half a page. */
  #write(key: string, page: CachedPage): void {
    if (!this.#dir) return;
    const file = this.#fileOf(key);
    const slug = key.slice(0, key.indexOf('\n'));
    const header: DiskHeader = { status: page.status, kind: page.kind, version: page.version, tag: page.tag, needsSite: page.needsSite, key, lengths: [page.identity.length, page.gzip!.length, page.br!.length] };
    const headerBytes = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(headerBytes.length);
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      if (!this.#madeDirs.has(slug)) mkdirSync(path.dirname(file), { recursive: true });
      this.#madeDirs.add(slug);
    } catch (error) {
      return this.#onError(error);
    }
    writeFile(temporary, Buffer.concat([length, headerBytes, page.identity, page.gzip!, page.br!]))
      .then(() => rename(temporary, file))
      .catch(async (error: unknown) => {
        await rm(temporary, { force: true });
        this.#onError(error);
      });
  }
}
