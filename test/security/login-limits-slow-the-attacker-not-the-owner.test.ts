// Issue 12, item 8: proxy headers are believed only from the proxies GUILD_TRUST_PROXY names, and
// failed logins are counted per address, per account from an address and per account from
// anywhere, so an attacker spreading guesses is slowed while the owner's own browser still gets in.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { resolveConfig } from '../../core/host/index.ts';
import { member, PASSWORD } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

let box: Sandbox;
afterEach(() => box?.remove());

async function hostWith(options: { trustProxy?: string[] } = {}): Promise<Host> {
  box = sandbox();
  box.site('alpha');
  const host = await box.host(options);
  await member(host, 'alpha', 'owner@alpha.test', 'owner');
  return host;
}

const login = (host: Host, password: string, from?: string, cookie?: string, email = 'owner@alpha.test') => {
  const call = request(host.app).post('/admin/api/session').set('Host', 'alpha.admin.localhost');
  if (from) call.set('X-Forwarded-For', from);
  if (cookie) call.set('Cookie', cookie);
  return call.send({ email, password });
};

describe('proxy headers', () => {
  it('are ignored by default: rotating X-Forwarded-For does not escape the per-address limit', async () => {
    const host = await hostWith();
    let status = 0;
    // A new address and a new account each time: only the per-address count can stop it.
    for (let attempt = 0; attempt < 40 && status !== 429; attempt++) status = (await login(host, 'wrong', `198.51.100.${attempt}`, undefined, `guess${attempt}@alpha.test`)).status;
    expect(status).toBe(429);
  });

  it('are ignored by default: X-Forwarded-Proto does not make the host think it is on https', async () => {
    const host = await hostWith();
    const response = await login(host, PASSWORD).set('X-Forwarded-Proto', 'https');
    expect(String(response.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('are believed from the proxy GUILD_TRUST_PROXY names: each forwarded visitor is counted on their own', async () => {
    const host = await hostWith({ trustProxy: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
    // The same forty guesses that the default holds: through a trusted proxy they are forty visitors.
    for (let attempt = 0; attempt < 40; attempt++) expect((await login(host, 'wrong', `198.51.100.${attempt}`, undefined, `guess${attempt}@alpha.test`)).status).toBe(401);
    expect((await login(host, PASSWORD, '203.0.113.9')).status).toBe(200);
  });

  it('GUILD_TRUST_PROXY refuses what is not an address, a subnet or a range name', () => {
    expect(resolveConfig({}, { GUILD_TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toEqual(['10.0.0.0/8', 'loopback']);
    expect(() => resolveConfig({}, { GUILD_TRUST_PROXY: 'true' })).toThrow(/GUILD_TRUST_PROXY has "true"/);
    expect(() => resolveConfig({}, { GUILD_TRUST_PROXY: '*' })).toThrow(/not an address/);
  });
});

describe('login limits', () => {
  it('let the owner in from their own browser while guesses from many addresses are held', async () => {
    const host = await hostWith({ trustProxy: ['loopback'] });
    // The owner logged in from this browser before: it carries the known-browser cookie.
    const earlier = await login(host, PASSWORD, '192.0.2.10');
    const known = String(earlier.headers['set-cookie']).match(/guild-known-login=[^;]+/)![0];
    // An attacker spreads 24 guesses over 12 addresses.
    for (let i = 0; i < 12; i++) for (const guess of ['a', 'b']) await login(host, `${guess}${i}`, `203.0.113.${i + 1}`);
    // A further guess from a fresh address is held by the per-account count ...
    const fresh = await login(host, 'c', '203.0.113.200');
    expect(fresh.status).toBe(429);
    expect(fresh.body.error.code).toBe('GUILD_ERR_LOGIN_LIMITED');
    // ... even with the right password, unless the browser is known: the owner's own one is.
    expect((await login(host, PASSWORD, '203.0.113.201')).status).toBe(429);
    expect((await login(host, PASSWORD, '192.0.2.10', known)).status).toBe(200);
  });

  it('hold one address guessing at one account after a few failures', async () => {
    const host = await hostWith({ trustProxy: ['loopback'] });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login(host, `wrong${i}`, '203.0.113.7')).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual([429, 429]);
  });
});
