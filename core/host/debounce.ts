/** Runs work once per key after events stop arriving for a moment: one save often fires several. */
import { describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';

export class Debouncer {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #log: Logger;
  readonly #delayMs: number;

  constructor(log: Logger, delayMs = 75) {
    this.#log = log;
    this.#delayMs = delayMs;
  }

  run(key: string, work: () => Promise<void>): void {
    clearTimeout(this.#timers.get(key));
    this.#timers.set(
      key,
      setTimeout(() => {
        this.#timers.delete(key);
        work().catch((error: unknown) => this.#log.error(`reloading after a change failed: ${describeError(error)}`));
      }, this.#delayMs),
    );
  }

  cancel(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
