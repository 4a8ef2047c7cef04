// The thread behind pg-sync.ts: one PostgreSQL connection that answers each query on the port
// and then wakes the caller, who waits on the shared signal. Plain JavaScript: it needs none of
// Guild's TypeScript, only the pg driver.
import { workerData } from 'node:worker_threads';
import pg from 'pg';

const { url, port, signal: buffer } = workerData;
const signal = new Int32Array(buffer);
const INT8 = 20;
const NUMERIC = 1700;
// Counts (bigint) and NUMERIC come back as numbers, as SQLite answers them.
const types = {
  getTypeParser: (oid, format) => (oid === INT8 || oid === NUMERIC ? (value) => Number(value) : pg.types.getTypeParser(oid, format)),
};
const DEFAULT_TIMEOUT_MS = 10_000;
const client = new pg.Client({ connectionString: url, types, statement_timeout: DEFAULT_TIMEOUT_MS });
let connected;
let schema;
let timeoutMs = DEFAULT_TIMEOUT_MS;
client.on('error', () => {
  // The server dropped the connection: the next query connects afresh.
  connected = undefined;
  schema = undefined;
  timeoutMs = DEFAULT_TIMEOUT_MS;
});

async function connect() {
  connected ??= client.connect().catch((error) => {
    connected = undefined;
    throw error;
  });
  return connected;
}

async function answer(request) {
  await connect();
  if (request.schema !== schema) {
    // The site's schema alone: a plugin's unqualified names can only mean its site's tables.
    await client.query(`SET search_path TO "${request.schema.replaceAll('"', '""')}"`);
    schema = request.schema;
  }
  // A plugin's statements run under its own, shorter limit; set again only when it changes.
  const wanted = Math.min(Math.max(1, Math.floor(request.timeoutMs ?? DEFAULT_TIMEOUT_MS)), DEFAULT_TIMEOUT_MS);
  if (wanted !== timeoutMs) {
    await client.query(`SET statement_timeout = ${wanted}`);
    timeoutMs = wanted;
  }
  const values = request.values.map((value) => (value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value));
  const result = await client.query(request.text, values);
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}

port.on('message', async (request) => {
  let reply;
  try {
    reply = { ok: await answer(request) };
  } catch (error) {
    reply = { error: { message: error.message, code: error.code } };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
