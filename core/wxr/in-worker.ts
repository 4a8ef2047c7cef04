/**
 * Runs a WordPress import in a worker thread (worker.ts), for hosts that serve other sites while
 * it runs: an in-process import holds the event loop for its whole transaction (about a second
 * per few thousand posts). The worker writes through its own connections; the site learns of the
 * changes once they are committed, through the change events the worker hands back.
 */
import { Worker } from 'node:worker_threads';
import type { ContentChangeEvent, ContentLocation } from '../content/index.ts';
import { reviveGuildError, type GuildErrorCode } from '../errors.ts';
import type { ImportReport } from './report.ts';
import type { ImportOptions, ImportProgress } from './run.ts';

export interface WorkerImport {
  /** Where the site's content is (its SQLite file, or its schema in PostgreSQL). */
  readonly content: ContentLocation;
  /** The export, already on disk (an upload). */
  readonly file: string;
  /** What to call it in messages: the name it was uploaded with. */
  readonly name: string;
  readonly size: number;
  readonly options: Pick<ImportOptions, 'timezone' | 'primaryMenu' | 'now'>;
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly progress: ImportProgress }
  | { readonly type: 'read' }
  | { readonly type: 'done'; readonly report: ImportReport; readonly changes: ContentChangeEvent[] }
  | { readonly type: 'failed'; readonly error: { readonly code?: GuildErrorCode; readonly message: string } };

export interface ImportInWorker {
  /** Settles once the whole file has been read: rejects with GUILD_ERR_WXR_INVALID for a bad one. */
  readonly read: Promise<void>;
  /** The report and the change events, once everything is committed. */
  readonly done: Promise<{ report: ImportReport; changes: ContentChangeEvent[] }>;
  /** Stops the worker; an uncommitted import leaves nothing behind. */
  stop(): Promise<void>;
}

const WORKER = new URL('./worker.mjs', import.meta.url);

export function importInWorker(request: WorkerImport, onProgress: (progress: ImportProgress) => void): ImportInWorker {
  const worker = new Worker(WORKER, { workerData: request });
  let settled = false;
  let markRead!: () => void;
  let failRead!: (error: Error) => void;
  const read = new Promise<void>((resolve, reject) => ((markRead = resolve), (failRead = reject)));
  const done = new Promise<{ report: ImportReport; changes: ContentChangeEvent[] }>((resolve, reject) => {
    const fail = (error: Error) => {
      settled = true;
      failRead(error);
      reject(error);
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'read') markRead();
      else if (message.type === 'done') {
        settled = true;
        resolve({ report: message.report, changes: message.changes });
      } else fail(reviveGuildError(message.error.code, message.error.message) ?? new Error(message.error.message));
    });
    worker.on('error', (error) => settled || fail(error));
    worker.on('exit', (code) => settled || fail(new Error(`the import's worker stopped (exit code ${code}) before it finished`)));
  });
  // Whoever waits on `done` sees the failure; `read` is a convenience that may go unheeded.
  read.catch(() => undefined);
  return { read, done, stop: async () => void (await worker.terminate()) };
}
