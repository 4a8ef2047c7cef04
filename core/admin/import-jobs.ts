/**
 * WordPress imports started from the admin, run as jobs the browser can follow. Each runs in a
 * worker thread (core/wxr importInWorker), so the host keeps answering every site meanwhile; at
 * most two run at once on a host (each holds a whole export in memory), later ones wait their
 * turn. One import per site at a time. The last few jobs of each site are kept in memory, so a
 * page opened later still shows how the latest import went; a restart forgets them (an import
 * cut off by it never committed, so it left nothing behind).
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { ContentChangeEvent } from '../content/index.ts';
import { describeError, GuildError, isGuildError } from '../errors.ts';
import type { Site } from '../site/index.ts';
import { changedNothing, importInWorker, type ImportInWorker, type ImportReport } from '../wxr/index.ts';

export type ImportPhase = 'queued' | 'reading' | 'importing' | 'done' | 'failed';

export interface ImportJob {
  readonly id: string;
  /** The name the file was uploaded with. */
  readonly file: string;
  readonly size: number;
  readonly startedBy: { readonly id: number; readonly name: string };
  readonly startedAt: string;
  phase: ImportPhase;
  /** Bytes read while reading, items written while importing; total null when not known. */
  progress: { done: number; total: number | null };
  finishedAt: string | null;
  report: ImportReport | null;
  /** True when the import wrote nothing: this export had been imported before. */
  changedNothing: boolean;
  error: { code: string; status: number; message: string } | null;
}

export interface ImportUpload {
  /** The uploaded file on disk; removed when the job ends. */
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

export interface ImportChoices {
  readonly timezone?: string;
  readonly primaryMenu?: string;
}

const RUNNING_AT_ONCE = 2;
const KEPT_PER_SITE = 5;

/** The site of a slug as it is open now (opened if need be), held until `release`; undefined when it cannot open. */
export type OpenSite = (slug: string) => Promise<{ site: Site; release: () => void } | undefined>;

export class ImportJobs {
  readonly #openSite: OpenSite;
  readonly #jobs = new Map<string, ImportJob[]>();
  readonly #workers = new Set<ImportInWorker>();
  readonly #waiting: Array<() => void> = [];
  #running = 0;

  constructor(openSite: OpenSite) {
    this.#openSite = openSite;
  }

  /** The site's recent imports, newest first. */
  list(slug: string): readonly ImportJob[] {
    return this.#jobs.get(slug) ?? [];
  }

  get(slug: string, id: string): ImportJob | undefined {
    return this.list(slug).find((job) => job.id === id);
  }

  /** The import of the site that has not finished yet (queued, reading or writing), if any. */
  active(slug: string): ImportJob | undefined {
    return this.list(slug).find((job) => !isFinished(job));
  }

  /** True while an import is writing into the site (its transaction holds the database's write lock). */
  writing(slug: string): boolean {
    return this.list(slug).some((job) => job.phase === 'importing');
  }

  /**
   * Starts importing an uploaded export into a site. Resolves once the whole file has been read
   * and found to be a WordPress export (the writing then goes on; follow it with get()); rejects
   * with GUILD_ERR_WXR_INVALID, naming the line, when it is not, and nothing is written.
   */
  async start(site: Site, upload: ImportUpload, choices: ImportChoices, by: ImportJob['startedBy']): Promise<ImportJob> {
    const active = this.active(site.slug);
    if (active) {
      await rm(upload.path, { force: true });
      throw new GuildError('GUILD_ERR_IMPORT_RUNNING', `${active.file}, started by ${active.startedBy.name}`);
    }
    const job: ImportJob = {
      id: randomBytes(6).toString('hex'),
      file: upload.name,
      size: upload.size,
      startedBy: by,
      startedAt: new Date().toISOString(),
      phase: 'queued',
      progress: { done: 0, total: upload.size },
      finishedAt: null,
      report: null,
      changedNothing: false,
      error: null,
    };
    this.#jobs.set(site.slug, [job, ...this.list(site.slug)].slice(0, KEPT_PER_SITE));

    await this.#slot();
    job.phase = 'reading';
    const worker = importInWorker(
      {
        content: site.contentLocation,
        file: upload.path,
        name: upload.name,
        size: upload.size,
        options: { timezone: choices.timezone ?? site.manifest.timezone ?? 'UTC', ...(choices.primaryMenu ? { primaryMenu: choices.primaryMenu } : {}) },
      },
      ({ phase, done, total }) => {
        job.phase = phase;
        job.progress = { done, total: total ?? null };
      },
    );
    this.#workers.add(worker);
    const finished = this.#follow(site, job, worker).finally(async () => {
      this.#workers.delete(worker);
      this.#release();
      await rm(upload.path, { force: true });
    });
    finished.catch(() => undefined);
    try {
      await worker.read;
    } catch (error) {
      await finished;
      throw error;
    }
    job.phase = 'importing';
    job.progress = { done: 0, total: null };
    return job;
  }

  /** Stops every running import (the host is closing); none of them commits. */
  async close(): Promise<void> {
    await Promise.all([...this.#workers].map((worker) => worker.stop()));
  }

  async #follow(site: Site, job: ImportJob, worker: ImportInWorker): Promise<void> {
    try {
      const { report, changes } = await worker.done;
      job.report = report;
      job.changedNothing = changedNothing(report);
      job.progress = { done: job.progress.total ?? job.progress.done, total: job.progress.total };
      site.log.info({ file: job.file, by: job.startedBy.id }, `imported ${job.file} from WordPress`);
      await this.#announce(site, changes);
      job.phase = 'done';
    } catch (error) {
      job.phase = 'failed';
      if (isGuildError(error)) job.error = { code: error.code, status: error.status, message: error.message };
      else {
        site.log.error({ err: error, file: job.file }, `the import of ${job.file} failed: ${describeError(error)}`);
        job.error = { code: 'GUILD_ERR_INTERNAL', status: 500, message: 'The import stopped on the server; it has been logged. Nothing was imported. Try again.' };
      }
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  }

  /**
   * The site as it is open now (it may have been reloaded or closed meanwhile) hears of what was
   * imported as of any other write: caches, the schedule of posts to publish, plugins.
   */
  async #announce(site: Site, changes: readonly ContentChangeEvent[]): Promise<void> {
    try {
      const current = await this.#openSite(site.slug);
      if (!current) return;
      try {
        current.site.store.announce(asOneEach(changes));
      } finally {
        current.release();
      }
    } catch (error) {
      site.log.error({ err: error }, `the site could not be told what the import changed: ${describeError(error)}`);
    }
  }

  #slot(): Promise<void> {
    if (this.#running < RUNNING_AT_ONCE) {
      this.#running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }
}

function isFinished(job: ImportJob): boolean {
  return job.phase === 'done' || job.phase === 'failed';
}

/**
 * One event per thing changed, not one per write: an import writes a post, then its tags, then
 * its links again. And none of them says "published": these posts were published long ago, in
 * WordPress, and must not set off what a new post does (a newsletter, a ping).
 */
function asOneEach(changes: readonly ContentChangeEvent[]): ContentChangeEvent[] {
  const byThing = new Map<string, ContentChangeEvent>();
  for (const { published: _published, ...change } of changes) {
    const key = `${change.kind}:${change.id ?? ''}`;
    const earlier = byThing.get(key);
    byThing.set(key, earlier?.action === 'created' && change.action !== 'deleted' ? earlier : change);
  }
  return [...byThing.values()];
}
