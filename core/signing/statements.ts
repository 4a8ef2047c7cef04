/**
 * The exact texts that get signed. Each starts with a line naming what it is, so a signature
 * made for one purpose (a request) can never be replayed as another (a package or a licence).
 */
import { integrityOf } from '../packages/index.ts';

/** What a developer signs when publishing: the package, its version and the hash of its archive (which holds everything else). */
export function packageStatement(pkg: { id: string; version: string; integrity: string }): string {
  return ['GUILD-PACKAGE-1', pkg.id, pkg.version, pkg.integrity].join('\n');
}

export interface RequestParts {
  readonly method: string;
  /** The path with its query string, as sent: "/api/packages/acme.forms/versions/1.0.0". */
  readonly path: string;
  readonly handle: string;
  /** Milliseconds since the epoch, as a string of digits. */
  readonly timestamp: string;
  /** Random, used once: the directory refuses a nonce it has seen. */
  readonly nonce: string;
  readonly body: Buffer;
}

/** What a signed request to the directory signs: method, path, who, when, a nonce and the body's hash. */
export function requestStatement(parts: RequestParts): string {
  return ['GUILD-REQUEST-1', parts.method.toUpperCase(), parts.path, parts.handle, parts.timestamp, parts.nonce, integrityOf(parts.body)].join('\n');
}

/** The headers a signed request carries. */
export const REQUEST_HEADERS = {
  handle: 'guild-handle',
  timestamp: 'guild-timestamp',
  nonce: 'guild-nonce',
  signature: 'guild-signature',
} as const;
