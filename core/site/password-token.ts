/**
 * What a visitor's cookie holds after giving a password (a private site's, a protected post's):
 * a digest of what the password unlocks and the password itself, never the password. Changing
 * the password changes the digest, so every remembered visitor is asked again.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function passwordToken(purpose: string, scope: string, password: string): string {
  return createHash('sha256').update(`guild-${purpose}\n${scope}\n${password}`).digest('base64url');
}

export function sameToken(given: string | undefined, expected: string): boolean {
  return given !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
