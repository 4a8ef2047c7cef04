/**
 * The one door a plugin gets to its site. A plugin in the host gets this context itself; a
 * sandboxed plugin gets a mirror of it whose every call lands here (sandbox/bridge.ts). Each part
 * that needs a capability is a getter that refuses, naming the capability, when it is missing.
 */
import type { SiteInfo } from '../hooks/index.ts';
import type { Capability, PluginManifest } from '../manifest/index.ts';
import type { PluginContext, PluginLogger, PluginStorage } from '../sdk/context.ts';
import type { PluginHooks } from '../sdk/hooks.ts';
import { requireCapability } from './capabilities.ts';
import type { AnyFunction, PluginSurface } from './surface.ts';

export interface PluginContextInit {
  readonly manifest: PluginManifest;
  readonly site: SiteInfo;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly surface: PluginSurface;
  /** Opened on first use. */
  readonly storage: () => PluginStorage;
}

export function createPluginContext(init: PluginContextInit): PluginContext {
  const { manifest, surface } = init;
  const id = manifest.id;
  const hooks: PluginHooks = {
    addFilter: (name: string, fn: AnyFunction, options?: { priority?: number }) => surface.addTap(name, 'filter', fn, options?.priority),
    addAction: (name: string, fn: AnyFunction, options?: { priority?: number }) => surface.addTap(name, 'action', fn, options?.priority),
    removeFilter: (name, fn, priority) => surface.removeTap(name, fn, priority),
    removeAction: (name, fn, priority) => surface.removeTap(name, fn, priority),
    applyFilters: <V>(name: string, value: V, ...args: unknown[]) => surface.runOwnHook(name, 'filter', [value, ...args]) as V | Promise<V>,
    doAction: (name, ...args) => surface.runOwnHook(name, 'action', args) as void | Promise<void>,
    has: (name, fn, priority) => surface.hasTap(name, fn, priority),
    removeAll: (name, priority) => surface.removeAllTaps(name, priority),
    did: (name) => surface.did(name),
    doing: (name) => surface.doing(name),
    current: () => surface.current(),
    currentPriority: () => surface.currentPriority(),
  };
  let storage: PluginStorage | undefined;
  const parts: { [K in keyof PluginContext]?: [Capability, () => PluginContext[K]] } = {
    hooks: ['hooks', () => hooks],
    settings: ['settings', () => init.settings],
    routes: [
      'routes',
      () => ({
        url: (path: string) => `/p/${id}${path.startsWith('/') ? '' : '/'}${path}`,
        get: (path, handler) => surface.addRoute('GET', path, handler),
        post: (path, handler) => surface.addRoute('POST', path, handler),
      }),
    ],
    admin: ['admin', () => ({ page: (path, page) => surface.addAdminPage(path, page), route: (method, path, handler) => surface.addAdminRoute(method, path, handler) })],
    helpers: ['helpers', () => ({ add: (name, helper) => surface.addHelper(name, helper) })],
    partials: ['partials', () => ({ add: (name, source) => surface.addPartial(name, source) })],
    contentTypes: ['content-types', () => ({ define: (type) => surface.defineContentType(type) })],
    storage: ['storage', () => (storage ??= init.storage())],
    jobs: ['jobs', () => ({ every: (name, intervalMs, job) => surface.addJob(name, intervalMs, job) })],
    mail: ['mail', () => ({ send: (message) => surface.sendMail(message) })],
    http: ['network', () => ({ fetch: (url, request) => surface.fetch(url, request) })],
  };
  const context = {
    plugin: Object.freeze({ id, version: manifest.version }),
    site: Object.freeze({ ...init.site }),
    log: pluginLogger(surface),
    pages: Object.freeze({ invalidate: () => surface.invalidatePages() }),
  } as PluginContext;
  for (const [key, [capability, make]] of Object.entries(parts) as Array<[string, [Capability, () => unknown]]>) {
    let value: unknown;
    Object.defineProperty(context, key, {
      enumerable: true,
      get: () => {
        requireCapability(manifest, capability, `context.${key}`);
        return (value ??= Object.freeze(make()));
      },
    });
  }
  return Object.freeze(context);
}


function pluginLogger(surface: PluginSurface): PluginLogger {
  return Object.freeze({
    debug: (message: string, details?: Record<string, unknown>) => surface.log('debug', message, details),
    info: (message: string, details?: Record<string, unknown>) => surface.log('info', message, details),
    warn: (message: string, details?: Record<string, unknown>) => surface.log('warn', message, details),
    error: (message: string, details?: Record<string, unknown>) => surface.log('error', message, details),
  });
}
