/**
 * The inside of an isolated plugin's worker thread: imports the plugin's bundle, gives it the same
 * context an in-process plugin gets, and sends each registration to the host, keeping the
 * plugin's functions here under numbers the host calls them by. Its storage is its own
 * connection to the site's database, scoped like any plugin's.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { openDatabase, type SqliteDatabase } from '../../content/index.ts';
import type { HookKind, SiteInfo } from '../../hooks/index.ts';
import type { PluginManifest } from '../../manifest/index.ts';
import type { AdminPage, ContentTypeDefinition, HelperFunction, MailMessage, RouteHandler, RouteMethod } from '../../sdk/context.ts';
import { createPluginContext } from '../context.ts';
import { definitionOf, startPlugin } from '../start.ts';
import { ScopedStorage } from '../storage.ts';
import type { AnyFunction, LogLevel, PluginSurface } from '../surface.ts';
import { Channel } from './channel.ts';

export interface WorkerInit {
  readonly bundle: string;
  readonly manifest: PluginManifest;
  readonly site: SiteInfo;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly database: string;
  readonly port: MessagePort;
  readonly bells: Int32Array;
  /** How long a call from here to the host may take. */
  readonly timeLimitMs: number;
}

// Errors from the plugin point at its author's TypeScript lines, through the bundle's source map.
process.setSourceMapsEnabled(true);

const init = workerData as WorkerInit;
const functions = new Map<number, AnyFunction>();
const numbers = new Map<AnyFunction, number>();
/** The hooks this worker is running right now, innermost last (for doing() and current()). */
const running: string[] = [];
let database: SqliteDatabase | undefined;

const numbered = (fn: AnyFunction): number => {
  let number = numbers.get(fn);
  if (number === undefined) {
    number = functions.size + 1;
    functions.set(number, fn);
    numbers.set(fn, number);
  }
  return number;
};

const channel = new Channel(init.port, init.bells, 1, (method, args, sync) => {
  if (method === 'invoke') return invoke(args[0] as number, args[1] as string, args[2] as unknown[], sync);
  if (method === 'start') return start(args[0] as boolean);
  if (method === 'ping') return 'pong';
  throw new Error(`unknown call "${method}"`);
});

function invoke(number: number, hook: string, args: unknown[], sync: boolean): unknown {
  const fn = functions.get(number);
  if (!fn) throw new Error(`no function #${number}`);
  running.push(hook);
  try {
    const result = fn(...args);
    if (sync && typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
      Promise.resolve(result).catch(() => {});
      throw new Error(`returned a promise, but "${hook}" is a synchronous hook; return the value itself`);
    }
    return result;
  } finally {
    running.pop();
  }
}

const call = (method: string, ...args: unknown[]) => channel.callSync(method, args, init.timeLimitMs);

const surface: PluginSurface = {
  manifest: init.manifest,
  addTap: (name: string, kind: HookKind, fn: AnyFunction, priority?: number) => void call('addTap', name, kind, numbered(fn), priority),
  removeTap: (name: string, fn: AnyFunction, priority?: number) => numbers.has(fn) && (call('removeTap', name, numbers.get(fn), priority) as boolean),
  hookMode: (name: string) => call('hookMode', name) as 'sync' | 'async' | undefined,
  hasTap: (name: string, fn?: AnyFunction, priority?: number) =>
    fn === undefined ? (call('hasTap', name) as boolean) : numbers.has(fn) && (call('hasTap', name, numbers.get(fn), priority) as number | boolean),
  removeAllTaps: (name: string, priority?: number) => void call('removeAllTaps', name, priority),
  runOwnHook: (name: string, kind: HookKind, args: readonly unknown[]) =>
    surface.hookMode(name) === 'async' ? channel.callAsync('runOwnHook', [name, kind, args], init.timeLimitMs * 10) : call('runOwnHook', name, kind, args),
  did: (name: string) => call('did', name) as number,
  doing: (name?: string) => (name === undefined ? running.length > 0 : running.includes(name)),
  current: () => running.at(-1),
  // The host knows the priority it is running: asked while it waits on this worker's tap.
  currentPriority: () => (running.length > 0 ? (call('currentPriority') as number | false) : false),
  addRoute: (method: RouteMethod, path: string, handler: RouteHandler) => void call('addRoute', method, path, numbered(handler)),
  addAdminPage: (path: string, page: AdminPage) => void call('addAdminPage', path, String(page.title), numbered((request: unknown) => page.render(request as never))),
  addAdminRoute: (method: RouteMethod, path: string, handler: RouteHandler) => void call('addAdminRoute', method, path, numbered(handler)),
  addHelper: (name: string, helper: HelperFunction) => void call('addHelper', name, numbered(helper)),
  addPartial: (name: string, source: string) => void call('addPartial', name, source),
  defineContentType: (type: ContentTypeDefinition) => void call('defineContentType', type),
  addJob: (name: string, intervalMs: number, job: () => unknown) => void call('addJob', name, intervalMs, numbered(job)),
  sendMail: async (message: MailMessage) => void (await channel.callAsync('sendMail', [message], init.timeLimitMs * 10)),
  log: (level: LogLevel, message: string, details?: Record<string, unknown>) => channel.notify('log', [level, message, details]),
  invalidatePages: () => channel.notify('invalidatePages', []),
};

async function start(install: boolean): Promise<void> {
  const definition = definitionOf((await import(pathToFileURL(init.bundle).href)) as { default?: unknown }, init.manifest);
  let storage: ScopedStorage | undefined;
  const openStorage = () => (storage ??= new ScopedStorage((database ??= openDatabase(init.database)), init.manifest.id));
  const context = createPluginContext({ manifest: init.manifest, site: init.site, settings: init.settings, surface, storage: openStorage });
  await startPlugin(definition, context, install);
}
