/**
 * The public SDK: the only module of Guild a plugin imports (as "@guild/sdk"). Hook names and
 * payloads are typed from the core's catalog, so a misspelt hook or a wrong payload is a compile
 * error in the author's editor, not a surprise on a client's site.
 */
import type { CoreHookName, CoreHooks } from '../hooks/catalog.ts';
import type { SiteInfo } from '../hooks/payloads.ts';
import type { TapFunction, TapOptions } from '../hooks/types.ts';

export type * from '../hooks/payloads.ts';
/** Text tools plugins share with themes, so a post reads the same everywhere. */
export { htmlToText, readingTime } from '../content/text.ts';
export type { TapOptions } from '../hooks/types.ts';

type NamesOfKind<K> = { [N in CoreHookName]: CoreHooks[N]['kind'] extends K ? N : never }[CoreHookName];

export type CoreFilterName = NamesOfKind<'filter'>;
export type CoreActionName = NamesOfKind<'action'>;
/** A hook declared by a plugin: "<vendor>.<plugin>:<hook>". */
export type PluginHookName = `${string}.${string}:${string}`;

type AnyTap = (...args: any[]) => unknown;

export interface PluginHooks {
  /** Taps a core filter; return the value (changed or not), or nothing to keep it. */
  addFilter<N extends CoreFilterName>(name: N, fn: TapFunction<CoreHooks[N]>, options?: TapOptions): void;
  /** Taps a filter another plugin declared. */
  addFilter(name: PluginHookName, fn: (value: any, context: any) => unknown, options?: TapOptions): void;
  /** Taps a core action. */
  addAction<N extends CoreActionName>(name: N, fn: TapFunction<CoreHooks[N]>, options?: TapOptions): void;
  /** Taps an action another plugin declared. */
  addAction(name: PluginHookName, fn: (payload: any) => unknown, options?: TapOptions): void;
  /** Removes one of this plugin's filter taps; `priority` must match the one it was added with (default 10). */
  removeFilter(name: CoreFilterName | PluginHookName, fn: AnyTap, priority?: number): boolean;
  /** Removes one of this plugin's action taps; `priority` must match the one it was added with (default 10). */
  removeAction(name: CoreActionName | PluginHookName, fn: AnyTap, priority?: number): boolean;
  /** Runs a filter this plugin declared in its plugin.json; a promise when the hook is async. */
  applyFilters<V>(name: PluginHookName, value: V, context?: unknown): V | Promise<V>;
  /** Runs an action this plugin declared in its plugin.json; a promise when the hook is async. */
  doAction(name: PluginHookName, payload?: unknown): void | Promise<void>;
  /** How many times a hook has run on this site. */
  did(name: string): number;
  /** Whether a hook (or any hook) is running in the current call chain. */
  doing(name?: string): boolean;
  /** The innermost hook running in the current call chain. */
  current(): string | undefined;
}

export interface PluginLogger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Everything a plugin gets from the site it runs on. */
export interface PluginContext<Settings = Record<string, unknown>> {
  readonly plugin: { readonly id: string; readonly version: string };
  /** The site, with its main address as `url`. */
  readonly site: SiteInfo;
  /** This site's settings for the plugin, already checked against the plugin's settings schema. */
  readonly settings: Readonly<Settings>;
  /** Lines are tagged with the site and the plugin. */
  readonly log: PluginLogger;
  readonly hooks: PluginHooks;
}

export interface PluginDefinition<Settings = Record<string, unknown>> {
  /** Called once each time a site using the plugin opens. Register taps here; keep it quick. */
  setup(context: PluginContext<Settings>): void | Promise<void>;
}

/** Declares a plugin; the identity function that gives the author types. */
export function definePlugin<Settings = Record<string, unknown>>(definition: PluginDefinition<Settings>): PluginDefinition<Settings> {
  return definition;
}
