/**
 * The host's side of an isolated plugin: its worker thread, started with a memory limit, and a
 * proxy for each function the plugin registered. A proxy on a synchronous hook blocks on the
 * worker's answer for at most the hook time limit; past it, the worker (stuck in a loop, say) is
 * terminated, the plugin's contributions are taken away and a fresh worker is set up again. A
 * worker that dies (out of memory) is restarted the same way. Every such event counts as one of
 * the plugin's failures, so a plugin that keeps doing it is switched off on that site.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { GuildError } from '../../errors.ts';
import type { HookKind, SiteInfo } from '../../hooks/index.ts';
import type { PluginManifest } from '../../manifest/index.ts';
import type { AdminPage, ContentTypeDefinition, MailMessage, RouteMethod } from '../../sdk/context.ts';
import type { AnyFunction, LogLevel, PluginSurface } from '../surface.ts';
import { CallTimeout, Channel, doorbells } from './channel.ts';
import type { WorkerInit } from './worker.ts';

export interface IsolatedPluginOptions {
  /** The worker's bootstrap script (PluginBuilder.workerScript()). */
  readonly script: string;
  /** The plugin's bundle (PluginBuilder.bundle()). */
  readonly bundle: string;
  readonly manifest: PluginManifest;
  readonly site: SiteInfo;
  readonly settings: Readonly<Record<string, unknown>>;
  /** The site's database file, for the plugin's storage. */
  readonly database: string;
  /** Where the plugin's registrations go. */
  readonly surface: PluginSurface & { reset(): void };
  readonly timeLimitMs: number;
  readonly setupTimeLimitMs: number;
  readonly memoryMb: number;
  /** Told of every stuck, crashed or restarted worker; the site counts it as a failure. */
  readonly onTrouble: (reason: string) => void;
}

/** How long a worker that missed an async deadline has to answer a ping before it is called stuck. */
const PING_MS = 250;

export class IsolatedPlugin {
  readonly #options: IsolatedPluginOptions;
  #worker: Worker | undefined;
  #channel: Channel | undefined;
  #proxies = new Map<number, AnyFunction>();
  #stopped = false;
  #restarting: Promise<void> | undefined;

  private constructor(options: IsolatedPluginOptions) {
    this.#options = options;
  }

  /** Starts the worker and runs the plugin's setup there (with `install` the first time on a site). */
  static async start(options: IsolatedPluginOptions, install: boolean): Promise<IsolatedPlugin> {
    const plugin = new IsolatedPlugin(options);
    try {
      await plugin.#spawn(install);
    } catch (error) {
      await plugin.stop();
      throw error;
    }
    return plugin;
  }

  /** The worker's thread id, while it runs. */
  get threadId(): number | undefined {
    return this.#worker?.threadId;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#kill();
  }

  async #spawn(install: boolean): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    const bells = doorbells();
    const init: WorkerInit = {
      bundle: this.#options.bundle,
      manifest: this.#options.manifest,
      site: this.#options.site,
      settings: this.#options.settings,
      database: this.#options.database,
      port: port2,
      bells,
      timeLimitMs: this.#options.timeLimitMs,
    };
    const worker = new Worker(this.#options.script, {
      workerData: init,
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: this.#options.memoryMb, maxYoungGenerationSizeMb: Math.max(4, Math.round(this.#options.memoryMb / 8)), stackSizeMb: 4 },
    });
    const channel = new Channel(port1, bells, 0, (method, args) => this.#handle(method, args));
    this.#worker = worker;
    this.#channel = channel;
    this.#proxies = new Map();
    worker.once('exit', (code) => {
      channel.close(`its worker stopped (exit code ${code})`);
      if (this.#worker !== worker || this.#stopped) return;
      this.#worker = undefined;
      this.#troubled(`its worker stopped unexpectedly (exit code ${code}${code === 1 ? ', out of memory or an uncaught error' : ''})`);
    });
    worker.on('error', () => {}); // reported through 'exit'
    await channel.callAsync('start', [install], this.#options.setupTimeLimitMs);
  }

  /** Calls from the worker: each registration goes to the surface with a proxy in place of the function. */
  #handle(method: string, args: readonly unknown[]): unknown {
    const surface = this.#options.surface;
    const [a, b, c, d] = args as [any, any, any, any];
    switch (method) {
      case 'addTap':
        return surface.addTap(a, b as HookKind, this.#proxy(c, a), d);
      case 'removeTap':
        return this.#proxies.has(b) && surface.removeTap(a, this.#proxies.get(b)!, c);
      case 'hookMode':
        return surface.hookMode(a);
      case 'hasTap':
        return b === undefined ? surface.hasTap(a) : this.#proxies.has(b) && surface.hasTap(a, this.#proxies.get(b)!, c);
      case 'removeAllTaps':
        return surface.removeAllTaps(a, b);
      case 'runOwnHook':
        return surface.runOwnHook(a, b as HookKind, c);
      case 'currentPriority':
        return surface.currentPriority();
      case 'did':
        return surface.did(a);
      case 'addRoute':
        return surface.addRoute(a as RouteMethod, b, this.#proxy(c, `route ${b}`, 'async') as never);
      case 'addAdminPage':
        return surface.addAdminPage(a, { title: b, render: this.#proxy(c, `admin page ${a}`, 'async') } as AdminPage);
      case 'addAdminRoute':
        return surface.addAdminRoute(a as RouteMethod, b, this.#proxy(c, `admin route ${b}`, 'async') as never);
      case 'addHelper':
        return surface.addHelper(a, this.#proxy(b, `helper ${a}`, 'sync') as never);
      case 'addPartial':
        return surface.addPartial(a, b);
      case 'defineContentType':
        return surface.defineContentType(a as ContentTypeDefinition);
      case 'addJob':
        return surface.addJob(a, b, this.#proxy(c, `job ${a}`, 'async'));
      case 'sendMail':
        return surface.sendMail(a as MailMessage);
      case 'log':
        return surface.log(a as LogLevel, b, c);
      case 'invalidatePages':
        return surface.invalidatePages();
      default:
        throw new Error(`unknown call "${method}"`);
    }
  }

  /** A host-side stand-in for the plugin's function number `number`. */
  #proxy(number: number, label: string, mode?: 'sync' | 'async'): AnyFunction {
    let proxy = this.#proxies.get(number);
    if (!proxy) {
      proxy = (...args: unknown[]) => {
        const sync = (mode ?? this.#options.surface.hookMode(label)) === 'sync';
        return sync ? this.#callSync(number, label, args) : this.#callAsync(number, label, args);
      };
      this.#proxies.set(number, proxy);
    }
    return proxy;
  }

  #callSync(number: number, label: string, args: unknown[]): unknown {
    const channel = this.#ready();
    try {
      return channel.callSync('invoke', [number, label, args], this.#options.timeLimitMs);
    } catch (error) {
      if (!(error instanceof CallTimeout)) throw error;
      this.#troubled(`${label} ${error.message}: its worker was stopped and is starting again`);
      throw new Error(`${error.message} (isolated; its worker was restarted)`);
    }
  }

  async #callAsync(number: number, label: string, args: unknown[]): Promise<unknown> {
    const channel = this.#ready();
    try {
      return await channel.callAsync('invoke', [number, label, args], this.#options.timeLimitMs * 2);
    } catch (error) {
      if (error instanceof CallTimeout && channel === this.#channel) {
        // Slow, or stuck? A worker that cannot even answer a ping is stuck in a loop.
        const alive = await channel.callAsync('ping', [], PING_MS).then(() => true, () => false);
        if (!alive && channel === this.#channel) this.#troubled(`${label} ${error.message} and its worker does not answer: it was stopped and is starting again`);
      }
      throw error;
    }
  }

  #ready(): Channel {
    if (!this.#channel || !this.#worker || this.#restarting) throw new GuildError('GUILD_ERR_PLUGIN_ISOLATED', this.#options.manifest.id, 'is restarting its worker; skipped');
    return this.#channel;
  }

  /** Something went wrong with the worker: report it, take the plugin's parts away, start afresh. */
  #troubled(reason: string): void {
    if (this.#stopped || this.#restarting) return;
    this.#options.surface.reset();
    this.#restarting = (async () => {
      await this.#kill();
      this.#options.onTrouble(reason);
      if (this.#stopped) return;
      try {
        await this.#spawn(false);
        // Pages cached while it was away lack its part.
        this.#options.surface.invalidatePages();
      } catch (error) {
        this.#options.onTrouble(`could not be started again: ${(error as Error).message}`);
        this.#options.surface.reset();
        await this.#kill();
      }
    })().finally(() => (this.#restarting = undefined));
  }

  async #kill(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#channel?.close('the plugin stopped');
    this.#channel = undefined;
    if (worker) await worker.terminate();
  }
}
