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
 * An answer is read by its first character: `=` and a string itself; `$` and the number of a
 * promise the guest settles later; nothing at all for a value JSON cannot carry (a function);
 * anything else is JSON text (which never starts with `=` or `$`).
 */
export const TEXT_ANSWER = '=';
export const PROMISE_ANSWER = '$';

/**
 * Whether a string crosses between the two sides as itself: they exchange C strings, which end at
 * the first NUL and replace a lone surrogate, so such a string goes as JSON instead.
 */
export function carriesIntact(text: string): boolean {
  return text.indexOf('\0') < 0 && (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** A guest's answer, as the host reads it: a value, or the number of a promise to wait for. */
export type Answer = { readonly value: unknown; readonly promise?: undefined } | { readonly promise: number };

/** Reads an answer; anything else from the guest is refused (`refuse` names what came). */
export function readAnswer(text: string, refuse: (what: string) => Error): Answer {
  if (text === '') return { value: undefined };
  if (text.startsWith(TEXT_ANSWER)) return { value: text.slice(1) };
  if (text.startsWith(PROMISE_ANSWER)) {
    const promise = Number(text.slice(1));
    if (!Number.isSafeInteger(promise) || promise < 1) throw refuse(`a promise numbered "${text.slice(1, 20)}"`);
    return { promise };
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    throw refuse(`an answer that is not JSON ("${text.slice(0, 20)}")`);
  }
}
