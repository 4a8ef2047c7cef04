/**
 * The hook half of the SDK: names and payloads come from the core's catalog, so a misspelt core
 * hook, a filter tapped as an action, or a tap of the wrong shape is a compile error.
 */
import type { CoreHookName, CoreHooks } from '../hooks/catalog.ts';
import type { TapFunction, TapOptions } from '../hooks/types.ts';

type NamesOfKind<K> = { [N in CoreHookName]: CoreHooks[N]['kind'] extends K ? N : never }[CoreHookName];

export type CoreFilterName = NamesOfKind<'filter'>;
export type CoreActionName = NamesOfKind<'action'>;
/** A hook declared by a plugin: "<vendor>.<plugin>:<hook>". */
export type PluginHookName = `${string}.${string}:${string}`;

/** What a tap on the core hook N must look like. */
export type CoreTap<N extends CoreHookName> = TapFunction<CoreHooks[N]>;

type AnyTap = (...args: any[]) => unknown;

export interface PluginHooks {
  /** Taps a core filter; return the value (changed or not), or nothing to keep it. */
  addFilter<N extends CoreFilterName>(name: N, fn: CoreTap<N>, options?: TapOptions): void;
  /** Taps a filter another plugin declared. */
  addFilter(name: PluginHookName, fn: (value: any, context: any) => unknown, options?: TapOptions): void;
  /** Taps a core action. */
  addAction<N extends CoreActionName>(name: N, fn: CoreTap<N>, options?: TapOptions): void;
  /** Taps an action another plugin declared. */
  addAction(name: PluginHookName, fn: (payload: any) => unknown, options?: TapOptions): void;
  /** Removes one of this plugin's filter taps; `priority` must match the one it was added with (default 10). */
  removeFilter(name: CoreFilterName | PluginHookName, fn: AnyTap, priority?: number): boolean;
  /** Removes one of this plugin's action taps; `priority` must match the one it was added with (default 10). */
  removeAction(name: CoreActionName | PluginHookName, fn: AnyTap, priority?: number): boolean;
  /**
   * Runs a filter this plugin declared in its plugin.json; every tap gets the value and every
   * further argument. A promise when the hook is async; an action is refused (GUILD_ERR_HOOK_KIND).
   */
  applyFilters<V>(name: PluginHookName, value: V, ...args: unknown[]): V | Promise<V>;
  /**
   * Runs an action this plugin declared in its plugin.json; every tap gets every argument. A
   * promise when the hook is async; a filter is refused (GUILD_ERR_HOOK_KIND).
   */
  doAction(name: PluginHookName, ...args: unknown[]): void | Promise<void>;
  /**
   * Like WordPress's has_filter / has_action: with a function of this plugin, the (lowest) priority
   * it is tapped at or false; with a priority too, whether it is tapped there; without, whether
   * the hook has any tap on this site.
   */
  has(name: CoreHookName | PluginHookName, fn?: AnyTap, priority?: number): number | boolean;
  /**
   * Like remove_all_filters / remove_all_actions: takes every tap off a hook on this site, whoever
   * added it, or only those at `priority`.
   */
  removeAll(name: CoreHookName | PluginHookName, priority?: number): void;
  /** How many times a hook has run on this site. */
  did(name: string): number;
  /** Whether a hook (or any hook) is running in the current call chain; false once its run is over. */
  doing(name?: string): boolean;
  /** The innermost hook running in the current call chain, like current_filter(). */
  current(): string | undefined;
  /** The priority the innermost running hook is at, like WP_Hook::current_priority(); false when none runs. */
  currentPriority(): number | false;
}
