/**
 * A sandboxed plugin's requests through its one host function (`__host`), a JSON list in and a
 * JSON answer out: the parts of its context and calls of their methods (bridge.ts), with each
 * function among a call's arguments made a host stand-in; the fields of objects lent to it; its
 * timers; its promises that the host waits for settling; Intl for a sandbox that has none. A
 * method that answers with a promise is answered with the promise's number, and its outcome is
 * settled into the guest when it comes.
 */
import { GuildError } from '../../errors.ts';
import type { PluginContext } from '../../sdk/context.ts';
import type { AnyFunction } from '../surface.ts';
import { callPart, describePart, formatIntl, partNames, type DescribedPart } from './bridge.ts';
import type { GuestTimers } from './guest-timers.ts';

/** Parts whose functions are called while a page renders: they get the plain budget. */
const RENDER_PARTS = new Set(['hooks', 'helpers']);

/** What the requests reach besides the context: the sandbox's side (sandboxed-plugin.ts). */
export interface HostRequestsOptions {
  readonly pluginId: string;
  readonly context: PluginContext;
  readonly timers: GuestTimers;
  /** A host stand-in for the plugin's function `number`; `render` when a page renders as it is called. */
  readonly proxy: (number: number, arity: number, label: string, render: boolean) => AnyFunction;
  /** The guest's promise `id`, which the host waits for, settled with `value`. */
  readonly settleWaiting: (id: number, ok: boolean, value: unknown) => void;
  /** Settles the host's promise `id` in the guest: a JSON value, or an error's message. */
  readonly settleGuest: (id: number, ok: boolean, payload: string) => void;
  /** Field `key` of the object lent to the guest as `id` (call-protocol.ts's `isLent`). */
  readonly readLent: (id: number, key: string) => unknown;
}

export class HostRequests {
  readonly #options: HostRequestsOptions;
  readonly #id: string;
  readonly #parts = new Map<string, DescribedPart>();
  #nextHostPromise = 1;

  constructor(options: HostRequestsOptions) {
    this.#options = options;
    this.#id = options.pluginId;
  }

  /** Every message from the plugin: parsed, checked, carried out, answered as JSON text. */
  receive(text: string): string {
    const message = JSON.parse(text) as unknown[];
    if (!Array.isArray(message)) throw new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#id, 'sent a message that is not a list');
    const [kind, a, b, c, d] = message;
    switch (kind) {
      case 'parts':
        return JSON.stringify({ v: partNames(this.#options.context) });
      case 'part':
        return JSON.stringify({ v: this.#part(a as string).shape });
      case 'call':
        return this.#reply(callPart(this.#part(a as string), this.#id, a as string, b as string, this.#revive(c, `${a as string}.${b as string}`, RENDER_PARTS.has(a as string))));
      case 'settle':
        this.#options.settleWaiting(a as number, b === true, c);
        return '{}';
      case 'timer':
        this.#options.timers.set(a, b);
        return '{}';
      case 'clear':
        this.#options.timers.clear(a);
        return '{}';
      case 'read':
        return JSON.stringify({ v: this.#options.readLent(a as number, String(b)) ?? null });
      case 'intl':
        return JSON.stringify({ v: formatIntl(a, b, c, d) });
      default:
        throw new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#id, `sent a message of unknown kind "${String(kind)}"`);
    }
  }

  #part(key: string): DescribedPart {
    let part = this.#parts.get(key);
    if (!part) {
      part = describePart(this.#options.context, this.#id, key);
      this.#parts.set(key, part);
    }
    return part;
  }

  /** Arguments from the plugin, with each {"$fn": n} turned into a host stand-in for that function. */
  #revive(args: unknown, call: string, render: boolean): unknown[] {
    if (!Array.isArray(args)) throw new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#id, `sent arguments for ${call} that are not a list`);
    const label = `${call}(${typeof args[0] === 'string' ? JSON.stringify(args[0]) : ''})`;
    const revive = (value: unknown): unknown => {
      if (typeof value !== 'object' || value === null) return value;
      if (Array.isArray(value)) return value.map(revive);
      const record = value as Record<string, unknown>;
      if (typeof record.$fn === 'number' && typeof record.arity === 'number' && Object.keys(record).length === 2) return this.#options.proxy(record.$fn, record.arity, label, render);
      return Object.fromEntries(Object.entries(record).map(([name, item]) => [name, revive(item)]));
    };
    return args.map(revive);
  }

  /** A host answer: plain values as JSON now; a promise settled into the guest later. */
  #reply(value: unknown): string {
    if (typeof (value as PromiseLike<unknown> | undefined)?.then !== 'function') return JSON.stringify({ v: value === undefined ? null : value });
    const id = this.#nextHostPromise++;
    Promise.resolve(value).then(
      (result) => this.#options.settleGuest(id, true, JSON.stringify(result === undefined ? null : result)),
      (error: unknown) => this.#options.settleGuest(id, false, error instanceof Error ? error.message : String(error)),
    );
    return JSON.stringify({ $p: id });
  }
}
