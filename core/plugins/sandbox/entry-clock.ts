/**
 * The time budget of one entry into a sandbox, as both of its stops see it. QuickJS's interrupt
 * handler asks `pastDeadline()` (wall clock: it stops ordinary loops cleanly). The loop guard calls
 * `tick` every FUEL loop iterations of the instance's WebAssembly, wherever it stands, and throws
 * once the entry is past its hard deadline AND has used its hard budget of the process's CPU
 * (counting the time before its first tick as spent): a host too busy to run the plugin, or a
 * pause of the whole process, is not the plugin's overrun.
 */
import { FUEL } from './loop-guard.ts';

/**
 * How long past its budget an entry may run before the loop guard stops it where it stands: room
 * for QuickJS's own interrupt, which stops a plain loop cleanly within a millisecond or so.
 */
const HARD_STOP_SLACK_MS = 10;

export class EntryClock {
  #deadline = 0;
  /** Past this on the clock, the loop guard looks at the CPU time the entry used; Infinity between entries. */
  #hardDeadline = Infinity;
  #hardBudgetMs = 0;
  #entryStart = 0;
  /** The process's CPU time at the entry's first tick, and when that was (see `recentCpu`). */
  #cpuFrom: number | undefined;
  #cpuFromWall = 0;
  #hardStopped = false;

  /** Set by the loop guard's first stop: from then on every loop of the instance throws at once. */
  get hardStopped(): boolean {
    return this.#hardStopped;
  }

  /** An outermost entry with `budgetMs` begins now. */
  begin(budgetMs: number): void {
    this.#entryStart = performance.now();
    this.#deadline = this.#entryStart + budgetMs;
    this.#hardBudgetMs = budgetMs + HARD_STOP_SLACK_MS;
    this.#hardDeadline = this.#deadline + HARD_STOP_SLACK_MS;
    this.#cpuFrom = undefined;
  }

  /** The entry is over: until the next, the loop guard never stops the instance. */
  end(): void {
    this.#hardDeadline = Infinity;
  }

  pastDeadline(): boolean {
    return performance.now() > this.#deadline;
  }

  /** The loop guard's check; throws through the instance's frames to the entry. */
  readonly tick = (): number => {
    if (!this.#hardStopped) {
      if (this.#hardDeadline === Infinity) return FUEL; // between entries
      const now = performance.now();
      if (this.#cpuFrom === undefined) ({ cpu: this.#cpuFrom, at: this.#cpuFromWall } = recentCpu(now));
      if (now <= this.#hardDeadline || this.#cpuFromWall - this.#entryStart + cpuMs() - this.#cpuFrom <= this.#hardBudgetMs) return FUEL;
    }
    this.#hardStopped = true;
    throw new Error('stopped by the loop guard');
  };
}

/**
 * The process's CPU time, read again only once the last reading is a millisecond old: a read is a
 * system call (several microseconds on a virtual machine), and a busy host enters its sandboxes
 * thousands of times a second. An entry that starts from a reading taken before it began counts
 * the CPU since that reading and takes the time between off again (the budget's slack is ten
 * times that).
 */
function recentCpu(now: number): { readonly cpu: number; readonly at: number } {
  if (now - lastCpu.at >= CPU_READING_MS) lastCpu = { cpu: cpuMs(), at: now };
  return lastCpu;
}

const CPU_READING_MS = 1;
let lastCpu = { cpu: 0, at: Number.NEGATIVE_INFINITY };

/** The process's CPU time (user and system), in milliseconds. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
