/**
 * Fetching an imported site's files, once a network is there. An import keeps each attachment's
 * original URL (content keeps pointing at the old site); this walks the attachments not fetched
 * yet, has each one downloaded and stored by the caller (the media library: where files live and
 * which sizes are made are its business), records where it lives now, and then points every post
 * and page that shows one of them at the copy here, in one transaction. A file that cannot be
 * fetched keeps its original URL and the reason, and is tried again on the next run; one that
 * was fetched is never fetched again.
 */
import path from 'node:path';
import type { ContentStore, Origin, Post, PostInput } from '../content/index.ts';
import { FileUrls } from './html/files.ts';

export interface FetchedFile {
  readonly bytes: Buffer;
  /** The file's name on the old site, e.g. "croissant.jpg". */
  readonly name: string;
  readonly alt: string;
}

export interface AttachmentFetcher {
  readonly download: (url: string) => Promise<Buffer>;
  /** Stores a fetched file; resolves with the URL it is served at here. */
  readonly save: (file: FetchedFile) => Promise<string>;
  /** Downloads at once (default 4). */
  readonly concurrency?: number;
  /** Stops starting new downloads (the host is closing); the rest wait for the next run. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FetchProgress) => void;
}

export interface FetchProgress {
  readonly done: number;
  readonly total: number;
  readonly fetched: number;
  readonly failed: number;
}

export interface FetchReport {
  /** Attachments that were waiting for their file when the run began. */
  readonly total: number;
  readonly fetched: number;
  readonly failed: ReadonlyArray<{ readonly url: string; readonly reason: string }>;
  /** Posts and pages now showing the copies here. */
  readonly postsUpdated: number;
}

export interface AttachmentsWaiting {
  readonly waiting: number;
  /** Those whose last try failed, with why. */
  readonly failed: ReadonlyArray<{ readonly url: string; readonly reason: string }>;
}

/** How many imported attachments still point at the old site, and why the last try failed for some. */
export async function attachmentsWaiting(store: ContentStore): Promise<AttachmentsWaiting> {
  const waiting = waitingOrigins(await store.listOrigins({ kind: 'attachment' }));
  return { waiting: waiting.length, failed: waiting.flatMap((origin) => (typeof origin.data.fetchError === 'string' ? [{ url: String(origin.data.url), reason: origin.data.fetchError }] : [])) };
}

export async function fetchAttachments(store: ContentStore, fetcher: AttachmentFetcher): Promise<FetchReport> {
  const waiting = waitingOrigins(await store.listOrigins({ kind: 'attachment' }));
  const failed: Array<{ url: string; reason: string }> = [];
  let fetched = 0;
  const report = () => fetcher.onProgress?.({ done: fetched + failed.length, total: waiting.length, fetched, failed: failed.length });
  report();
  const fetchOne = async (origin: Origin) => {
    const url = String(origin.data.url);
    const { fetchError: _lastFailure, ...data } = origin.data;
    try {
      const bytes = await fetcher.download(url);
      const localUrl = await fetcher.save({ bytes, name: fileName(url), alt: String(data.alt || data.title || '') });
      await store.saveOrigin({ ...origin, data: { ...data, localUrl } });
      fetched++;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await store.saveOrigin({ ...origin, data: { ...data, localUrl: null, fetchError: reason } });
      failed.push({ url, reason });
    }
    report();
  };
  await inParallel(waiting, fetcher.concurrency ?? 4, fetchOne, fetcher.signal);
  const postsUpdated = fetched > 0 ? await pointAtCopies(store) : 0;
  return { total: waiting.length, fetched, failed, postsUpdated };
}

/** Rewrites every post and page showing a fetched file; all of them or none. */
async function pointAtCopies(store: ContentStore): Promise<number> {
  const files = new FileUrls();
  for (const origin of await store.listOrigins({ kind: 'attachment' })) {
    if (typeof origin.data.localUrl === 'string' && typeof origin.data.url === 'string') files.add(origin.data.url, origin.data.localUrl);
  }
  return store.transaction(async (tx) => {
    let updated = 0;
    for (const type of ['post', 'page'] as const) {
      for (let page = 1, pages = 1; page <= pages; page++) {
        const list = await tx.listPosts({ type, status: 'any', page, limit: 100 });
        pages = list.pages;
        for (const post of list.items) {
          const patch = rewritten(post, files);
          if (!patch) continue;
          await tx.updatePost(post.id, patch);
          updated++;
        }
      }
    }
    return updated;
  });
}

function rewritten(post: Post, files: FileUrls): Partial<PostInput> | undefined {
  const html = files.rewrite(post.html);
  const featureImage = post.featureImage ? (files.resolve(post.featureImage) ?? post.featureImage) : post.featureImage;
  if (html === post.html && featureImage === post.featureImage) return undefined;
  return { html, featureImage };
}

function waitingOrigins(origins: readonly Origin[]): Origin[] {
  return origins.filter((origin) => typeof origin.data.url === 'string' && origin.data.url !== '' && typeof origin.data.localUrl !== 'string');
}

function fileName(url: string): string {
  try {
    return decodeURIComponent(path.posix.basename(new URL(url).pathname)) || 'attachment';
  } catch {
    return 'attachment';
  }
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
