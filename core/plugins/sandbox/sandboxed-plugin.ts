/**
 * The host's side of a sandboxed plugin on one site: a QuickJS instance of its own with a memory
 * limit, the guest script, the plugin's bundle, and one host function (`__host`) through which
 * every request of the plugin arrives as JSON and is answered as JSON (host-requests.ts; bridge.ts
 * for what it may ask). Each function the plugin hands over becomes a host stand-in that calls
 * into the sandbox by number.
 *
 * Time: every entry into the sandbox from the host has a budget, enforced twice. QuickJS's
 * interrupt handler stops ordinary loops cleanly (the plugin cannot catch it, and its sandbox goes
 * on); a step that QuickJS does not interrupt (a heavy built-in in a loop) is stopped by the loop
 * guard (loop-guard.ts, entry-clock.ts) a little later, wherever it stands: that sandbox is discarded,
 * never entered again, and the site may start the plugin afresh (onDiscarded). The promise jobs an
 * entry leaves run inside the same budget, and a promise the host waits for must settle within its
 * limit. An overrun is reported (the site counts them) and its call is skipped, never retried.
 * Memory: exhausting the limit ends the sandbox; the site switches the plugin off.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import { GuildError } from '../../errors.ts';
import type { PluginManifest } from '../../manifest/index.ts';
import type { PluginContext } from '../../sdk/context.ts';
import type { AnyFunction } from '../surface.ts';
import { CallArguments } from './call-arguments.ts';
import { ARGUMENT_FORMS, readAnswer, type Answer, type ArgumentForm } from './call-protocol.ts';
import { newEngine } from './engine.ts';
import { EntryClock } from './entry-clock.ts';
import { GuestPromises } from './guest-promises.ts';
import { GuestTimers } from './guest-timers.ts';
import { HostRequests } from './host-requests.ts';

export interface SandboxOptions {
  /** The guest script (PluginBuilder.guestScript()). */
  readonly guest: string;
  /** The plugin's sandbox bundle (PluginBuilder.sandboxBundle()). */
  readonly bundle: string;
  readonly manifest: PluginManifest;
  /** The host's context for the plugin: what every request is checked and carried out against. */
  readonly context: PluginContext;
  /** CPU budget of one call into the sandbox, and the longest a hook or helper waits on its promise. */
  readonly budgetMs: number;
  /** The longest a route, admin page or job waits on the plugin's promise. */
  readonly requestLimitMs: number;
  readonly setupTimeLimitMs: number;
  readonly memoryMb: number;
  /** A call ran past its time; the site counts these. */
  readonly onOverrun: (reason: string) => void;
  /** The sandbox ended (out of memory, or broken); the plugin no longer runs on this site. */
  readonly onEnded: (reason: string) => void;
  /** The sandbox was stopped mid-operation (after onOverrun) and discarded; the plugin may start again. */
  readonly onDiscarded: (reason: string) => void;
}

const STACK_BYTES = 512 * 1024;
/** Promise jobs run between two looks at the clock. */
const JOB_BATCH = 64;
/** What the guest's promise rejects with when the interrupt stopped the async function behind it. */
const INTERRUPTED = 'interrupted';


export class SandboxedPlugin {
  readonly #options: SandboxOptions;
  readonly #id: string;
  #runtime!: QuickJSRuntime;
  #vm!: QuickJSContext;
  readonly #handles: QuickJSHandle[] = [];
  #entry!: QuickJSHandle;
  /** The guest's entry into each function the host calls, by function number and argument form. */
  readonly #entries = new Map<number, QuickJSHandle>();
  #settle!: QuickJSHandle;
  #start!: QuickJSHandle;
  #fire!: QuickJSHandle;
  #again!: QuickJSHandle;
  /** The plugin's pending setTimeout calls; each callback runs in the sandbox within the budget. */
  readonly #timers: GuestTimers;
  readonly #requests: HostRequests;
  readonly #proxies = new Map<number, AnyFunction>();
  readonly #arguments: CallArguments;
  /** Guest promises the host waits for, by the guest's number. */
  readonly #promises = new GuestPromises();
  #depth = 0;
  readonly #clock = new EntryClock();
  /** Set when the current entry's promise jobs ran past its deadline. */
  #entryCut: Error | undefined;
  #ended: string | undefined;
  #disposed = false;

  private constructor(options: SandboxOptions) {
    this.#options = options;
    this.#id = options.manifest.id;
    this.#timers = new GuestTimers(this.#id, (id) => this.#runTimer(id));
    this.#arguments = new CallArguments(this.#id);
    this.#requests = new HostRequests({
      pluginId: this.#id,
      context: options.context,
      timers: this.#timers,
      proxy: (number, arity, label, render) => this.#proxy(number, arity, label, render ? options.budgetMs : options.requestLimitMs),
      settleWaiting: (id, ok, value) => this.#settleWaiting(id, ok, value),
      settleGuest: (id, ok, payload) => this.#settleGuest(id, ok, payload),
      readLent: (id, key) => this.#arguments.read(id, key),
    });
  }

  #open(runtime: QuickJSRuntime): void {
    this.#runtime = runtime;
    runtime.setMemoryLimit(this.#options.memoryMb * 1024 * 1024);
    runtime.setMaxStackSize(STACK_BYTES);
    runtime.setInterruptHandler(() => this.#clock.pastDeadline());
    this.#vm = runtime.newContext();
  }

  /** Evaluates the guest and the plugin's bundle in a new sandbox and runs its setup there. */
  static async start(options: SandboxOptions, install: boolean): Promise<SandboxedPlugin> {
    const plugin = new SandboxedPlugin(options);
    plugin.#open((await newEngine(options.memoryMb, plugin.#clock.tick)).newRuntime());
    try {
      plugin.#load();
      await plugin.#answer(plugin.#enter(() => plugin.#call(plugin.#start, [plugin.#vm.newNumber(install ? 1 : 0)], 'setup'), options.setupTimeLimitMs), 'setup', options.setupTimeLimitMs);
    } catch (error) {
      plugin.stop();
      throw error;
    }
    return plugin;
  }

  /** Ends the sandbox; calls still waiting fail. Safe to call from inside a call into it. */
  stop(reason = 'the plugin stopped'): void {
    this.#ended ??= reason;
    this.#timers.clearAll();
    this.#promises.failAll(new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#id, reason));
    if (this.#depth === 0) this.#dispose();
  }

  #load(): void {
    const vm = this.#vm;
    const host = vm.newFunction('__host', (message) => vm.newString(this.#requests.receive(vm.getString(message))));
    vm.setProp(vm.global, '__host', host);
    host.dispose();
    this.#evaluate(this.#options.guest, 'guild-guest.js');
    // The guest's entry points, taken before the plugin's code runs and could replace them.
    const guild = this.#keep(vm.getProp(vm.global, '__guild'));
    this.#entry = this.#keep(vm.getProp(guild, 'entry'));
    this.#settle = this.#keep(vm.getProp(guild, 'settle'));
    this.#start = this.#keep(vm.getProp(guild, 'start'));
    this.#fire = this.#keep(vm.getProp(guild, 'fire'));
    this.#again = this.#keep(vm.getProp(guild, 'again'));
    this.#evaluate(this.#options.bundle, `${this.#id}.js`);
  }

  #evaluate(code: string, file: string): void {
    this.#enter(() => {
      const result = this.#vm.evalCode(code, file);
      if (result.error) throw new GuildError('GUILD_ERR_PLUGIN_LOAD', this.#id, this.#errorOf(result.error).message);
      result.value.dispose();
    }, this.#options.setupTimeLimitMs);
  }

  #keep(handle: QuickJSHandle): QuickJSHandle {
    this.#handles.push(handle);
    return handle;
  }

  /**
   * A host stand-in for the plugin's function number `number`. It sends as many arguments as the
   * function declares (all of them for one with rest parameters only): copying a page's context
   * into the sandbox for a tap that takes only the value is most of a call's cost. One argument
   * goes alone, and a string as itself, which QuickJS then need not parse; a page or other plain
   * object after the first argument is lent, not copied (call-protocol.ts, call-arguments.ts).
   */
  #proxy(number: number, arity: number, label: string, limitMs: number): AnyFunction {
    let proxy = this.#proxies.get(number);
    if (!proxy) {
      proxy = (...args: unknown[]) => {
        this.#alive();
        const sent = arity > 0 && arity < args.length ? args.slice(0, arity) : args;
        const call = this.#arguments.send(sent);
        let result: unknown;
        try {
          const answer = this.#enter(() => this.#call(this.#entryFor(number, call.form, label), [this.#vm.newString(call.payload)], label), this.#options.budgetMs);
          result = this.#answer(answer, label, limitMs);
        } catch (error) {
          this.#arguments.giveBack(call);
          throw error;
        }
        if (result instanceof Promise && call.lent.length > 0) return result.finally(() => this.#arguments.giveBack(call));
        this.#arguments.giveBack(call);
        return result;
      };
      this.#proxies.set(number, proxy);
    }
    return proxy;
  }

  /** The guest's entry into function `number` for arguments in `form`: asked for once, inside the caller's entry. */
  #entryFor(number: number, form: ArgumentForm, label: string): QuickJSHandle {
    const key = number * ARGUMENT_FORMS + form;
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = this.#keep(this.#run(this.#entry, [this.#vm.newNumber(number), this.#vm.newNumber(form)], label));
      this.#entries.set(key, entry);
    }
    return entry;
  }

  /** Runs work that enters the sandbox; the outermost entry sets the deadline and runs the jobs it left. */
  #enter<T>(work: () => T, budgetMs: number): T {
    if (this.#depth === 0) {
      this.#clock.begin(budgetMs);
      this.#entryCut = undefined;
    }
    this.#depth++;
    try {
      return work();
    } catch (error) {
      if (this.#clock.hardStopped) throw this.#discard(budgetMs);
      throw error;
    } finally {
      this.#depth--;
      if (this.#depth === 0) {
        if (!this.#clock.hardStopped) this.#runJobs();
        this.#clock.end();
        if (this.#ended) this.#dispose();
      }
    }
  }

  /**
   * The loop guard stopped the instance mid-operation: its memory is not trusted any more, so it
   * is never entered again (not even to free it: dropping it frees it). Reported once, as an
   * overrun and then as a discard; calls waiting on it fail.
   */
  #discard(budgetMs: number): GuildError {
    const reason = `ran past its ${budgetMs} ms budget inside a built-in and was stopped; its sandbox was discarded`;
    if (!this.#disposed) {
      this.#disposed = true; // #dispose would call into the stopped instance
      const error = this.#overrun(reason);
      this.stop(reason);
      this.#cut(error);
      this.#options.onDiscarded(reason);
    }
    return new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#id, reason);
  }

  /** Calls a guest function with fresh argument handles (disposed here); the result is the caller's to dispose. */
  #run(fn: QuickJSHandle, args: QuickJSHandle[], label: string): QuickJSHandle {
    try {
      const result = this.#vm.callFunction(fn, this.#vm.undefined, ...args);
      if (result.error) throw this.#failure(result.error, label);
      return result.value;
    } finally {
      if (!this.#clock.hardStopped) for (const arg of args) arg.dispose();
    }
  }

  /** Calls a guest function that answers in call-protocol.ts's form, and reads the answer. */
  #call(fn: QuickJSHandle, args: QuickJSHandle[], label: string): Answer {
    const refuse = (what: string) => new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#id, `answered ${label} with ${what}`);
    return readAnswer(this.#string(fn, args, label), refuse, () => this.#string(this.#again, [], label));
  }

  /** Calls a guest function that answers with a string, and reads it. */
  #string(fn: QuickJSHandle, args: QuickJSHandle[], label: string): string {
    const result = this.#run(fn, args, label);
    try {
      return this.#vm.getString(result);
    } finally {
      result.dispose();
    }
  }

  /** The value of a guest answer, or a promise of it bounded by `limitMs`. */
  #answer(answer: Answer, label: string, limitMs: number): unknown {
    if (answer.promise === undefined) return answer.value;
    // A cut entry's overrun was counted once, when its jobs were cut.
    return this.#promises.wait(answer.promise, label, limitMs, () => this.#overrun(`${label} did not finish within ${limitMs} ms; skipped`), this.#entryCut);
  }

  /**
   * Runs the promise jobs the plugin left, in small batches within the entry's deadline. Jobs still
   * queued at the deadline (a loop of awaits that catches its own interrupts, say) are an overrun;
   * they wait for the next entry, which has a budget of its own.
   */
  #runJobs(): void {
    while (!this.#disposed && this.#runtime.hasPendingJob()) {
      if (this.#clock.pastDeadline()) return this.#cut(this.#overrun(`its promise jobs ran past its ${this.#options.budgetMs} ms budget and were stopped`));
      const result = this.#runtime.executePendingJobs(JOB_BATCH);
      // An overrun or exhausted memory is reported by #failure, once.
      if (result.error) return this.#cut(this.#failure(result.error, 'a promise job'));
    }
  }

  /** The jobs overran: every call waiting on the sandbox fails now, the entry's own call too (#answer). */
  #cut(error: Error): void {
    this.#entryCut = error;
    this.#promises.failAll(error);
  }

  #runTimer(id: number): void {
    if (this.#ended || this.#disposed) return;
    try {
      this.#enter(() => this.#call(this.#fire, [this.#vm.newNumber(id)], 'a timer (setTimeout)'), this.#options.budgetMs);
    } catch (error) {
      // An overrun was counted by #failure; any other throw is the plugin's own bug, for its site's log.
      this.#options.context.log.error(`a timer (setTimeout) failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #settleGuest(id: number, ok: boolean, payload: string): void {
    if (this.#ended || this.#disposed) return;
    try {
      this.#enter(() => {
        const vm = this.#vm;
        const result = vm.callFunction(this.#settle, vm.undefined, vm.newNumber(id), ok ? vm.true : vm.false, vm.newString(payload));
        if (result.error) throw this.#failure(result.error, 'a settled promise');
        result.value.dispose();
      }, this.#options.budgetMs);
    } catch {
      // reported by #failure; nobody waits on this call
    }
  }

  #settleWaiting(id: number, ok: boolean, value: unknown): void {
    this.#promises.settle(id, ok, value, (label, reason) =>
      reason === INTERRUPTED ? this.#overrun(`${label} ran past its ${this.#options.budgetMs} ms budget and was stopped`) : new Error(String(reason)),
    );
  }

  /** Turns a guest error into a host one; an interrupt is an overrun, exhausted memory ends the sandbox. */
  #failure(handle: QuickJSHandle, label: string): Error {
    const error = this.#errorOf(handle);
    if (error.name === 'InternalError' && error.message === INTERRUPTED) {
      return this.#overrun(`${label} ran past its ${this.#options.budgetMs} ms budget and was stopped`);
    }
    if (error.name === 'InternalError' && error.message === 'out of memory') {
      const reason = `used more than its ${this.#options.memoryMb} MB of memory (GUILD_PLUGIN_MEMORY_MB); its sandbox was ended`;
      if (!this.#ended) {
        this.stop(reason);
        this.#options.onEnded(reason);
      }
      return new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#id, reason);
    }
    return new Error(error.message);
  }

  #overrun(reason: string): Error {
    if (!this.#ended) this.#options.onOverrun(reason);
    return new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#id, reason);
  }

  #errorOf(handle: QuickJSHandle): { name: string; message: string } {
    try {
      const dumped = this.#vm.dump(handle) as { name?: unknown; message?: unknown } | unknown;
      if (typeof dumped === 'object' && dumped !== null) {
        const { name, message } = dumped as { name?: unknown; message?: unknown };
        return { name: String(name ?? 'Error'), message: String(message ?? dumped) };
      }
      return { name: 'Error', message: String(dumped) };
    } finally {
      handle.dispose();
    }
  }

  #alive(): void {
    if (this.#ended) throw new GuildError('GUILD_ERR_PLUGIN_SANDBOX', this.#id, this.#ended);
  }

  #dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const handle of this.#handles) if (handle.alive) handle.dispose();
    try {
      this.#vm.dispose();
      this.#runtime.dispose();
    } catch {
      // A QuickJS instance that cannot be freed cleanly is simply dropped: it is this sandbox's alone.
    }
  }
}
