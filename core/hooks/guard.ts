/**
 * The failure guard every tap runs inside. A tap that throws, rejects, returns a promise from a
 * synchronous hook, or runs past the time limit is skipped: the hook carries on with the value it
 * had before that tap, and the failure is reported with the hook and the plugin to blame.
 */
import { describeError } from '../errors.ts';
import type { AnyHookSpec, TapFailure } from './types.ts';

export interface GuardedTap {
  readonly hook: string;
  readonly plugin: string;
  readonly fn: (...args: unknown[]) => unknown;
}

export interface GuardOptions {
  readonly timeLimitMs: number;
  readonly onFailure: (failure: TapFailure) => void;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

/** Wraps a tap so that it can fail without taking its hook, its site or the host with it. */
export function guardTap(spec: AnyHookSpec, tap: GuardedTap, options: GuardOptions): (...args: unknown[]) => unknown {
  const fail = (reason: string, error: unknown) =>
    options.onFailure({ hook: tap.hook, plugin: tap.plugin, reason, error });

  if (spec.mode === 'sync') {
    return (...args) => {
      const started = performance.now();
      let result: unknown;
      try {
        result = tap.fn(...args);
      } catch (error) {
        fail(`threw: ${describeError(error)}`, error);
        return undefined;
      }
      if (isThenable(result)) {
        // Swallow the orphaned promise's outcome: it has nowhere to go in a synchronous hook.
        Promise.resolve(result).catch(() => {});
        fail(`returned a promise, but "${tap.hook}" is a synchronous hook; return the value itself`, undefined);
        return undefined;
      }
      const elapsed = performance.now() - started;
      if (elapsed > options.timeLimitMs) {
        fail(`ran for ${Math.round(elapsed)} ms, over the ${options.timeLimitMs} ms limit; its result was discarded`, undefined);
        return undefined;
      }
      return result;
    };
  }

  return (...args) => {
    let result: unknown;
    try {
      result = tap.fn(...args);
    } catch (error) {
      fail(`threw: ${describeError(error)}`, error);
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      let settled = false;
      const settle = (value: unknown) => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        if (settle(undefined)) fail(`did not finish within ${options.timeLimitMs} ms; skipped`, undefined);
      }, options.timeLimitMs);
      Promise.resolve(result).then(
        (value) => settle(value),
        (error: unknown) => {
          if (settle(undefined)) fail(`rejected: ${describeError(error)}`, error);
        },
      );
    });
  };
}
