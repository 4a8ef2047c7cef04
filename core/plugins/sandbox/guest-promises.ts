/**
 * The guest promises the host waits for, by the guest's numbers. A promise may settle (in promise
 * jobs the entry ran) before its caller starts to wait for it: it is kept until then. Every wait is
 * bounded; a wait that runs out, or a sandbox that ends, fails its caller.
 */
interface Waiting {
  readonly label: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class GuestPromises {
  readonly #waiting = new Map<number, Waiting>();
  readonly #settledEarly = new Map<number, { ok: boolean; value: unknown }>();
  /** Guest promise numbers below this were answered already. */
  #nextAnswer = 1;

  /**
   * What the guest's promise `id` settles to, failing with `late()` after `limitMs`, or at once
   * with `cut` when the entry that made it was cut short.
   */
  wait(id: number, label: string, limitMs: number, late: () => Error, cut: Error | undefined): Promise<unknown> {
    this.#nextAnswer = id + 1;
    if (cut) return Promise.reject(cut);
    const early = this.#settledEarly.get(id);
    if (early) {
      this.#settledEarly.delete(id);
      return early.ok ? Promise.resolve(early.value) : Promise.reject(new Error(String(early.value)));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        reject(late());
      }, limitMs);
      this.#waiting.set(id, { label, resolve, reject, timer });
    });
  }

  /** The guest's promise `id` settled; `failure` turns a rejection into the caller's error. */
  settle(id: number, ok: boolean, value: unknown, failure: (label: string, value: unknown) => Error): void {
    const waiting = this.#waiting.get(id);
    if (!waiting) {
      if (id >= this.#nextAnswer) this.#settledEarly.set(id, { ok, value });
      return; // or its caller gave up already
    }
    this.#waiting.delete(id);
    clearTimeout(waiting.timer);
    if (ok) waiting.resolve(value);
    else waiting.reject(failure(waiting.label, value));
  }

  /** Every caller still waiting fails with `error`. */
  failAll(error: Error): void {
    for (const [id, waiting] of this.#waiting) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
      this.#waiting.delete(id);
    }
  }
}
