/**
 * The inside of an import's worker thread: reads the export from its file and writes it into the
 * site's database over connections of its own. Parsing and the import's one long transaction run
 * here, so the host's main thread keeps answering every site while a large export goes in.
 * Messages to the host: `progress` (throttled), `read` (the whole file is a valid export),
 * then `done` with the report and the change events, or `failed`.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openContentStore, type ContentChangeEvent } from '../content/index.ts';
import { isGuildError } from '../errors.ts';
import { importDocument } from './import.ts';
import { readWxr } from './read.ts';
import type { ImportProgress } from './run.ts';
import type { WorkerImport, WorkerMessage } from './in-worker.ts';

const PROGRESS_EVERY_MS = 100;
const request = workerData as WorkerImport;
const send = (message: WorkerMessage) => parentPort!.postMessage(message);

let lastSent = 0;
let lastPhase: ImportProgress['phase'] | undefined;
function progress(update: ImportProgress): void {
  const now = Date.now();
  if (update.phase === lastPhase && now - lastSent < PROGRESS_EVERY_MS && update.done !== update.total) return;
  lastSent = now;
  lastPhase = update.phase;
  send({ type: 'progress', progress: update });
}

const changes: ContentChangeEvent[] = [];
const store = await openContentStore(request.content, { onChange: (change) => changes.push(change) });
try {
  const doc = await readWxr(createReadStream(request.file), {
    name: request.name,
    total: request.size,
    onProgress: ({ bytes, total }) => progress({ phase: 'reading', done: bytes, total }),
  });
  send({ type: 'read' });
  const report = await importDocument(store, doc, { ...request.options, onProgress: progress });
  send({ type: 'done', report, changes });
} catch (error) {
  send({
    type: 'failed',
    error: isGuildError(error) ? { code: error.code, message: error.message } : { message: error instanceof Error ? error.message : String(error) },
  });
} finally {
  await store.close();
}
