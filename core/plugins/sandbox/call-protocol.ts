/**
 * How the host calls one of a sandboxed plugin's functions, and how the guest answers: the one
 * shape both sides of the hot path share (guest.ts is bundled with this file; the host imports it).
 * Each call carries one string in and one string out, in the shortest form that is still a copy:
 * QuickJS interprets the guest's side, where every JSON step costs microseconds.
 */

/** How a call's arguments travel in its one string; the host keeps one guest entry per function and form. */
export const ArgumentForm = {
  /** A JSON list of the arguments. */
  List: 0,
  /** One argument, as JSON. */
  One: 1,
  /** One argument, a string, as itself (see `carriesIntact`). */
  Text: 2,
  /** A JSON list `[arguments, lent]`: arguments with a lent one as null, and `[position, id, ...keys]` for each lent one. */
  Lent: 3,
  /**
   * As Lent, but the first argument, a string, travels as itself after the JSON and a newline
   * (which JSON text never holds): a filter's value with the page it is for, such as the head's
   * HTML, which QuickJS would otherwise parse out of JSON on every call.
   */
  TextLent: 4,
} as const;
export type ArgumentForm = (typeof ArgumentForm)[keyof typeof ArgumentForm];
export const ARGUMENT_FORMS = 5;

/**
 * Whether an argument is lent rather than copied: a plain object after the first argument (a
 * filter's context, such as the page being rendered). The guest gets a view of it whose fields it
 * reads from the host when first touched, for as long as the call and its promise last; copying a
 * whole page into QuickJS for a tap that reads its title was most of the tap's cost.
 */
export function isLent(value: unknown, position: number): value is Record<string, unknown> {
  if (position === 0 || typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * An answer is read by its first character: `=`, a string's length, `:` and the string itself;
 * `$` and the number of a promise the guest settles later; nothing at all for a value JSON cannot
 * carry (a function); anything else is JSON text (which never starts with `=` or `$`).
 *
 * A string answered as itself may not arrive intact (see `carriesIntact`), and checking it in the
 * guest took QuickJS, interpreted, about as long as the rest of a call with a page's head: the
 * host checks it instead, by its length and the replacement character, and asks the guest for the
 * same answer as JSON (`again`) when it does not match.
 */
export const TEXT_ANSWER = '=';
export const PROMISE_ANSWER = '$';

/**
 * Whether a string argument crosses to the guest as itself: the two sides exchange C strings,
 * which end at the first NUL and replace a lone surrogate, so such a string goes as JSON instead.
 * (The host checks the guest's string answers when they arrive: see TEXT_ANSWER.)
 */
export function carriesIntact(text: string): boolean {
  return text.indexOf('\0') < 0 && (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** A guest's answer, as the host reads it: a value, or the number of a promise to wait for. */
export type Answer = { readonly value: unknown; readonly promise?: undefined } | { readonly promise: number };

/**
 * Reads an answer; anything else from the guest is refused (`refuse` names what came). `again`
 * asks the guest for its last string answer as JSON, for one that did not arrive intact.
 */
export function readAnswer(text: string, refuse: (what: string) => Error, again: () => string): Answer {
  if (text === '') return { value: undefined };
  if (text.startsWith(TEXT_ANSWER)) return { value: textAnswer(text, refuse, again) };
  if (text.startsWith(PROMISE_ANSWER)) {
    const promise = Number(text.slice(1));
    if (!Number.isSafeInteger(promise) || promise < 1) throw refuse(`a promise numbered "${text.slice(1, 20)}"`);
    return { promise };
  }
  return { value: jsonAnswer(text, refuse) };
}

function textAnswer(text: string, refuse: (what: string) => Error, again: () => string): string {
  const colon = text.indexOf(':');
  const length = Number(text.slice(1, colon));
  if (colon < 0 || !Number.isSafeInteger(length)) throw refuse(`a string without its length ("${text.slice(0, 20)}")`);
  const value = text.slice(colon + 1);
  // A NUL ends the C string early; a lone surrogate arrives as U+FFFD (so does a real one: it is asked again all the same).
  if (value.length === length && !value.includes('\uFFFD')) return value;
  const copy = jsonAnswer(again(), refuse);
  if (typeof copy !== 'string') throw refuse('a string whose copy is not one');
  return copy;
}

function jsonAnswer(text: string, refuse: (what: string) => Error): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw refuse(`an answer that is not JSON ("${text.slice(0, 20)}")`);
  }
}
