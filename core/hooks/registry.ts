/**
 * One site's hooks. The registry owns the registrations (who tapped what, at which priority) and
 * runs them with the semantics WordPress's WP_Hook defines in its own tests:
 *
 * - taps run by priority, then in the order they were added;
 * - the same function added twice at one priority is kept once; removal names the priority;
 * - while a hook runs, the taps of the priority being run are a snapshot (a tap removed by a
 *   neighbour still runs, one added at that priority waits for the next run), but later
 *   priorities are looked up afresh, so taps added there run and taps removed there do not;
 * - a hook may be run again from inside one of its own taps;
 * - every argument a run is given reaches every tap (a filter's value changes, the rest do not);
 * - an action cannot be applied as a filter nor a filter done as an action;
 * - did / doing / current / currentPriority tell what ran and what is running, and only while it
 *   runs: a timer or promise a tap leaves behind does not see the hook as running once it is done;
 *   `all` sees every run.
 *
 * The split with tapable: each priority is one tapable hook, compiled by tapable on first use and
 * rebuilt when that priority's taps change; an interceptor wraps every tap in the failure guard.
 * The registry only walks priorities. tapable alone cannot remove a tap, would run a tap twice if
 * tapped twice, and stops at a throwing tap; this split keeps its compiled runs and adds those.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AsyncSeriesHook, AsyncSeriesWaterfallHook, SyncHook, SyncWaterfallHook } from 'tapable';
import { GuildError } from '../errors.ts';
import { coreHooks, isCoreHook, type CoreHookName, type CoreHooks } from './catalog.ts';
import { guardTap, type GuardOptions } from './guard.ts';
import {
  CORE_OWNER,
  DEFAULT_PRIORITY,
  type AnyHookSpec,
  type HookKind,
  type RunResult,
  type TapFailure,
  type TapInfo,
} from './types.ts';

type AnyFunction = (...args: any[]) => unknown;

interface Registration {
  readonly fn: AnyFunction;
  readonly kind: HookKind;
  readonly priority: number;
  readonly plugin: string;
}

interface BucketHook {
  call(...args: unknown[]): unknown;
  promise(...args: unknown[]): Promise<unknown>;
}

interface HookState {
  readonly name: string;
  spec: AnyHookSpec | undefined;
  owner: string;
  readonly buckets: Map<number, Registration[]>;
  /** The priorities in use, ascending. */
  priorities: number[];
  /** Each priority's tapable hook, by the number of arguments it was compiled for. */
  readonly compiled: Map<number, Map<number, BucketHook>>;
}

interface Frame {
  readonly registry: HookRegistry;
  readonly hook: string;
  priority: number | undefined;
  /** Set when the run is over; a timer or promise started by a tap may still hold the frame. */
  finished: boolean;
  readonly parent: Frame | undefined;
}

/**
 * The hooks running in the current call chain, across awaits, for every site of the process.
 * One store for all registries on purpose: each AsyncLocalStorage costs every promise the process
 * creates a little, so one per site would slow a host of a thousand sites to a crawl.
 */
const runningHooks = new AsyncLocalStorage<Frame>();

/** `<vendor>.<plugin>:<hook>`, the only names plugins may declare. */
const PLUGIN_HOOK_NAME = /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*:[a-z0-9][a-z0-9-]*$/;

export type RunArgs<S> = S extends AnyHookSpec & { kind: 'filter' }
  ? [value: NonNullable<S['types']>['value'], context: NonNullable<S['types']>['context']]
  : [payload: NonNullable<S extends AnyHookSpec ? S['types'] : never>['value']];

export interface HookRegistryOptions {
  /** Used in failure reports. */
  readonly site: string;
  /** How long one tap may take; default 1000 ms. */
  readonly timeLimitMs?: number;
  readonly onFailure: (failure: TapFailure) => void;
}

export class HookRegistry {
  readonly site: string;
  readonly #states = new Map<string, HookState>();
  readonly #runs = new Map<string, number>();
  readonly #guard: GuardOptions;
  readonly #all: HookState;

  constructor(options: HookRegistryOptions) {
    this.site = options.site;
    this.#guard = { timeLimitMs: options.timeLimitMs ?? 1000, onFailure: options.onFailure };
    for (const [name, spec] of Object.entries(coreHooks)) this.#createState(name, spec, CORE_OWNER);
    this.#all = this.#states.get('all')!;
  }

  /** Declares a plugin's own hook; only `owner` may run it, anyone may tap it. */
  declare(name: string, spec: AnyHookSpec, owner: string): void {
    if (!PLUGIN_HOOK_NAME.test(name) || !name.startsWith(`${owner}:`)) {
      throw new GuildError('GUILD_ERR_HOOK_DECLARATION', name, `a plugin's hooks are named "${owner}:<name>" (lowercase letters, digits and dashes)`);
    }
    const state = this.#states.get(name);
    if (state?.spec) return; // the name carries the owner, so this is the same plugin declaring again
    if (!state) {
      this.#createState(name, spec, owner);
      return;
    }
    for (const registrations of state.buckets.values()) {
      for (const registration of registrations) this.#checkKind(name, spec, registration.kind);
    }
    state.spec = spec;
    state.owner = owner;
  }

  /** Taps a hook. Returns false when that function is already tapped at that priority. */
  add(name: string, kind: HookKind, fn: AnyFunction, plugin: string, priority = DEFAULT_PRIORITY): boolean {
    if (!Number.isSafeInteger(priority)) throw new GuildError('GUILD_ERR_HOOK_PRIORITY', name, String(priority));
    const state = this.#stateFor(name);
    if (state.spec) this.#checkKind(name, state.spec, kind);
    const bucket = state.buckets.get(priority) ?? [];
    if (bucket.some((registration) => registration.fn === fn)) return false;
    state.buckets.set(priority, [...bucket, { fn, kind, priority, plugin }]);
    if (bucket.length === 0) state.priorities = [...state.priorities, priority].sort((a, b) => a - b);
    state.compiled.delete(priority);
    return true;
  }

  /** Removes a tap added at `priority` (default 10, as in WordPress). */
  remove(name: string, fn: AnyFunction, priority = DEFAULT_PRIORITY): boolean {
    const state = this.#states.get(name);
    const bucket = state?.buckets.get(priority);
    if (!state || !bucket?.some((registration) => registration.fn === fn)) return false;
    this.#setBucket(state, priority, bucket.filter((registration) => registration.fn !== fn));
    return true;
  }

  /** Removes every tap of a hook, or only those at one priority. */
  removeAll(name: string, priority?: number): void {
    const state = this.#states.get(name);
    if (!state) return;
    for (const p of priority === undefined ? [...state.priorities] : [priority]) this.#setBucket(state, p, []);
  }

  /** Removes every tap a plugin made, on every hook: how a failing plugin is switched off. */
  removePlugin(plugin: string): void {
    for (const state of this.#states.values()) {
      for (const [priority, bucket] of [...state.buckets]) {
        const kept = bucket.filter((registration) => registration.plugin !== plugin);
        if (kept.length !== bucket.length) this.#setBucket(state, priority, kept);
      }
    }
  }

  /**
   * As WordPress's has_filter: with a function, the (lowest) priority it is tapped at, or false;
   * with a function and a priority, whether it is tapped there; without, whether the hook has taps.
   */
  has(name: string): boolean;
  has(name: string, fn: AnyFunction): number | false;
  has(name: string, fn: AnyFunction, priority: number): boolean;
  has(name: string, fn?: AnyFunction, priority?: number): boolean | number {
    const state = this.#states.get(name);
    if (!fn) return (state?.priorities.length ?? 0) > 0;
    const tappedAt = (p: number) => state?.buckets.get(p)?.some((registration) => registration.fn === fn) ?? false;
    if (priority !== undefined) return tappedAt(priority);
    return state?.priorities.find(tappedAt) ?? false;
  }

  /** Runs a core hook. Filters return the filtered value; async hooks return a promise. */
  run<N extends CoreHookName>(name: N, ...args: RunArgs<CoreHooks[N]>): RunResult<CoreHooks[N]> {
    return this.runAs(CORE_OWNER, name, args) as RunResult<CoreHooks[N]>;
  }

  /**
   * Runs any hook on behalf of `caller`, who must own it. With `kind`, the caller says how it
   * means to run it (applying a filter, doing an action) and is refused if the hook is the other.
   */
  runAs(caller: string, name: string, args: readonly unknown[], kind?: HookKind): unknown {
    const state = this.#states.get(name);
    if (!state?.spec) throw new GuildError('GUILD_ERR_HOOK_UNKNOWN', name);
    if (state.owner !== caller) throw new GuildError('GUILD_ERR_HOOK_NOT_OWNER', name, caller);
    if (kind) this.#checkKind(name, state.spec, kind);
    this.#runs.set(name, (this.#runs.get(name) ?? 0) + 1);
    // Most hooks on most sites have no taps: answer those without setting up a run at all.
    if (state.priorities.length === 0 && this.#all.priorities.length === 0) return nothingRan(state.spec, args);
    const frame: Frame = { registry: this, hook: name, priority: undefined, finished: false, parent: runningHooks.getStore() };
    let result: unknown;
    try {
      result = runningHooks.run(frame, () => {
        if (name !== 'all') this.#walk(this.#all, frame, [{ hook: name, args }]);
        return this.#walk(state, frame, args);
      });
    } catch (error) {
      frame.finished = true;
      throw error;
    }
    if (state.spec.mode === 'sync') {
      frame.finished = true;
      return result;
    }
    return (result as Promise<unknown>).finally(() => {
      frame.finished = true;
    });
  }

  /** How many times a hook has run on this site (taps or not), like did_action(). */
  did(name: string): number {
    return this.#runs.get(name) ?? 0;
  }

  /** Whether `name` (or, without a name, any hook) is running in the current call chain. */
  doing(name?: string): boolean {
    for (const frame of this.#ownFrames()) {
      if (name === undefined || frame.hook === name) return true;
    }
    return false;
  }

  /** The innermost hook running in the current call chain, like current_filter(). */
  current(): string | undefined {
    for (const frame of this.#ownFrames()) return frame.hook;
    return undefined;
  }

  /** The priority being run by the innermost run of `name` (default: the current hook), or false. */
  currentPriority(name?: string): number | false {
    for (const frame of this.#ownFrames()) {
      if (name === undefined || frame.hook === name) return frame.priority ?? false;
    }
    return false;
  }

  /** Every hook with a declaration or a tap, by name. */
  names(): string[] {
    return [...this.#states.keys()].sort();
  }

  /** Describes a hook: its declaration and owner, or undefined when only tapped. */
  describe(name: string): { spec: AnyHookSpec; owner: string } | undefined {
    const state = this.#states.get(name);
    return state?.spec ? { spec: state.spec, owner: state.owner } : undefined;
  }

  /** A hook's taps in the order they run. */
  taps(name: string): TapInfo[] {
    const state = this.#states.get(name);
    if (!state) return [];
    return state.priorities.flatMap((priority) =>
      state.buckets.get(priority)!.map(({ plugin, fn }) => ({ plugin, priority, name: fn.name || '(anonymous)' })),
    );
  }

  /** The runs of this registry's hooks still going in the current call chain, innermost first. */
  *#ownFrames(): Generator<Frame> {
    for (let frame = runningHooks.getStore(); frame; frame = frame.parent) if (frame.registry === this && !frame.finished) yield frame;
  }

  #walk(state: HookState, frame: Frame, args: readonly unknown[]): unknown {
    const spec = state.spec!;
    const isFilter = spec.kind === 'filter';
    // A filter's value changes from tap to tap; the other arguments reach every tap as given.
    const [first, ...rest] = args;
    const arity = Math.max(args.length, isFilter ? 2 : 1);
    if (spec.mode === 'sync') {
      let value = first;
      for (let priority = state.priorities[0]; priority !== undefined; priority = nextPriority(state, priority)) {
        frame.priority = priority;
        const result = this.#bucket(state, priority, arity).call(value, ...rest);
        if (isFilter) value = result;
      }
      return isFilter ? value : undefined;
    }
    return (async () => {
      let value = first;
      for (let priority = state.priorities[0]; priority !== undefined; priority = nextPriority(state, priority)) {
        frame.priority = priority;
        const result = await this.#bucket(state, priority, arity).promise(value, ...rest);
        if (isFilter) value = result;
      }
      return isFilter ? value : undefined;
    })();
  }

  /** The priority's tapable hook for runs of `arity` arguments (tapable passes only the ones it was made with). */
  #bucket(state: HookState, priority: number, arity: number): BucketHook {
    let byArity = state.compiled.get(priority);
    if (!byArity) state.compiled.set(priority, (byArity = new Map()));
    let hook = byArity.get(arity);
    if (!hook) {
      hook = compileBucket(state, state.buckets.get(priority)!, arity, this.#guard);
      byArity.set(arity, hook);
    }
    return hook;
  }

  #setBucket(state: HookState, priority: number, registrations: Registration[]): void {
    if (registrations.length > 0) state.buckets.set(priority, registrations);
    else {
      state.buckets.delete(priority);
      state.priorities = state.priorities.filter((p) => p !== priority);
    }
    state.compiled.delete(priority);
  }

  #stateFor(name: string): HookState {
    const state = this.#states.get(name);
    if (state) return state;
    if (isCoreHook(name) || !PLUGIN_HOOK_NAME.test(name)) throw new GuildError('GUILD_ERR_HOOK_UNKNOWN', name);
    // A hook of a plugin that is not on this site (yet): keep the taps; they run once it is declared.
    return this.#createState(name, undefined, name.split(':')[0]!);
  }

  #createState(name: string, spec: AnyHookSpec | undefined, owner: string): HookState {
    const state: HookState = { name, spec, owner, buckets: new Map(), priorities: [], compiled: new Map() };
    this.#states.set(name, state);
    return state;
  }

  #checkKind(name: string, spec: AnyHookSpec, kind: HookKind): void {
    const article = (k: HookKind) => (k === 'action' ? `an ${k}` : `a ${k}`);
    if (spec.kind !== kind) throw new GuildError('GUILD_ERR_HOOK_KIND', name, article(spec.kind), article(kind));
  }
}

/** What a run with no taps returns: the value unchanged for a filter, nothing for an action. */
function nothingRan(spec: AnyHookSpec, args: readonly unknown[]): unknown {
  const result = spec.kind === 'filter' ? args[0] : undefined;
  return spec.mode === 'sync' ? result : Promise.resolve(result);
}

function nextPriority(state: HookState, after: number): number | undefined {
  return state.priorities.find((priority) => priority > after);
}

function compileBucket(state: HookState, registrations: readonly Registration[], arity: number, guard: GuardOptions): BucketHook {
  const spec = state.spec!;
  const argNames = Array.from({ length: arity }, (_, index) => (index === 0 ? (spec.kind === 'filter' ? 'value' : 'payload') : `arg${index}`));
  type Options = { registration: Registration };
  type Args = [unknown, unknown];
  const names = argNames as unknown as [string, string];
  const hook =
    spec.kind === 'filter'
      ? spec.mode === 'sync'
        ? new SyncWaterfallHook<Args, unknown, Options>(names)
        : new AsyncSeriesWaterfallHook<Args, unknown, Options>(names)
      : spec.mode === 'sync'
        ? new SyncHook<Args, void, Options>(names)
        : new AsyncSeriesHook<Args, Options>(names);
  hook.intercept({
    register: (tap) => ({
      ...tap,
      fn: guardTap(spec, { hook: state.name, plugin: tap.registration.plugin, fn: tap.registration.fn }, guard),
    }),
  });
  for (const registration of registrations) {
    const options = { name: registration.plugin, registration };
    if (spec.mode === 'sync') (hook as SyncHook<[unknown, unknown], unknown, Options>).tap(options, registration.fn);
    else (hook as AsyncSeriesHook<[unknown, unknown], Options>).tapPromise(options, registration.fn as () => Promise<void>);
  }
  return hook as unknown as BucketHook;
}
