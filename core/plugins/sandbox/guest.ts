/**
 * The inside of a sandbox: evaluated in the plugin's QuickJS context before its bundle (esbuild
 * makes it one script with call-protocol.ts, its only import). It builds the plugin's context as a mirror of
 * the host's: every part is fetched from the host when first touched (so the host's capability
 * check decides), and every method of a part forwards, by name, to the host's part. Nothing here
 * is trusted: the host checks every message as if the plugin had written it.
 *
 * Messages to the host are JSON text. A function crossing to the host becomes {"$fn": n, "arity": k};
 * the host calls it back through an entry it asked for once (`entry`), with the k arguments it
 * declares. A promise the host must wait for becomes {"$p": n}, settled later through `settle` in
 * either direction. An object the host lends (a page, say) is read field by field (`lentView`).
 * `setTimeout` keeps its callback here and asks the host for the clock; the host calls `fire` when
 * it is due.
 *
 * A call back from the host is the hot path (every tap, on every page): see call-protocol.ts.
 */

import { ArgumentForm, PROMISE_ANSWER, TEXT_ANSWER } from './call-protocol.ts';

type HostFunction = (message: string) => string;
type AnyFunction = (...args: any[]) => unknown;

const scope = globalThis as Record<string, any>;
const send: HostFunction = scope.__host;
// Taken before the plugin's code runs: a plugin that replaces them breaks only its own calls.
const parse = JSON.parse;
const stringify = JSON.stringify;
const apply = Reflect.apply;
const define = Object.defineProperty;
// The plugin's code runs after this script: the channel is kept in this closure only.
delete scope.__host;

const functions: AnyFunction[] = [];
const numbers = new Map<AnyFunction, number>();
const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let nextPromise = 1;

function numberOf(fn: AnyFunction): number {
  let number = numbers.get(fn);
  if (number === undefined) {
    number = functions.push(fn);
    numbers.set(fn, number);
  }
  return number;
}

/**
 * The arguments a function takes, for the host to send no more (0: all of them). A rest parameter
 * (`(value, ...rest)`) does not count in `length`, so a function that has one takes all.
 */
function arityOf(fn: AnyFunction): number {
  const source = Function.prototype.toString.call(fn);
  const ends = [source.indexOf('=>'), source.indexOf('{')].filter((at) => at >= 0);
  const parameters = ends.length > 0 ? source.slice(0, Math.min(...ends)) : source;
  return parameters.includes('...') ? 0 : fn.length;
}

/** A message to the host: functions become {"$fn": number, "arity": declared parameters}. */
const encode = (value: unknown): string =>
  JSON.stringify(value === undefined ? null : value, (_key, item) => (typeof item === 'function' ? { $fn: numberOf(item), arity: arityOf(item as AnyFunction) } : item));

/** Sends one message; a {"$p"} answer becomes a promise the host settles later. */
function ask(message: unknown[]): unknown {
  const answer = JSON.parse(send(encode(message))) as { v?: unknown; $p?: number };
  if (answer.$p === undefined) return answer.v;
  const id = answer.$p;
  return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
}

/** A part of the context as the host describes it: data, or methods that forward by name. */
function mirror(key: string): unknown {
  const described = ask(['part', key]) as { data?: unknown; methods?: string[] };
  if (!described.methods) return Object.freeze(described.data);
  const part: Record<string, unknown> = { ...(described.data as object) };
  for (const method of described.methods) part[method] = (...args: unknown[]) => ask(['call', key, method, args]);
  return Object.freeze(part);
}

const context: Record<string, unknown> = {};
for (const key of ask(['parts']) as string[]) {
  let value: unknown;
  let fetched = false;
  Object.defineProperty(context, key, {
    enumerable: true,
    get: () => {
      if (!fetched) {
        value = mirror(key);
        fetched = true;
      }
      return value;
    },
  });
}
Object.freeze(context);

const log = (level: string) => (...parts: unknown[]) => void ask(['call', 'log', level, [parts.map((part) => (typeof part === 'string' ? part : encode(part))).join(' ')]]);
scope.console = Object.freeze({ log: log('info'), info: log('info'), debug: log('debug'), warn: log('warn'), error: log('error') });

// QuickJS has no Intl: dates and numbers are formatted by the host's, with the plugin's options.
if (typeof scope.Intl === 'undefined') {
  const formatter = (kind: string) =>
    class {
      readonly #locale: unknown;
      readonly #options: unknown;
      constructor(locale?: unknown, options?: unknown) {
        this.#locale = locale;
        this.#options = options;
      }
      format(value: unknown): string {
        return ask(['intl', kind, this.#locale, this.#options, value instanceof Date ? value.getTime() : value]) as string;
      }
    };
  scope.Intl = Object.freeze({ DateTimeFormat: formatter('DateTimeFormat'), NumberFormat: formatter('NumberFormat') });
}

// Timers: the host keeps the clock (one Node timer per pending call, capped), the callback stays here.
const timers = new Map<number, () => unknown>();
let nextTimer = 1;
scope.setTimeout = (callback: unknown, delay?: unknown, ...args: unknown[]): number => {
  if (typeof callback !== 'function') throw new TypeError('setTimeout needs a function: the sandbox does not evaluate strings');
  const id = nextTimer++;
  ask(['timer', id, Number(delay) || 0]); // refused (a throw here) when too many are pending
  timers.set(id, () => (callback as AnyFunction)(...args));
  return id;
};
scope.clearTimeout = (id: unknown): void => {
  if (timers.delete(id as number)) void ask(['clear', id]);
};

/**
 * A lent argument (call-protocol.ts's `isLent`): an ordinary object whose fields are read from the
 * host when first touched, then kept, and which the plugin may change as it would its own copy.
 */
function lentView(id: number, keys: string[]): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  const keep = (key: string, value: unknown): unknown => {
    define(view, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  for (const key of keys) {
    define(view, key, {
      enumerable: true,
      configurable: true,
      get: () => keep(key, ask(['read', id, key])),
      set: (value: unknown) => void keep(key, value),
    });
  }
  return view;
}

/** The arguments of a Lent call; of a TextLent one, `text` first (call-protocol.ts). */
function withLent(json: string, text?: string): unknown[] {
  const [rest, lent] = parse(json) as [unknown[], Array<[number, number, ...string[]]>];
  const args = text === undefined ? rest : [text, ...rest];
  for (const [position, id, ...keys] of lent) args[position] = lentView(id, keys);
  return args;
}

/**
 * What a call from the host returns, in call-protocol.ts's one string. Answers are data: plain
 * JSON, without encode's replacer (a function call per key in QuickJS), and no wrapping object
 * (each costs as much as the rest of a small call).
 */
function answer(value: unknown): string {
  if (typeof value === 'string') {
    lastText = value;
    return `${TEXT_ANSWER}${value.length}:${value}`;
  }
  if (typeof (value as PromiseLike<unknown> | undefined)?.then === 'function') return PROMISE_ANSWER + settleLater(value as PromiseLike<unknown>);
  return stringify(value === undefined ? null : value) ?? '';
}

/** The last string answered as itself, kept for the host's `again` (call-protocol.ts). */
let lastText = '';

function settleLater(value: PromiseLike<unknown>): number {
  const id = nextPromise++;
  Promise.resolve(value).then(
    (result) => void send(encode(['settle', id, true, result])),
    (error: unknown) => void send(encode(['settle', id, false, describe(error)])),
  );
  return id;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function start(install: boolean): Promise<void> {
  const definition = (scope.__guildPlugin as { default?: any } | undefined)?.default;
  if (typeof definition?.setup !== 'function') throw new Error('the entry must export default definePlugin({ setup(context) { ... } })');
  const migrations = definition.migrations as Array<{ version: number; name: string; up: (storage: unknown) => void }> | undefined;
  if (migrations?.length) {
    const storage = context.storage as { migrate(migrations: unknown[]): void };
    storage.migrate(migrations.map((migration) => ({ version: migration.version, name: migration.name, up: () => migration.up(storage) })));
  }
  if (install) await definition.install?.(context);
  await definition.setup(context);
}

/** What the host calls: functions by number, host promises settled, the plugin started. */
scope.__guild = Object.freeze({
  /**
   * The host's way into function `number` with arguments in `form`: asked for once, kept by the
   * host, then called with one string per call (a call crosses the WebAssembly boundary as few
   * times as it can, and nothing is looked up or unpacked that need not be).
   */
  entry: (number: number, form: ArgumentForm): ((payload: string) => string) => {
    const fn = functions[number - 1];
    if (!fn) throw new Error(`no function #${number}`);
    if (form === ArgumentForm.Text) return (payload) => answer(fn(payload));
    if (form === ArgumentForm.One) return (payload) => answer(fn(parse(payload)));
    if (form === ArgumentForm.Lent) return (payload) => answer(apply(fn, undefined, withLent(payload)));
    if (form === ArgumentForm.TextLent) {
      return (payload) => {
        const cut = payload.indexOf('\n');
        return answer(apply(fn, undefined, withLent(payload.slice(0, cut), payload.slice(cut + 1))));
      };
    }
    return (payload) => answer(apply(fn, undefined, parse(payload) as unknown[]));
  },
  settle: (id: number, ok: boolean, value: string): void => {
    const promise = waiting.get(id);
    waiting.delete(id);
    if (ok) promise?.resolve(JSON.parse(value));
    else promise?.reject(new Error(value));
  },
  start: (install: boolean): string => answer(start(install)),
  again: (): string => stringify(lastText),
  fire: (id: number): string => {
    const callback = timers.get(id);
    timers.delete(id);
    void callback?.();
    return '';
  },
});
