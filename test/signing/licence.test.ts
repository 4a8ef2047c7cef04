/** Licence tokens as a host checks them offline: every way one can be wrong is refused with its reason. */
import { describe, expect, it } from 'vitest';
import { checkLicence, generateKeyPair, readLicenceClaims, signLicence, type LicenceClaims } from '../../core/signing/index.ts';

const directory = generateKeyPair();
const claims: LicenceClaims = {
  id: 'lic_1',
  package: 'acme.shop',
  buyer: 'ada',
  sites: ['bakery.example'],
  seats: 1,
  issued: '2026-01-01T00:00:00.000Z',
  expires: '2027-01-01T00:00:00.000Z',
};
const expected = { package: 'acme.shop', domains: ['bakery.example', 'bakery.localhost'], trustedKeys: [directory.publicKey], now: new Date('2026-06-01T00:00:00Z') };

describe('licence tokens', () => {
  it('accepts a licence signed by a trusted directory for this package and site', () => {
    const token = signLicence(claims, directory.privateKeyPem);
    expect(checkLicence(token, expected)).toEqual({ ok: true, claims });
    expect(readLicenceClaims(token)).toEqual(claims);
  });

  it('accepts a licence that never expires', () => {
    const token = signLicence({ ...claims, expires: null }, directory.privateKeyPem);
    expect(checkLicence(token, { ...expected, now: new Date('2099-01-01') }).ok).toBe(true);
  });

  it('refuses an expired licence', () => {
    const token = signLicence(claims, directory.privateKeyPem);
    expect(checkLicence(token, { ...expected, now: new Date('2027-01-02') })).toEqual({ ok: false, problem: 'its licence expired on 2027-01-01; renew it with "guild buy"' });
  });

  it('refuses a forged licence: signed by a key the host does not trust', () => {
    const forger = generateKeyPair();
    const result = checkLicence(signLicence(claims, forger.privateKeyPem), expected);
    expect(result).toMatchObject({ ok: false, problem: expect.stringContaining('not signed by a directory this host trusts') });
  });

  it('refuses a licence whose claims were changed after signing', () => {
    const [prefix, , signature] = signLicence(claims, directory.privateKeyPem).split('.');
    const widened = Buffer.from(JSON.stringify({ ...claims, sites: ['bakery.example', 'other.example'], seats: 50 })).toString('base64url');
    expect(checkLicence(`${prefix}.${widened}.${signature}`, expected)).toMatchObject({ ok: false, problem: expect.stringContaining('not signed by a directory this host trusts') });
  });

  it('refuses a licence for another site', () => {
    const token = signLicence({ ...claims, sites: ['someone-else.example'] }, directory.privateKeyPem);
    expect(checkLicence(token, expected)).toEqual({ ok: false, problem: 'its licence covers someone-else.example, not this site (bakery.example, bakery.localhost)' });
  });

  it('refuses a licence for another package', () => {
    const token = signLicence({ ...claims, package: 'acme.cheap' }, directory.privateKeyPem);
    expect(checkLicence(token, expected)).toEqual({ ok: false, problem: 'its licence is for "acme.cheap", not "acme.shop"' });
  });

  it('refuses no licence and a string that is not one', () => {
    expect(checkLicence(undefined, expected)).toEqual({ ok: false, problem: 'there is no licence for it' });
    expect(checkLicence('let-me-in', expected)).toMatchObject({ ok: false, problem: expect.stringContaining('not a Guild licence token') });
  });
});
