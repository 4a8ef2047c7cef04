/**
 * Reading a JSON body field by field. Every field that is wrong is collected, and the request is
 * refused once with all of them (422, `problems: [{field, message}]`), so a form can mark every
 * bad field at the same time.
 */
import { isSafeLink } from '../../content/index.ts';
import { GuildError } from '../../errors.ts';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export class InputError extends GuildError {
  readonly problems: readonly FieldProblem[];

  constructor(problems: readonly FieldProblem[]) {
    super('GUILD_ERR_INVALID_INPUT', problems.map((problem) => `${problem.field} ${problem.message}`).join('; '));
    this.problems = problems;
  }
}

type Body = Readonly<Record<string, unknown>>;

/** A RegExp, or anything else that tests a string. */
export interface Pattern {
  test(value: string): boolean;
}

export class Input {
  readonly #body: Body;
  readonly #problems: FieldProblem[] = [];

  constructor(body: unknown) {
    this.#body = body && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {};
  }

  has(field: string): boolean {
    return this.#body[field] !== undefined;
  }

  problem(field: string, message: string): void {
    this.#problems.push({ field, message });
  }

  /** A string field; undefined when absent and not required. */
  string(field: string, options: { required?: boolean; max?: number; min?: number; pattern?: Pattern; hint?: string } = {}): string | undefined {
    const value = this.#body[field];
    if (value === undefined || value === null || value === '') {
      if (options.required) this.problem(field, 'is required');
      return value === '' ? '' : undefined;
    }
    if (typeof value !== 'string') return this.#wrong(field, 'must be text');
    if (options.min !== undefined && value.trim().length < options.min) return this.#wrong(field, `needs at least ${options.min} characters`);
    if (options.max !== undefined && value.length > options.max) return this.#wrong(field, `may have at most ${options.max} characters`);
    if (options.pattern && !options.pattern.test(value)) return this.#wrong(field, options.hint ?? 'is not in the expected form');
    return value;
  }

  /** A string that may be set to null (to clear it). */
  nullableString(field: string, options: { max?: number; pattern?: Pattern; hint?: string } = {}): string | null | undefined {
    const value = this.#body[field];
    if (value === null || value === '') return value === undefined ? undefined : null;
    return this.string(field, options);
  }

  boolean(field: string): boolean | undefined {
    const value = this.#body[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') return this.#wrong(field, 'must be true or false');
    return value;
  }

  integer(field: string, options: { required?: boolean } = {}): number | undefined {
    const value = this.#body[field];
    if (value === undefined) {
      if (options.required) this.problem(field, 'is required');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return this.#wrong(field, 'must be a whole number');
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], options: { required?: boolean } = {}): T | undefined {
    const value = this.#body[field];
    if (value === undefined) {
      if (options.required) this.problem(field, `is required (one of: ${allowed.join(', ')})`);
      return undefined;
    }
    if (!allowed.includes(value as T)) return this.#wrong(field, `must be one of: ${allowed.join(', ')}`);
    return value as T;
  }

  strings(field: string, options: { max?: number; itemMax?: number } = {}): string[] | undefined {
    const value = this.#body[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || !item.trim())) return this.#wrong(field, 'must be a list of names');
    if (options.max !== undefined && value.length > options.max) return this.#wrong(field, `may list at most ${options.max}`);
    if (options.itemMax !== undefined && value.some((item: string) => item.length > options.itemMax!)) return this.#wrong(field, `has an entry longer than ${options.itemMax} characters`);
    return value.map((item: string) => item.trim());
  }

  /** An ISO 8601 date-time, or null to clear it. */
  date(field: string): string | null | undefined {
    const value = this.#body[field];
    if (value === undefined || value === null) return value;
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return this.#wrong(field, 'must be a date and time like 2026-05-01T09:00:00Z');
    return new Date(value).toISOString();
  }

  raw(field: string): unknown {
    return this.#body[field];
  }

  /** Throws every problem found so far as one 422. */
  check(): void {
    if (this.#problems.length) throw new InputError(this.#problems);
  }

  #wrong(field: string, message: string): undefined {
    this.problem(field, message);
    return undefined;
  }
}

/** A positive integer from a route parameter; 404 otherwise. */
export function idParam(value: unknown, what: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new GuildError('GUILD_ERR_NOT_FOUND', what);
  return id;
}

/** A site path ("/about/"), an anchor, or a web, mail or phone address. */
/** A link an editor may publish (core/content/links.ts). */
export const LINK: Pattern = { test: isSafeLink };
