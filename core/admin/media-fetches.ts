/**
 * Fetching an imported site's files, started from the admin and followed by the browser like an
 * import. It runs in the host process (the work is waiting on other servers, and sharp resizes
 * on its own threads), one run per site at a time, holding the site open until it ends. The
 * latest run of each site is kept in memory, so the page shows how it went.
 */
import { randomBytes } from 'node:crypto';
import { describeError, GuildError } from '../errors.ts';
import { downloadsInto, type DownloadLimits, type MediaLibrary } from '../media/index.ts';
import type { Site } from '../site/index.ts';
import { fetchAttachments, type FetchReport } from '../wxr/index.ts';
import type { OpenSite } from './import-jobs.ts';

export interface MediaFetchJob {
  readonly id: string;
  readonly startedBy: { readonly id: number; readonly name: string };
  readonly startedAt: string;
  phase: 'fetching' | 'done' | 'failed';
  progress: { done: number; total: number; fetched: number; failed: number };
  report: FetchReport | null;
  error: { message: string } | null;
  finishedAt: string | null;
}

export class MediaFetches {
  readonly #openSite: OpenSite;
  readonly #latest = new Map<string, MediaFetchJob>();
  readonly #running = new Set<Promise<void>>();
  readonly #stopping = new AbortController();

  constructor(openSite: OpenSite) {
    this.#openSite = openSite;
  }

  latest(slug: string): MediaFetchJob | undefined {
    return this.#latest.get(slug);
  }

  /** The run fetching into the site now, if any. */
  running(slug: string): MediaFetchJob | undefined {
    const job = this.latest(slug);
    return job?.phase === 'fetching' ? job : undefined;
  }

  /** Starts fetching the site's waiting files into its library; follow it with latest(). */
  async start(site: Site, library: MediaLibrary, limits: DownloadLimits, by: { id: number; name: string; email: string }): Promise<MediaFetchJob> {
    const running = this.running(site.slug);
    if (running) throw new GuildError('GUILD_ERR_MEDIA_FETCH_RUNNING', running.startedBy.name);
    const held = await this.#openSite(site.slug);
    if (!held) throw new GuildError('GUILD_ERR_NOT_FOUND', `The site ${site.slug}`);
    const job: MediaFetchJob = {
      id: randomBytes(6).toString('hex'),
      startedBy: { id: by.id, name: by.name },
      startedAt: new Date().toISOString(),
      phase: 'fetching',
      progress: { done: 0, total: 0, fetched: 0, failed: 0 },
      report: null,
      error: null,
      finishedAt: null,
    };
    this.#latest.set(site.slug, job);
    const run = fetchAttachments(held.site.store, {
      ...downloadsInto(library, { ...limits, signal: this.#stopping.signal, log: held.site.log }, by.email),
      signal: this.#stopping.signal,
      onProgress: ({ done, total, fetched, failed }) => (job.progress = { done, total, fetched, failed }),
    }).then(
      (report) => {
        job.report = report;
        job.phase = 'done';
        held.site.log.info({ by: by.id, fetched: report.fetched, failed: report.failed.length }, `fetched ${report.fetched} of ${report.total} imported files`);
      },
      (error: unknown) => {
        job.phase = 'failed';
        job.error = { message: 'Fetching stopped on the server; it has been logged. Files fetched so far are kept. Try again.' };
        held.site.log.error({ err: error }, `fetching the imported files failed: ${describeError(error)}`);
      },
    );
    const tracked = run.finally(() => {
      job.finishedAt = new Date().toISOString();
      held.release();
      this.#running.delete(tracked);
    });
    this.#running.add(tracked);
    return job;
  }

  /** Stops running fetches (what was fetched is kept; the rest waits for the next run); for the host's shutdown. */
  async close(): Promise<void> {
    this.#stopping.abort();
    await Promise.all(this.#running);
  }
}
