/**
 * The one door a plugin gets to its site: hooks attributed to the plugin, its settings, a logger
 * and a read-only description of the site. Nothing else of the core is reachable from here.
 */
import type { HookRegistry, SiteInfo } from '../hooks/index.ts';
import type { Logger } from '../log/index.ts';
import type { PluginManifest } from '../manifest/index.ts';
import type { PluginContext, PluginHooks, PluginLogger } from '../sdk/index.ts';

export interface PluginContextInit {
  readonly manifest: PluginManifest;
  readonly site: SiteInfo;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly hooks: HookRegistry;
  readonly log: Logger;
}

export function createPluginContext(init: PluginContextInit): PluginContext {
  const { manifest, hooks } = init;
  const id = manifest.id;
  const pluginHooks: PluginHooks = {
    addFilter: (name: string, fn: (...args: any[]) => unknown, options?: { priority?: number }) => {
      hooks.add(name, 'filter', fn, id, options?.priority);
    },
    addAction: (name: string, fn: (...args: any[]) => unknown, options?: { priority?: number }) => {
      hooks.add(name, 'action', fn, id, options?.priority);
    },
    removeFilter: (name, fn, priority) => hooks.remove(name, fn, priority),
    removeAction: (name, fn, priority) => hooks.remove(name, fn, priority),
    applyFilters: <V>(name: string, value: V, context?: unknown) => hooks.runAs(id, name, [value, context]) as V | Promise<V>,
    doAction: (name, payload) => hooks.runAs(id, name, [payload]) as void | Promise<void>,
    did: (name) => hooks.did(name),
    doing: (name) => hooks.doing(name),
    current: () => hooks.current(),
  };
  return Object.freeze({
    plugin: Object.freeze({ id, version: manifest.version }),
    site: Object.freeze({ ...init.site }),
    settings: Object.freeze({ ...init.settings }),
    log: pluginLogger(init.log),
    hooks: Object.freeze(pluginHooks),
  });
}

function pluginLogger(log: Logger): PluginLogger {
  return Object.freeze({
    debug: (message: string, details?: Record<string, unknown>) => log.debug(details ?? {}, message),
    info: (message: string, details?: Record<string, unknown>) => log.info(details ?? {}, message),
    warn: (message: string, details?: Record<string, unknown>) => log.warn(details ?? {}, message),
    error: (message: string, details?: Record<string, unknown>) => log.error(details ?? {}, message),
  });
}
