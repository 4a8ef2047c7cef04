/**
 * Fetching an imported site's files, once a network is there. An import keeps each attachment's
 * original URL (content keeps pointing at the old site); this walks the attachments not fetched
 * yet, has each one downloaded and stored by the caller (the media library: where files live and
 * which sizes are made are its business), records where it lives now, and then points every post
 * and page that shows a fetched file at the copy here, each post in a transaction of its own. A
 * file that cannot be fetched keeps its original URL and the reason, and is tried again on the
 * next run; one that was fetched is never fetched again. The pointing runs on every run, not
 * only after new files arrived: a run cut off between storing a file and pointing the posts at
 * it (the process killed, the host stopped) is finished by the next one.
 */
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
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
  /** The file just done, with why it failed if it did; absent before the first. */
  readonly latest?: { readonly url: string; readonly reason?: string };
}

export interface FetchReport {
  /** Attachments that were waiting for their file when the run began. */
  readonly total: number;
  readonly fetched: number;
  readonly failed: ReadonlyArray<{ readonly url: string; readonly reason: string }>;
  /** Posts and pages pointed at the copies here by this run (also for files fetched by a run cut off before). */
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
  const report = (latest?: FetchProgress['latest']) =>
    fetcher.onProgress?.({ done: fetched + failed.length, total: waiting.length, fetched, failed: failed.length, ...(latest ? { latest } : {}) });
  report();
  const fetchOne = async (origin: Origin) => {
    const url = String(origin.data.url);
    const { fetchError: _lastFailure, ...data } = origin.data;
    try {
      const bytes = await fetcher.download(url);
      const localUrl = await fetcher.save({ bytes, name: fileName(url), alt: String(data.alt || data.title || '') });
      await store.saveOrigin({ ...origin, data: { ...data, localUrl } });
      fetched++;
      report({ url });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await store.saveOrigin({ ...origin, data: { ...data, localUrl: null, fetchError: reason } });
      failed.push({ url, reason });
      report({ url, reason });
    }
  };
  await inParallel(waiting, fetcher.concurrency ?? 4, fetchOne, fetcher.signal);
  const postsUpdated = await pointAtCopies(store);
  return { total: waiting.length, fetched, failed, postsUpdated };
}

/**
 * Points every post and page showing a fetched file at its copy, one post per transaction (each
 * post is whole before and after; the host's other writes are never held up behind a site-wide
 * one). The posts are first found page by page, giving the host's other requests a turn between
 * pages; each is then read again right before it is written, so an edit made meanwhile is kept.
 */
async function pointAtCopies(store: ContentStore): Promise<number> {
  const files = new FileUrls();
  for (const origin of await store.listOrigins({ kind: 'attachment' })) {
    if (typeof origin.data.localUrl === 'string' && typeof origin.data.url === 'string') files.add(origin.data.url, origin.data.localUrl);
  }
  if (!files.size) return 0;
  const showingOldFiles: number[] = [];
  for (const type of ['post', 'page'] as const) {
    for (let page = 1, pages = 1; page <= pages; page++) {
      const list = await store.listPosts({ type, status: 'any', page, limit: 100 });
      pages = list.pages;
      for (const post of list.items) if (rewritten(post, files)) showingOldFiles.push(post.id);
      await nextTurn();
    }
  }
  let updated = 0;
  for (const id of showingOldFiles) {
    const post = await store.getPost(id);
    const patch = post && rewritten(post, files);
    if (!patch) continue;
    await store.updatePost(id, patch);
    updated++;
  }
  return updated;
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
