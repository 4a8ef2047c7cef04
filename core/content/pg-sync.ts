/**
 * A PostgreSQL connection that answers synchronously, for the one caller whose contract is
 * synchronous: a plugin's storage (the SDK's storage.run/get/all return values, not promises, as
 * better-sqlite3 does). The connection lives in a worker thread (pg-sync-worker.mjs); each query
 * blocks this thread until its answer arrives (Atomics.wait), which costs the round trip to the
 * database, typically well under a millisecond on a local network. Only one query is ever in
 * flight, so a plugin's transaction is never interleaved with another's.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { GuildError } from '../errors.ts';

export interface SyncPgResult<Row = Record<string, unknown>> {
  readonly rows: Row[];
  readonly rowCount: number;
}

/** How long a query may take before this thread gives up waiting (the server stops it at its timeout, 10 s unless given). */
const WAIT_MS = 15_000;
const WORKER = new URL('./pg-sync-worker.mjs', import.meta.url);

export class SyncPgConnection {
  readonly #url: string;
  /** The URL without its password, for messages. */
  readonly #shown: string;
  #worker: Worker | undefined;
  #port: MessagePort | undefined;
  #signal: Int32Array | undefined;

  constructor(url: string, shown: string) {
    this.#url = url;
    this.#shown = shown;
  }

  /**
   * Runs `text` with `$n` parameters in `schema` (alone on the search path) and waits for the
   * answer; the server stops it (code 57014) past `timeoutMs` (at most 10 s).
   */
  query<Row = Record<string, unknown>>(schema: string, text: string, values: readonly unknown[] = [], timeoutMs?: number): SyncPgResult<Row> {
    const { port, signal } = this.#start();
    Atomics.store(signal, 0, 0);
    port.postMessage({ schema, text, values, timeoutMs });
    if (Atomics.wait(signal, 0, 0, WAIT_MS) === 'timed-out') {
      this.close();
      throw new GuildError('GUILD_ERR_DATABASE_UNREACHABLE', this.#shown, `no answer within ${WAIT_MS / 1000} s`);
    }
    const reply = receiveMessageOnPort(port)?.message as { ok?: SyncPgResult<Row>; error?: { message: string; code?: string } } | undefined;
    if (!reply?.ok) throw Object.assign(new Error(reply?.error?.message ?? 'the database connection gave no answer'), { code: reply?.error?.code });
    return { rows: reply.ok.rows.map(withBuffers), rowCount: reply.ok.rowCount };
  }

  close(): void {
    void this.#worker?.terminate();
    this.#port?.close();
    this.#worker = this.#port = this.#signal = undefined;
  }

  #start(): { port: MessagePort; signal: Int32Array } {
    if (!this.#worker) {
      const channel = new MessageChannel();
      const buffer = new SharedArrayBuffer(4);
      this.#worker = new Worker(WORKER, { workerData: { url: this.#url, port: channel.port2, signal: buffer }, transferList: [channel.port2] });
      // A host that has nothing else to do may exit though the connection is open.
      this.#worker.unref();
      this.#port = channel.port1;
      this.#signal = new Int32Array(buffer);
    }
    return { port: this.#port!, signal: this.#signal! };
  }
}

/** Bytes cross the thread as Uint8Array; plugins get Buffers, as from SQLite. */
function withBuffers<Row>(row: Row): Row {
  for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) (row as Record<string, unknown>)[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return row;
}
