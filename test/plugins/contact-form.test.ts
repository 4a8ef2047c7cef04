// The first-party contact form end to end: a visitor sends a message from a page, the owner is
// told by mail (through the host's one mail transport) and finds it in the admin and its CSV
// export; bots and floods are kept out.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { parseCsv } from '../../core/sdk/text.ts';
import { mailbox, team, type Client } from '../support/admin.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';

const SUBMIT = '/p/guild.contact-form/submit';

describe('guild.contact-form', () => {
  let box: Sandbox;
  let host: Host;
  let owner: Client;
  let editor: Client;
  const mail = mailbox();
  const get = (path: string, site = 'studio') => request(host.app).get(path).set('Host', `${site}.localhost`);
  const send = (form: Record<string, string>) => request(host.app).post(SUBMIT).set('Host', 'studio.localhost').type('form').send(form);

  beforeAll(async () => {
    box = sandbox();
    box.write('themes/formy/package.json', { name: 'formy', version: '1.0.0' });
    box.write('themes/formy/index.hbs', '<main>{{contact_form}}</main>');
    box.write('themes/formy/post.hbs', '<article>{{{post.html}}}</article>');
    box.site(
      'studio',
      { title: 'Studio Nord', plugins: [{ id: 'guild.contact-form', settings: { notify: 'hello@studio.example', perHour: 4 } }] },
      { pages: [{ title: 'Contact', slug: 'contact', html: '<p>Write to us.</p>\n<p>[contact-form]</p>' }] },
    );
    box.site('themed', { theme: { id: 'formy' }, plugins: [{ id: 'guild.contact-form' }] });
    host = await box.host({ mail });
    ({ owner, editor } = await team(host, 'studio'));
  });
  afterAll(() => box.remove());

  it('puts the form where a page says [contact-form], and where a theme says {{contact_form}}', async () => {
    const page = await get('/contact/');
    expect(page.text).toContain('<p>Write to us.</p>');
    expect(page.text).toContain(`<form class="contact-form" method="post" action="${SUBMIT}">`);
    expect(page.text).toContain('<input type="hidden" name="return" value="/contact/">');
    expect(page.text).not.toContain('[contact-form]');
    const themed = await get('/', 'themed');
    // With its plain default look, which any rule of the theme's overrides (:where has no weight).
    expect(themed.text).toMatch(new RegExp(`<main><style>\\n:where\\(\\.contact-form\\)[^]*?</style><form class="contact-form" method="post" action="${SUBMIT}">`));
  });

  it('keeps a message, thanks the visitor inside the theme and tells the owner by mail', async () => {
    const sent = await send({ name: 'Ada Lovelace', email: 'ada@example.com', message: 'A quote, please: "logo, cards", and a site.', return: '/contact/', website: '' });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Thank you! Your message is on its way');
    expect(sent.text).toContain('<a href="/contact/">Back to where you were</a>');
    expect(sent.text).toContain('Studio Nord'); // the site's own layout around it
    await eventually(() => expect(mail.sent).toContainEqual({ to: 'hello@studio.example', subject: 'New message from your website', text: expect.stringMatching(/^Ada Lovelace <ada@example\.com> wrote on http:\/\/studio\.localhost(:\d+)?\/contact\//) }));
  });

  it('lists messages in the admin and exports them as CSV a spreadsheet reads back', async () => {
    const view = await editor.get('/admin/api/plugins/guild.contact-form/pages/messages');
    expect(view.body.view.blocks[0]).toEqual({ type: 'stats', items: [{ label: 'Messages', value: 1 }] });
    expect(view.body.view.blocks[2].rows).toEqual([expect.objectContaining({ name: 'Ada Lovelace', email: 'ada@example.com', page: '/contact/' })]);
    const csv = await owner.get('/admin/api/plugins/guild.contact-form/actions/messages.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="studio-messages.csv"');
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(['received', 'name', 'email', 'message', 'page']);
    expect(rows[1]!.slice(1)).toEqual(['Ada Lovelace', 'ada@example.com', 'A quote, please: "logo, cards", and a site.', '/contact/']);
  });

  it('shows what is wrong with a message and keeps what was typed', async () => {
    const result = await send({ name: 'Bo', email: 'not-an-address', message: 'Hello <there>', return: '/contact/' });
    expect(result.status).toBe(422);
    expect(result.text).toContain('Please give an email address we can answer');
    expect(result.text).toContain('Hello &#60;there&#62;</textarea>');
    expect(result.text).toContain('aria-invalid="true"');
  });

  it('drops what a bot sends through the honeypot, while thanking it like anyone', async () => {
    const result = await send({ name: 'Bot', email: 'bot@spam.example', message: 'Buy now', website: 'http://spam.example', return: '/contact/' });
    expect(result.status).toBe(200);
    const csv = await owner.get('/admin/api/plugins/guild.contact-form/actions/messages.csv');
    expect(csv.text).not.toContain('Bot');
  });

  it('never sends a visitor back to another site', async () => {
    const result = await send({ name: 'Di', email: 'di@example.com', message: 'Hi', return: '//evil.example/' });
    expect(result.text).toContain('<a href="/">Back to where you were</a>');
  });

  it('limits how many messages one visitor sends an hour', async () => {
    // Three attempts so far (two sent, one refused as invalid); the limit is four.
    expect((await send({ name: 'Cy', email: 'cy@example.com', message: 'Four', return: '/' })).status).toBe(200);
    const flooded = await send({ name: 'Cy', email: 'cy@example.com', message: 'Five', return: '/' });
    expect(flooded.status).toBe(429);
    expect(flooded.headers['retry-after']).toBe('3600');
    expect(flooded.text).toContain('Please try again later');
  });

  it('deletes a message from the admin, which offers it on every row', async () => {
    const path = '/admin/api/plugins/guild.contact-form/pages/messages';
    const table = (await owner.get(path)).body.view.blocks[2];
    expect(table.actions).toEqual([expect.objectContaining({ label: 'Delete', method: 'DELETE', path: '/messages/:id' })]);
    const cy = table.rows.find((row: { name: string }) => row.name === 'Cy');
    await owner.delete(`/admin/api/plugins/guild.contact-form/actions/messages/${cy.id}`).expect(204);
    expect((await owner.get(path)).body.view.blocks[2].rows.map((row: { name: string }) => row.name)).not.toContain('Cy');
    expect((await owner.delete(`/admin/api/plugins/guild.contact-form/actions/messages/${cy.id}`)).status).toBe(404);
  });

});
