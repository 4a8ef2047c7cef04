// Issue 13, item 6: with GUILD_SMTP_URL the host's mail (invitations, password resets, plugins'
// mail) goes out over SMTP, each site sending as its own mail.from; what arrives at a real SMTP
// server on 127.0.0.1 is checked as a person would: who it is for, its subject, and a link that
// works on the host. A server that refuses the mail is reported without its credentials.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type Host } from '../../core/host/index.ts';
import { describeMailSetting } from '../../core/mail/index.ts';
import { parseManifest } from '../../core/manifest/index.ts';
import { logIn, member, type Client } from '../support/admin.ts';
import { captureLog, eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { SMTP_PASSWORD, SMTP_USER, smtpInbox, type Inbox } from '../support/smtp.ts';

/** Follows a mailed link against the host: its Host header and path, as a browser would. */
const follow = (host: Host, link: URL) => request(host.app).get(link.pathname).set('Host', link.hostname);

describe('real mail over SMTP (GUILD_SMTP_URL)', () => {
  let box: Sandbox;
  let inbox: Inbox;
  let host: Host;
  let owner: Client;

  beforeAll(async () => {
    inbox = await smtpInbox();
    box = sandbox();
    box.site('bakery', { title: 'Harbour Bakery', mail: { from: 'Harbour Bakery <hello@harbour-bakery.example>' }, plugins: [{ id: 'guild.contact-form', settings: { notify: 'orders@harbour-bakery.example' } }] });
    box.site('plain', { title: 'Plain Site' });
    host = await box.host({ smtpUrl: inbox.url, mailFrom: 'Guild Host <guild@host.example>' });
    await member(host, 'bakery', 'ada@freelance.test', 'owner');
    await member(host, 'plain', 'ada@freelance.test', 'owner');
    owner = await logIn(host, 'bakery.localhost', 'ada@freelance.test');
  });
  afterAll(async () => {
    await box.remove();
    await inbox.close();
  });

  it('delivers an invitation from the site’s own address, with a link that lets the invitee in', async () => {
    expect((await owner.post('/admin/api/invitations', { email: 'marta@client.test', role: 'editor' })).status).toBe(201);
    const mail = inbox.to('marta@client.test');
    expect(mail.envelopeTo).toEqual(['marta@client.test']);
    expect(mail.envelopeFrom).toBe('hello@harbour-bakery.example');
    expect(mail.headers.get('from')).toBe('Harbour Bakery <hello@harbour-bakery.example>');
    expect(mail.headers.get('subject')).toBe('Ada invites you to Harbour Bakery');
    const link = inbox.link('marta@client.test');
    expect(link.hostname).toBe('bakery.admin.localhost');
    const token = link.pathname.split('/').at(-1)!;
    expect((await follow(host, link)).status).toBe(200);
    const accepted = await request(host.app).post(`/admin/api/invitations/${token}/accept`).set('Host', link.hostname).send({ name: 'Marta Sousa', password: 'sourdough since 2014' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ role: 'editor' });
  });

  it('delivers a password reset whose link sets a new password', async () => {
    const asked = await request(host.app).post('/admin/api/password-reset').set('Host', 'plain.admin.localhost').send({ email: 'ada@freelance.test' });
    expect(asked.status).toBe(202);
    const mail = inbox.to('ada@freelance.test');
    // A site without its own sender sends as the host (GUILD_MAIL_FROM).
    expect(mail.headers.get('from')).toBe('Guild Host <guild@host.example>');
    expect(mail.headers.get('subject')).toBe('Reset your password for Plain Site');
    const link = inbox.link('ada@freelance.test');
    expect(link.hostname).toBe('plain.admin.localhost');
    expect((await follow(host, link)).status).toBe(200);
    const token = link.pathname.split('/').at(-1)!;
    const reset = await request(host.app).post(`/admin/api/password-reset/${token}`).set('Host', link.hostname).send({ password: 'a brand new password' });
    expect(reset.status).toBe(200);
    expect((await request(host.app).post('/admin/api/session').set('Host', 'plain.admin.localhost').send({ email: 'ada@freelance.test', password: 'a brand new password' })).status).toBe(200);
  });

  it('delivers a plugin’s mail (the contact form’s notification) as the site', async () => {
    const sent = await request(host.app).post('/p/guild.contact-form/submit').set('Host', 'bakery.localhost').type('form').send({ name: 'Linus', email: 'linus@example.com', message: 'Two sourdough loaves for Saturday, please.', return: '/', website: '' });
    expect(sent.status).toBe(200);
    const mail = await eventually(() => inbox.to('orders@harbour-bakery.example'));
    expect(mail.headers.get('from')).toBe('Harbour Bakery <hello@harbour-bakery.example>');
    expect(mail.headers.get('subject')).toBe('New message from your website');
    expect(mail.text).toContain('Two sourdough loaves for Saturday, please.');
  });
});

describe('mail over TLS (smtps://)', () => {
  it('delivers a password reset through a server that speaks TLS from the first byte', async () => {
    const inbox = await smtpInbox({ secure: true });
    const box = sandbox();
    try {
      box.site('bakery', { title: 'Harbour Bakery' });
      const host = await box.host({ smtpUrl: inbox.url });
      await member(host, 'bakery', 'ada@freelance.test', 'owner');
      expect((await request(host.app).post('/admin/api/password-reset').set('Host', 'bakery.admin.localhost').send({ email: 'ada@freelance.test' })).status).toBe(202);
      expect(inbox.to('ada@freelance.test').headers.get('subject')).toBe('Reset your password for Harbour Bakery');
      expect((await follow(host, inbox.link('ada@freelance.test'))).status).toBe(200);
    } finally {
      await box.remove();
      await inbox.close();
    }
  });
});

describe('mail that cannot be sent', () => {
  let box: Sandbox;
  let inbox: Inbox;
  let host: Host;
  const { log, lines } = captureLog();

  beforeAll(async () => {
    inbox = await smtpInbox();
    box = sandbox();
    box.site('bakery', { title: 'Harbour Bakery' });
    // The right server, the wrong password: the server refuses the login.
    const wrong = `smtp://${SMTP_USER}:wrong-${SMTP_PASSWORD}@127.0.0.1:${inbox.port}`;
    host = await box.host({ smtpUrl: wrong, log });
    await member(host, 'bakery', 'ada@freelance.test', 'owner');
  });
  afterAll(async () => {
    await box.remove();
    await inbox.close();
  });

  it('tells the owner the invitation was not sent and why, leaves it unsent, and logs the reason without the credentials', async () => {
    const owner = await logIn(host, 'bakery.localhost', 'ada@freelance.test');
    const invited = await owner.post('/admin/api/invitations', { email: 'marta@client.test', role: 'editor' });
    expect(invited.status).toBe(502);
    expect(invited.body.error.code).toBe('GUILD_ERR_MAIL_FAILED');
    expect(invited.body.error.message).toMatch(/^The mail to marta@client\.test could not be sent: .*Invalid login/);
    expect((await owner.get('/admin/api/users')).body.invitations).toEqual([]);
    expect(inbox.received).toEqual([]);
    const logged = lines().find((line) => String(line.msg).startsWith('mail to marta@client.test could not be sent'));
    expect(logged?.msg).toContain(`smtp://127.0.0.1:${inbox.port}`);
    const everything = JSON.stringify(lines()) + JSON.stringify(invited.body);
    expect(everything).not.toContain(SMTP_PASSWORD);
    expect(everything).not.toContain(SMTP_USER);
  });

  it('tells the person asking for a reset that the mail did not go out', async () => {
    const asked = await request(host.app).post('/admin/api/password-reset').set('Host', 'bakery.admin.localhost').send({ email: 'ada@freelance.test' });
    expect(asked.status).toBe(502);
    expect(asked.body.error.code).toBe('GUILD_ERR_MAIL_FAILED');
    expect(JSON.stringify(asked.body)).not.toContain(SMTP_PASSWORD);
  });
});

describe('without GUILD_SMTP_URL', () => {
  it('writes mail to the log, and says so at start', async () => {
    const box = sandbox();
    const { log, lines } = captureLog();
    try {
      box.site('bakery');
      const host = await box.host({ log });
      await member(host, 'bakery', 'ada@freelance.test', 'owner');
      expect((await request(host.app).post('/admin/api/password-reset').set('Host', 'bakery.admin.localhost').send({ email: 'ada@freelance.test' })).status).toBe(202);
      expect(lines().some((line) => String(line.msg).startsWith('mail to ada@freelance.test: Reset your password'))).toBe(true);
      expect(describeMailSetting(host.config.smtpUrl)).toBe('written to the log only (set GUILD_SMTP_URL to send real mail)');
    } finally {
      await box.remove();
    }
  });

  it('names the server but never the login when it is set', () => {
    const config = resolveConfig({}, { GUILD_SMTP_URL: 'smtps://me%40mail.example:s3cret@mail.example:465' });
    expect(describeMailSetting(config.smtpUrl)).toBe('sent through smtps://mail.example:465');
  });

  it('refuses a GUILD_SMTP_URL that is not smtp:// or smtps:// when the host starts', async () => {
    const box = sandbox();
    try {
      await expect(box.host({ smtpUrl: 'http://mail.example' })).rejects.toMatchObject({ code: 'GUILD_ERR_SMTP_URL' });
    } finally {
      await box.remove();
    }
  });
});

describe('a site’s mail.from in site.json', () => {
  const check = (from: unknown) => parseManifest('site', JSON.stringify({ guild: 1, id: 'bakery', title: 'Bakery', theme: { id: 'journal' }, builtBy: 'ada', mail: { from } }), 'sites/bakery/site.json');

  it('takes an address, or a name and an address', () => {
    expect(check('hello@bakery.example').ok).toBe(true);
    expect(check('Harbour Bakery <hello@bakery.example>').ok).toBe(true);
  });

  it('refuses anything else with a message that shows the right form', () => {
    for (const from of ['hello', 'Bakery hello@bakery.example', 'a@b.example\r\nBcc: x@y.example', 42]) {
      const result = check(from);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems).toContainEqual(expect.objectContaining({ path: '/mail/from', message: 'must be a sender like "hello@acme.example" or "Acme Bakery <hello@acme.example>"' }));
    }
  });
});
