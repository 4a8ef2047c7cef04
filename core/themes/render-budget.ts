/**
 * A time limit on one render pass. Templates, partials and loops are the theme's (and a plugin's
 * partials are theirs), and the host renders them on the thread that serves every site: partials
 * that include each other twice over, or {{#each}} blocks nested over the same list, multiply into
 * a render that would never end. Every partial call and every call of a looping helper counts a
 * step; every few hundred steps the clock is read, and a pass past its limit throws
 * GUILD_ERR_THEME_RENDER_TIME. Between two steps runs at most one loop's iterations, bounded by the
 * data it iterates.
 */
import type Handlebars from 'handlebars';
import { GuildError } from '../errors.ts';

/** Far past any page of a working theme (most render in well under a millisecond). */
export const RENDER_LIMIT_MS = 500;
const STEPS_BETWEEN_CLOCKS = 256;

let deadline = Number.POSITIVE_INFINITY;
let theme = '';
let steps = 0;
let nextClock = STEPS_BETWEEN_CLOCKS;

/** Runs one render pass of `themeId` within the limit (a pass inside another keeps the outer one's). */
export function renderWithin<T>(themeId: string, work: () => T): T {
  if (deadline !== Number.POSITIVE_INFINITY) return work();
  deadline = performance.now() + RENDER_LIMIT_MS;
  theme = themeId;
  try {
    return work();
  } finally {
    deadline = Number.POSITIVE_INFINITY;
  }
}

/** One partial call or loop of the render under way. */
export function renderStep(): void {
  if (++steps < nextClock) return;
  nextClock = steps + STEPS_BETWEEN_CLOCKS;
  if (performance.now() > deadline) throw new GuildError('GUILD_ERR_THEME_RENDER_TIME', theme, String(RENDER_LIMIT_MS));
}

/** `call`, counting each call as a step; `this` and the arguments pass through as Handlebars gives them. */
export function counted<F extends (...args: never[]) => unknown>(call: F): F {
  return function (this: unknown) {
    renderStep();
    // `arguments` as it is: V8 passes it on without making an array.
    return call.apply(this, arguments as unknown as Parameters<F>);
  } as F;
}

/**
 * Counts every partial call of templates compiled in `hbs` (a theme's, inline ones and a plugin's
 * included): Handlebars looks its partial calls up on the environment's VM at each call.
 */
export function countPartialCalls(hbs: typeof Handlebars): void {
  const vm = hbs.VM as unknown as { invokePartial: (...args: unknown[]) => unknown };
  (hbs as { VM: unknown }).VM = { ...vm, invokePartial: counted(vm.invokePartial) };
}
