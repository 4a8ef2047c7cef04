/** Private mode: a site with a password shows private.hbs to strangers and opens for the password. */
import { cpSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

let box: Sandbox;
let host: Host;

beforeEach(async () => {
  box = sandbox();
  box.site('hidden', { theme: { id: 'atelier' }, private: { password: 'sourdough' } });
  box.site('open');
  host = await box.host();
});

afterEach(() => box.remove());

const site = (path: string) => request(host.app).get(path).set('Host', 'hidden.localhost');

describe('a private site', () => {
  it('sends strangers to the password page, which the theme’s private.hbs renders', async () => {
    const home = await site('/about/?x=1');
    expect(home.status).toBe(302);
    expect(home.headers.location).toBe('/private/?r=%2Fabout%2F%3Fx%3D1');
    const form = await site('/private/?r=%2Fabout%2F');
    expect(form.status).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.text).toContain('is not open yet');
    expect(form.text).toContain('<input class="private-input" id="private-password" type="password" name="password"');
    expect((await site('/rss/')).status).toBe(302);
  });

  it('keeps theme assets reachable and tells search engines to stay away', async () => {
    expect((await site('/assets/css/screen.css')).status).toBe(200);
    expect((await site('/robots.txt')).text).toBe('User-agent: *\nDisallow: /\n');
  });

  it('answers a wrong password with 401 and the page again, and the right one with a cookie', async () => {
    const wrong = await request(host.app).post('/private/?r=/about/').set('Host', 'hidden.localhost').type('form').send({ password: 'rye' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('That password is not right.');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const right = await request(host.app).post('/private/?r=/about/').set('Host', 'hidden.localhost').type('form').send({ password: 'sourdough' });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/about/');
    const cookie = String(right.headers['set-cookie']);
    expect(cookie).toMatch(/^guild-private=[\w-]+; Path=\/; Max-Age=2592000; HttpOnly; SameSite=Lax$/);
    const page = await site('/about/').set('Cookie', cookie.split(';')[0]!);
    expect(page.status).toBe(200);
  });

  it('never sends the visitor to another site after the password', async () => {
    const response = await request(host.app).post('/private/?r=//evil.example/').set('Host', 'hidden.localhost').type('form').send({ password: 'sourdough' });
    expect(response.headers.location).toBe('/');
  });

  it('shows a plain password form when the theme has no private.hbs', async () => {
    cpSync(path.join(REPO, 'test', 'fixtures', 'themes', 'valid'), path.join(box.themesDir, 'valid'), { recursive: true });
    box.site('plain', { theme: { id: 'valid' }, private: { password: 'sourdough' } });
    await host.registry.scan();
    const form = await request(host.app).get('/private/').set('Host', 'plain.localhost');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<input type="password" name="password"');
  });

  it('leaves other sites open', async () => {
    expect((await request(host.app).get('/').set('Host', 'open.localhost')).status).toBe(200);
  });
});
