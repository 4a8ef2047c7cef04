/**
 * The vocabulary of the hook protocol. A hook is an action (taps are told something happened)
 * or a filter (taps take a value and return it, changed or not), and it runs its taps either
 * synchronously or one after another awaiting each. Payload types ride along as phantom fields,
 * so the catalog declares each hook's types exactly once.
 */

export type HookKind = 'action' | 'filter';
export type HookMode = 'sync' | 'async';

export interface HookSpec<K extends HookKind = HookKind, M extends HookMode = HookMode, V = unknown, C = unknown> {
  readonly kind: K;
  readonly mode: M;
  /** One line: when the hook runs and what a tap may do with it. */
  readonly doc: string;
  /** Type carrier only; never set at run time. */
  readonly types?: { value: V; context: C };
}

export type AnyHookSpec = HookSpec<HookKind, HookMode, any, any>;

/** An action run synchronously: taps are called in order and must not return promises. */
export const syncAction = <P>(doc: string): HookSpec<'action', 'sync', P, void> => ({ kind: 'action', mode: 'sync', doc });
/** An action whose taps may be async; each is awaited before the next runs. */
export const asyncAction = <P>(doc: string): HookSpec<'action', 'async', P, void> => ({ kind: 'action', mode: 'async', doc });
/** A filter run synchronously: each tap gets the value and returns it (or nothing, to keep it). */
export const syncFilter = <V, C>(doc: string): HookSpec<'filter', 'sync', V, C> => ({ kind: 'filter', mode: 'sync', doc });
/** A filter whose taps may be async; each is awaited before the next one sees the value. */
export const asyncFilter = <V, C>(doc: string): HookSpec<'filter', 'async', V, C> => ({ kind: 'filter', mode: 'async', doc });

type Awaitable<T> = T | Promise<T>;

/** What a tap on hook spec S must look like. Returning nothing from a filter keeps the value. */
export type TapFunction<S> =
  S extends HookSpec<'filter', infer M, infer V, infer C>
    ? (value: V, context: C) => M extends 'async' ? Awaitable<V | void> : V | void
    : S extends HookSpec<'action', infer M, infer P, any>
      ? (payload: P) => M extends 'async' ? Awaitable<void> : void
      : never;

/** The result of running hook spec S: the filtered value, or nothing for actions; a promise when async. */
export type RunResult<S> =
  S extends HookSpec<infer K, infer M, infer V, any>
    ? M extends 'async'
      ? Promise<K extends 'filter' ? V : void>
      : K extends 'filter'
        ? V
        : void
    : never;

export interface TapOptions {
  /** Lower runs first; the default is 10, as in WordPress. Ties run in the order they were added. */
  priority?: number;
}

/** One tap as `guild hooks` and the admin show it. */
export interface TapInfo {
  readonly plugin: string;
  readonly priority: number;
  readonly name: string;
}

/** A tap that failed; the registry hands it to whoever watches failures (the site). */
export interface TapFailure {
  readonly hook: string;
  readonly plugin: string;
  readonly reason: string;
  readonly error: unknown;
}

export const DEFAULT_PRIORITY = 10;
export const CORE_OWNER = 'core';
