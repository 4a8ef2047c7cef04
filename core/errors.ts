/**
 * Every error the core raises on purpose, in one table (the Fastify way): a stable code that
 * tests and tools can match on, an HTTP status for when it reaches a response, and a message
 * that says what is wrong and how to fix it. Messages never carry stack traces to visitors.
 * The table is kept in one file per area (errors/); the codes are one namespace.
 */
import { extendingErrors } from './errors/extending.ts';
import { siteErrors } from './errors/sites.ts';
import { directoryErrors } from './errors/directory.ts';
import { operationErrors } from './errors/operations.ts';
import { requestErrors } from './errors/requests.ts';
import type { GuildErrorSpec } from './errors/spec.ts';

export type { GuildErrorSpec };

const specs = { ...extendingErrors, ...siteErrors, ...directoryErrors, ...operationErrors, ...requestErrors };
export type GuildErrorCode = keyof typeof specs;

/** Every error code with its status and message spec, for the generated docs/errors.md. */
export const errorSpecs: Readonly<Record<GuildErrorCode, GuildErrorSpec>> = specs;

export class GuildError extends Error {
  readonly code: GuildErrorCode;
  readonly status: number;

  constructor(code: GuildErrorCode, ...args: string[]) {
    const spec: GuildErrorSpec = specs[code];
    super(spec.message(...args));
    this.name = 'GuildError';
    this.code = code;
    this.status = spec.status;
  }
}

export function isGuildError(error: unknown, code?: GuildErrorCode): error is GuildError {
  return error instanceof GuildError && (code === undefined || error.code === code);
}

/**
 * A Guild error that crossed a boundary as its code and message (from a worker thread, or in a
 * directory's answer), made whole again; undefined for a code this core does not know.
 */
export function reviveGuildError(code: string | undefined, message: string): GuildError | undefined {
  if (!code || !Object.hasOwn(specs, code)) return undefined;
  const error = new GuildError(code as GuildErrorCode);
  error.message = message;
  return error;
}

/** A one-line reason for logs and status listings, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
