/**
 * Counts a plugin's failures on one site within a sliding window, so that a plugin that keeps
 * failing is switched off there (and only there) instead of failing on every request.
 */
export interface FailureWindowOptions {
  /** Failures within the window that switch a plugin off; default 5. */
  readonly limit?: number;
  /** The window's length; default one minute. */
  readonly windowMs?: number;
  readonly now?: () => number;
}

export class FailureWindow {
  readonly limit: number;
  readonly windowMs: number;
  readonly #now: () => number;
  readonly #times = new Map<string, number[]>();

  constructor(options: FailureWindowOptions = {}) {
    this.limit = options.limit ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** Records one failure; true when the plugin has now reached the limit within the window. */
  record(plugin: string): boolean {
    const now = this.#now();
    const recent = (this.#times.get(plugin) ?? []).filter((time) => now - time < this.windowMs);
    recent.push(now);
    this.#times.set(plugin, recent);
    return recent.length >= this.limit;
  }

  /** Starts counting afresh, e.g. after the owner switches the plugin back on. */
  forget(plugin: string): void {
    this.#times.delete(plugin);
  }
}
