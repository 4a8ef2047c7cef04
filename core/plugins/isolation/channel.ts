/**
 * Calls between the host and an isolated plugin's worker, both ways, synchronous or not. A
 * synchronous call posts its message, rings the other side's doorbell (a counter in shared
 * memory) and sleeps on its own doorbell with Atomics.wait until the reply comes or the time is
 * up, taking messages off the port with receiveMessageOnPort meanwhile. While it waits it still
 * answers calls from the other side, so a call may call back (a plugin's filter running another
 * plugin's hook) without a deadlock. Outside a synchronous wait, messages arrive as events.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

type Message =
  | { readonly t: 'call'; readonly id: number; readonly sync: boolean; readonly method: string; readonly args: readonly unknown[] }
  | { readonly t: 'reply'; readonly id: number; readonly ok: boolean; readonly value?: unknown; readonly error?: string }
  | { readonly t: 'note'; readonly method: string; readonly args: readonly unknown[] };

export type CallHandler = (method: string, args: readonly unknown[], sync: boolean) => unknown;

/** A call that got no answer in time; the other side may be stuck. */
export class CallTimeout extends Error {}

/** Slot 0 is the host's doorbell, slot 1 the worker's. */
export function doorbells(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8));
}

export class Channel {
  readonly #port: MessagePort;
  readonly #bells: Int32Array;
  readonly #me: 0 | 1;
  readonly #handle: CallHandler;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  #next = 1;
  #closed = false;

  constructor(port: MessagePort, bells: Int32Array, me: 0 | 1, handle: CallHandler) {
    this.#port = port;
    this.#bells = bells;
    this.#me = me;
    this.#handle = handle;
    port.on('message', (message: Message) => this.#receive(message));
  }

  notify(method: string, args: readonly unknown[]): void {
    this.#send({ t: 'note', method, args });
  }

  callAsync(method: string, args: readonly unknown[], timeoutMs: number): Promise<unknown> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new CallTimeout(`did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      try {
        this.#send({ t: 'call', id, sync: false, method, args });
      } catch (error) {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(error as Error);
      }
    });
  }

  callSync(method: string, args: readonly unknown[], timeoutMs: number): unknown {
    const id = this.#next++;
    this.#send({ t: 'call', id, sync: true, method, args });
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const rung = Atomics.load(this.#bells, this.#me);
      for (let received = receiveMessageOnPort(this.#port); received; received = receiveMessageOnPort(this.#port)) {
        const message = received.message as Message;
        if (message.t === 'reply' && message.id === id) return unwrap(message);
        this.#receive(message);
      }
      const left = deadline - performance.now();
      if (left <= 0 || this.#closed) throw new CallTimeout(`did not answer within ${timeoutMs} ms`);
      Atomics.wait(this.#bells, this.#me, rung, left);
    }
  }

  /** Fails every call still waiting for an answer; the other side is gone. */
  close(reason: string): void {
    this.#closed = true;
    for (const [id, call] of this.#pending) {
      clearTimeout(call.timer);
      call.reject(new Error(reason));
      this.#pending.delete(id);
    }
    this.#port.close();
  }

  #receive(message: Message): void {
    if (message.t === 'reply') {
      const call = this.#pending.get(message.id);
      if (!call) return; // an answer that came after its call timed out
      this.#pending.delete(message.id);
      clearTimeout(call.timer);
      try {
        call.resolve(unwrap(message));
      } catch (error) {
        call.reject(error as Error);
      }
    } else if (message.t === 'note') {
      try {
        this.#handle(message.method, message.args, false);
      } catch {
        // a note has nobody to tell
      }
    } else if (message.sync) {
      try {
        this.#reply(message.id, true, this.#handle(message.method, message.args, true));
      } catch (error) {
        this.#reply(message.id, false, undefined, error);
      }
    } else {
      Promise.resolve()
        .then(() => this.#handle(message.method, message.args, false))
        .then(
          (value) => this.#reply(message.id, true, value),
          (error: unknown) => this.#reply(message.id, false, undefined, error),
        );
    }
  }

  #reply(id: number, ok: boolean, value: unknown, error?: unknown): void {
    if (this.#closed) return;
    try {
      this.#send(ok ? { t: 'reply', id, ok, value } : { t: 'reply', id, ok, error: error instanceof Error ? error.message : String(error) });
    } catch (cloneError) {
      this.#send({ t: 'reply', id, ok: false, error: `its answer cannot be sent between threads: ${(cloneError as Error).message}` });
    }
  }

  #send(message: Message): void {
    this.#port.postMessage(message);
    Atomics.add(this.#bells, 1 - this.#me, 1);
    Atomics.notify(this.#bells, 1 - this.#me);
  }
}

function unwrap(message: Extract<Message, { t: 'reply' }>): unknown {
  if (message.ok) return message.value;
  throw new Error(message.error);
}
