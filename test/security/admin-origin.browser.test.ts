// Issue 11 item 5: the admin cannot be driven from a public page. With the owner logged in to the
// admin in the same Chromium, a hostile plugin's script on the site's public pages (and in the
// editor's preview) tries to read the session, read posts and invite an owner through the Admin API,
// at the public origin and at the admin's own; every attempt fails and nothing changes.
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { mailbox, member } from '../support/admin.ts';
import { CHROMIUM, launchChromium, logIn } from '../support/browser.ts';
import { pluginManifest } from '../support/plugins.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

/** What the hostile script tries, each attempt's outcome written to <html data-attack>. */
const ATTACK = `
(async () => {
  const onAdmin = location.hostname.includes('.admin.');
  const admin = onAdmin ? location.origin : location.protocol + '//' + location.hostname.replace(/\\.localhost$/, '.admin.localhost') + ':' + location.port;
  const out = {};
  const attempt = async (name, run) => { try { out[name] = await run(); } catch (error) { out[name] = 'blocked: ' + error.name; } };
  const read = async (url) => { const response = await fetch(url, { credentials: 'include' }); return response.status + ' ' + (await response.text()).slice(0, 300); };
  const invite = (url, csrf, mode) => fetch(url, { method: 'POST', mode, credentials: 'include', headers: mode === 'no-cors' ? { 'Content-Type': 'text/plain' } : { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify({ email: 'mallory@evil.test', role: 'owner' }) });
  await attempt('cookies', async () => document.cookie);
  await attempt('publicSession', () => read('/admin/api/session'));
  await attempt('publicPosts', () => read('/admin/api/posts'));
  await attempt('publicInvite', async () => {
    const session = await fetch('/admin/api/session', { credentials: 'include' }).then((r) => r.json()).catch(() => ({}));
    return String((await invite('/admin/api/invitations', session.csrfToken ?? '', 'cors')).status);
  });
  await attempt('adminSession', () => read(admin + '/admin/api/session'));
  await attempt('adminPosts', () => read(admin + '/admin/api/posts'));
  await attempt('adminInvite', async () => String((await invite(admin + '/admin/api/invitations', 'guess', 'cors')).status));
  await attempt('adminInviteBlind', async () => 'sent ' + (await invite(admin + '/admin/api/invitations', '', 'no-cors')).type);
  await attempt('adminFrame', () => new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.src = admin + '/admin/';
    frame.onload = () => { try { resolve('read: ' + frame.contentDocument.body.innerHTML.slice(0, 100)); } catch (error) { resolve('blocked: ' + error.name); } };
    document.body.append(frame);
    setTimeout(() => resolve('blocked: no answer'), 3000);
  }));
  document.documentElement.dataset.attack = JSON.stringify(out);
})();`;

describe.skipIf(!existsSync(CHROMIUM))("a hostile plugin's script against a logged-in owner (Chromium)", { timeout: 60_000 }, () => {
  let box: Sandbox;
  let host: Host;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let admin: string;
  const mail = mailbox();

  beforeAll(async () => {
    box = sandbox();
    box.write('plugins/hostile/plugin.json', pluginManifest('test.hostile', ['hooks']));
    box.write('plugins/hostile/index.ts', `import { definePlugin } from '@guild/sdk';
export default definePlugin({ setup({ hooks }) { hooks.addFilter('theme:foot', (html) => html + ${JSON.stringify(`<script>${ATTACK}</script>`)}); } });\n`);
    box.site('alpha', { title: 'Alpha', plugins: [{ id: 'test.hostile' }] }, { posts: [{ title: 'Secret draft', html: '<p>Not yet.</p>', status: 'draft' }] });
    host = await box.host({ mail });
    await member(host, 'alpha', 'owner@alpha.test', 'owner');
    const port = await host.listen();
    base = `http://alpha.localhost:${port}`;
    admin = `http://alpha.admin.localhost:${port}`;
    browser = await launchChromium();
    context = await browser.newContext();
    const owner = await context.newPage();
    // The old address of the admin takes the owner to its own origin, where they log in.
    await logIn(owner, base, 'owner@alpha.test');
    expect(new URL(owner.url()).origin).toBe(admin);
  });
  afterAll(async () => {
    await browser?.close();
    await box.remove();
  });

  const attackOn = async (page: Page, url: string): Promise<Record<string, string>> => {
    await page.goto(url);
    const handle = await page.waitForFunction(() => document.documentElement.dataset.attack, undefined, { timeout: 15_000 });
    return JSON.parse(String(await handle.jsonValue())) as Record<string, string>;
  };

  const expectNothingChanged = async () => {
    const owner = await context.newPage();
    await owner.goto(`${admin}/admin/`);
    const users = await owner.evaluate(async () => (await fetch('/admin/api/users', { credentials: 'include' })).json());
    await owner.close();
    expect(users.members.map((member: { email: string }) => member.email)).toEqual(['owner@alpha.test']);
    expect(users.invitations).toEqual([]);
    expect(mail.sent.filter((message) => message.to === 'mallory@evil.test')).toEqual([]);
  };

  it('reads no session, no post and invites nobody from a public page, at the public origin or the admin one', async () => {
    const page = await context.newPage();
    const result = await attackOn(page, `${base}/`);
    await page.close();
    // The owner's admin session is real: the same browser reads it on the admin origin.
    expect(result.cookies).not.toContain('guild_session');
    expect(result.publicSession).toMatch(/^404 /);
    expect(result.publicSession).not.toContain('csrfToken');
    expect(result.publicPosts).toMatch(/^404 /);
    expect(result.publicPosts).not.toContain('Secret draft');
    expect(result.publicInvite).toBe('404');
    expect(result.adminSession).toBe('blocked: TypeError');
    expect(result.adminPosts).toBe('blocked: TypeError');
    expect(result.adminInvite).toBe('blocked: TypeError');
    // A request whose answer it cannot read may still reach the host (or Chromium stops it): either
    // way nobody is invited, as checked below.
    expect(result.adminInviteBlind).toMatch(/^(sent opaque|blocked: TypeError)$/);
    expect(result.adminFrame).toMatch(/^blocked/);
    await expectNothingChanged();
  });

  it("gets no further from inside the editor's preview, which the admin's origin serves sandboxed", async () => {
    const owner = await context.newPage();
    await owner.goto(`${admin}/admin/`);
    const previewUrl = await owner.evaluate(async () => {
      const posts = await (await fetch('/admin/api/posts?status=draft', { credentials: 'include' })).json();
      return posts.items[0].previewUrl as string;
    });
    const result = await attackOn(owner, `${admin}${previewUrl}`);
    await owner.close();
    expect(result.cookies).toBe('blocked: SecurityError');
    expect(result.adminSession).toBe('blocked: TypeError');
    expect(result.adminPosts).toBe('blocked: TypeError');
    expect(result.adminInvite).toBe('blocked: TypeError');
    expect(result.adminFrame).toMatch(/^blocked/);
    await expectNothingChanged();
  });
});
