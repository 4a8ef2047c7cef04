/** A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal. */

const WIDTH = 30;

export class ProgressBar {
  readonly #stream: NodeJS.WriteStream;
  readonly #enabled: boolean;
  #label = '';
  #drawn = false;
  #last = 0;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream;
    this.#enabled = Boolean(stream.isTTY);
  }

  /** `done` of `total` (bytes or items); with no total, a count only. */
  update(label: string, done: number, total: number | undefined, unit = ''): void {
    if (!this.#enabled) return;
    const now = Date.now();
    // Redraw at most every 50 ms, but always when a phase starts or ends.
    if (label === this.#label && done !== total && now - this.#last < 50) return;
    this.#label = label;
    this.#last = now;
    const line = total
      ? `${label.padEnd(10)} [${'#'.repeat(Math.round((done / total) * WIDTH)).padEnd(WIDTH, '.')}] ${Math.floor((done / total) * 100)}%`
      : `${label.padEnd(10)} ${done}${unit}`;
    this.#stream.write(`\r${line}\u001b[K`);
    this.#drawn = true;
  }

  done(): void {
    if (this.#drawn) this.#stream.write('\r\u001b[K');
    this.#drawn = false;
  }
}
