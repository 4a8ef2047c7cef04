// Issue 12, item 5: a private site's password cannot be guessed at full speed; it is limited like
// the admin login, and a visitor who knows it still gets in.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe("a private site's password", () => {
  let box: Sandbox;
  let host: Host;

  beforeAll(async () => {
    box = sandbox();
    box.site('hidden', { theme: { id: 'atelier' }, private: { password: 'sourdough' } });
    host = await box.host({ trustProxy: ['loopback'] });
  });
  afterAll(() => box.remove());

  const guess = (password: string, from: string, cookie?: string) => {
    const call = request(host.app).post('/private/').set('Host', 'hidden.localhost').set('X-Forwarded-For', from).type('form');
    if (cookie) call.set('Cookie', cookie);
    return call.send({ password });
  };

  it('stops an address after a handful of wrong guesses, with 429 and the form again', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await guess(`guess${i}`, '203.0.113.5')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const limited = await guess('sourdough', '203.0.113.5');
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many wrong passwords');
    expect(limited.headers['set-cookie']).toBeUndefined();
  });

  it('still lets in a visitor from another address who knows it', async () => {
    const right = await guess('sourdough', '192.0.2.44');
    expect(right.status).toBe(303);
    expect(String(right.headers['set-cookie'])).toMatch(/guild-private=/);
  });
});
