/**
 * A sandboxed plugin's pending setTimeout calls, kept as Node timers by the guest's numbers. The
 * host keeps the clock; the callback is the sandbox's to run (within its budget). Bounded, and
 * never holding the process open: a site's closing clears them.
 */
import { GuildError } from '../../errors.ts';

/** Timers a sandbox may have pending at once; setTimeout past it throws in the plugin. */
const MAX_PENDING_TIMERS = 100;
/** Node's longest timer; a longer delay would fire at once. */
const LONGEST_DELAY_MS = 2 ** 31 - 1;

export class GuestTimers {
  readonly #pending = new Map<number, NodeJS.Timeout>();
  readonly #pluginId: string;
  readonly #fire: (id: number) => void;

  constructor(pluginId: string, fire: (id: number) => void) {
    this.#pluginId = pluginId;
    this.#fire = fire;
  }

  /** The guest's timer `id` fires after `delay` ms; both arrive unchecked from the sandbox. */
  set(id: unknown, delay: unknown): void {
    if (typeof id !== 'number' || typeof delay !== 'number') throw new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#pluginId, 'sent a timer that is not a number and a delay');
    if (this.#pending.has(id)) throw new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#pluginId, `sent timer #${id} twice`);
    if (this.#pending.size >= MAX_PENDING_TIMERS) throw new GuildError('GUILD_ERR_PLUGIN_TIMERS', this.#pluginId, String(MAX_PENDING_TIMERS));
    const timer = setTimeout(() => {
      this.#pending.delete(id);
      this.#fire(id);
    }, Math.min(Math.max(delay, 0), LONGEST_DELAY_MS));
    timer.unref();
    this.#pending.set(id, timer);
  }

  clear(id: unknown): void {
    if (typeof id !== 'number') return;
    clearTimeout(this.#pending.get(id));
    this.#pending.delete(id);
  }

  clearAll(): void {
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
  }
}
