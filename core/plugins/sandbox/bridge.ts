/**
 * The host's half of the plugin context's mirror (see guest.ts): which parts a sandboxed plugin may
 * ask for, what each part looks like from inside, and a call of one of its methods by name. The
 * target is the very context an in-host plugin gets (createPluginContext), so its capability
 * getters and the site's checks behind it decide everything; new methods on any part (a new SDK
 * hook function, say) cross the boundary without a change here.
 */
import { GuildError } from '../../errors.ts';
import type { PluginContext } from '../../sdk/context.ts';

export interface DescribedPart {
  /** What the guest builds its part from. */
  readonly shape: { readonly data?: unknown; readonly methods?: readonly string[] };
  readonly target: Record<string, unknown>;
  readonly methods: ReadonlySet<string>;
}

/** The names of the context's parts; only these may be asked for. */
export function partNames(context: PluginContext): string[] {
  return Object.keys(context);
}

/** Reads a part (its capability getter may refuse) and describes it for the guest. */
export function describePart(context: PluginContext, plugin: string, key: string): DescribedPart {
  if (typeof key !== 'string' || !Object.hasOwn(context, key)) throw new GuildError('GUILD_ERR_PLUGIN_SANDBOX', plugin, `asked for "${String(key)}", which is not part of a plugin's context`);
  const target = (context as unknown as Record<string, unknown>)[key] as Record<string, unknown>;
  const methods = new Set(methodNames(target));
  if (methods.size === 0) return { shape: { data: target }, target, methods };
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(target)) if (typeof value !== 'function') data[name] = value;
  return { shape: { data, methods: [...methods] }, target, methods };
}

/** Calls a method the part was described with; anything else is refused by name. */
export function callPart(part: DescribedPart, plugin: string, key: string, method: string, args: unknown[]): unknown {
  if (!part.methods.has(method)) throw new GuildError('GUILD_ERR_PLUGIN_SANDBOX', plugin, `called "${key}.${String(method)}", which the context does not offer`);
  return (part.target[method] as (...args: unknown[]) => unknown).apply(part.target, args);
}

/** The functions an object offers: its own and its class's, but none of Object's. */
function methodNames(target: unknown): string[] {
  if (typeof target !== 'object' || target === null) return [];
  const names = new Set<string>();
  for (let object: object | null = target; object && object !== Object.prototype; object = Object.getPrototypeOf(object) as object | null) {
    for (const name of Object.getOwnPropertyNames(object)) {
      if (name === 'constructor') continue;
      const descriptor = Object.getOwnPropertyDescriptor(object, name);
      if (typeof descriptor?.value === 'function') names.add(name);
    }
  }
  return [...names];
}

/** Formats a date or number with the host's Intl, for a sandbox that has none. */
export function formatIntl(kind: unknown, locale: unknown, options: unknown, value: unknown): string {
  if (kind === 'DateTimeFormat') return new Intl.DateTimeFormat(locale as string, options as Intl.DateTimeFormatOptions).format(new Date(value as number));
  if (kind === 'NumberFormat') return new Intl.NumberFormat(locale as string, options as Intl.NumberFormatOptions).format(value as number);
  throw new Error(`Intl.${String(kind)} is not available in the sandbox`);
}
