/**
 * Ed25519 keys as the network passes them around: a public key is the base64url of its 32 raw
 * bytes (short enough for a JSON field or a header), a private key stays PKCS#8 PEM on disk.
 * Signatures are base64url too. Everything here is node:crypto; nothing is hand-rolled.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export interface KeyPair {
  /** base64url of the raw 32-byte public key. */
  readonly publicKey: string;
  /** PKCS#8 PEM. */
  readonly privateKeyPem: string;
}

export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: encodePublicKey(publicKey), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

export function encodePublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return jwk.x;
}

/** The public key of a private key (PEM). */
export function publicKeyOf(privateKeyPem: string): string {
  return encodePublicKey(createPublicKey(createPrivateKey(privateKeyPem)));
}

/** True when `text` is a well-formed Ed25519 public key in our encoding. */
export function isPublicKey(text: unknown): text is string {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(text)) return false;
  try {
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: text }, format: 'jwk' });
    return true;
  } catch {
    return false;
  }
}

export function signText(text: string, privateKeyPem: string): string {
  return sign(null, Buffer.from(text, 'utf8'), createPrivateKey(privateKeyPem)).toString('base64url');
}

/** Whether `signature` is `publicKey`'s signature of `text`; false for anything malformed. */
export function verifyText(text: string, signature: string, publicKey: string): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
    return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** A short, stable name for a key, shown to people comparing keys ("SHA256:…", as ssh does). */
export function fingerprint(publicKey: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('base64').replace(/=+$/, '')}`;
}

