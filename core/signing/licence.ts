/**
 * Licence tokens: what a directory issues when a paid package is bought, and what a host checks
 * offline before it runs that package. A token is `guild-licence.<claims>.<signature>`, both parts
 * base64url; the claims are JSON and the signature is the directory's Ed25519 signature of
 * "GUILD-LICENCE-1\n<claims part>". No network is needed to check one: only the public keys of
 * the directories the host trusts.
 */
import { signText, verifyText } from './keys.ts';

export interface LicenceClaims {
  /** The licence's id at the directory ("lic_…"). */
  readonly id: string;
  /** The package it is for: a plugin id or a theme id. */
  readonly package: string;
  /** The buyer's handle. */
  readonly buyer: string;
  /** The domains of the sites it covers so far. */
  readonly sites: readonly string[];
  /** How many sites it may cover in all; the directory adds domains up to this number. */
  readonly seats: number;
  /** When it was issued, ISO 8601. */
  readonly issued: string;
  /** When it stops being valid, ISO 8601; null for a licence that never expires. */
  readonly expires: string | null;
}

const PREFIX = 'guild-licence';

export function signLicence(claims: LicenceClaims, privateKeyPem: string): string {
  const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${PREFIX}.${body}.${signText(statement(body), privateKeyPem)}`;
}

export type LicenceCheck = { readonly ok: true; readonly claims: LicenceClaims } | { readonly ok: false; readonly problem: string };

export interface LicenceExpectation {
  /** The package the licence must be for. */
  readonly package: string;
  /** The site's domains; the licence must name one of them. */
  readonly domains: readonly string[];
  /** Public keys of the directories whose licences are accepted. */
  readonly trustedKeys: readonly string[];
  readonly now?: Date;
}

/** Checks a token offline: well formed, signed by a trusted directory, for this package and site, not expired. */
export function checkLicence(token: string | undefined, expected: LicenceExpectation): LicenceCheck {
  if (!token) return { ok: false, problem: 'there is no licence for it' };
  const [prefix, body, signature, ...rest] = token.trim().split('.');
  if (prefix !== PREFIX || !body || !signature || rest.length > 0) return { ok: false, problem: 'its licence is not a Guild licence token (it should start with "guild-licence.")' };
  if (!expected.trustedKeys.some((key) => verifyText(statement(body), signature, key))) {
    return { ok: false, problem: 'its licence is not signed by a directory this host trusts (it was changed, forged, or comes from another directory)' };
  }
  let claims: LicenceClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LicenceClaims;
  } catch {
    return { ok: false, problem: 'its licence cannot be read' };
  }
  if (claims.package !== expected.package) return { ok: false, problem: `its licence is for "${claims.package}", not "${expected.package}"` };
  const sites = Array.isArray(claims.sites) ? claims.sites : [];
  if (!sites.some((domain) => expected.domains.includes(domain))) {
    return { ok: false, problem: `its licence covers ${sites.join(', ') || 'no site'}, not this site (${expected.domains.join(', ') || 'no domain'})` };
  }
  if (claims.expires !== null && !(Date.parse(claims.expires) > (expected.now ?? new Date()).getTime())) {
    return { ok: false, problem: `its licence expired on ${claims.expires.slice(0, 10)}; renew it with "guild buy"` };
  }
  return { ok: true, claims };
}

/** The claims of a token without checking it, for showing what a token says. */
export function readLicenceClaims(token: string): LicenceClaims | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as LicenceClaims;
  } catch {
    return undefined;
  }
}

function statement(body: string): string {
  return `GUILD-LICENCE-1\n${body}`;
}
