// Owners manage who may log in to their site: invitations by one-time link, roles, removal; with
// the host's accounts and memberships in host.db and in PostgreSQL (issue 17).
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { logIn, mailbox, member, PASSWORD, type Client } from '../support/admin.ts';
import { hostStore, type HostStore } from '../support/host-stores.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachStore } from '../support/stores.ts';

describeEachStore('users and invitations', (engine) => {
  let box: Sandbox;
  let store: HostStore;
  let host: Host;
  let owner: Client;
  const mail = mailbox();

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha', { title: 'Alpha Bakery' });
    box.site('beta');
    store = await hostStore(engine);
    host = await box.host({ mail, ...store.hostOptions });
    await member(host, 'alpha', 'ada@freelance.test', 'owner');
    await member(host, 'beta', 'ada@freelance.test', 'owner');
    owner = await logIn(host, 'alpha.localhost', 'ada@freelance.test');
  });
  afterAll(async () => {
    await box.remove();
    await store.remove();
  });

  const anonymous = (method: 'get' | 'post', path: string) => request(host.app)[method](path).set('Host', 'alpha.admin.localhost');

  it('invites a new person by a mailed one-time link; they name themself, pick a password and are in', async () => {
    const invited = await owner.post('/admin/api/invitations', { email: 'marta@alpha.test', role: 'editor' });
    expect(invited.status).toBe(201);
    expect(mail.sent.at(-1)).toMatchObject({ to: 'marta@alpha.test', subject: 'Ada invites you to Alpha Bakery' });
    const token = mail.link('marta@alpha.test').split('/').at(-1)!;
    expect((await owner.get('/admin/api/users')).body.invitations.map((invitation: { email: string }) => invitation.email)).toEqual(['marta@alpha.test']);

    const peek = await anonymous('get', `/admin/api/invitations/${token}`);
    expect(peek.body).toMatchObject({ email: 'marta@alpha.test', role: 'editor', site: 'Alpha Bakery', accountExists: false });
    const accepted = await anonymous('post', `/admin/api/invitations/${token}/accept`).send({ name: 'Marta Sousa', password: 'sourdough since 2014' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ name: 'Marta Sousa', role: 'editor', author: 'marta-sousa' });
    expect(accepted.headers['set-cookie']).toBeDefined();
    expect((await anonymous('post', `/admin/api/invitations/${token}/accept`).send({ name: 'Again', password: 'another password' })).status).toBe(410);
    // The invitation was for alpha only.
    expect((await request(host.app).post('/admin/api/session').set('Host', 'beta.admin.localhost').send({ email: 'marta@alpha.test', password: 'sourdough since 2014' })).status).toBe(401);
  });

  it('lets a person with an account accept with their own password', async () => {
    await member(host, 'beta', 'linus@freelance.test', 'owner');
    await owner.post('/admin/api/invitations', { email: 'linus@freelance.test', role: 'author' });
    const token = mail.link('linus@freelance.test').split('/').at(-1)!;
    expect((await anonymous('get', `/admin/api/invitations/${token}`)).body.accountExists).toBe(true);
    expect((await anonymous('post', `/admin/api/invitations/${token}/accept`).send({ password: 'wrong password' })).status).toBe(401);
    const accepted = await anonymous('post', `/admin/api/invitations/${token}/accept`).send({ password: PASSWORD });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user.role).toBe('author');
  });

  it('changes roles and removes members, but never the last owner', async () => {
    const users = (await owner.get('/admin/api/users')).body.members as Array<{ id: number; email: string; role: string }>;
    const marta = users.find((user) => user.email === 'marta@alpha.test')!;
    const ada = users.find((user) => user.email === 'ada@freelance.test')!;
    expect((await owner.put(`/admin/api/users/${marta.id}`, { role: 'author' })).body.role).toBe('author');
    const lastOwner = await owner.put(`/admin/api/users/${ada.id}`, { role: 'editor' });
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.body.error.code).toBe('GUILD_ERR_LAST_OWNER');
    const martaSession = await logIn(host, 'alpha.localhost', 'marta@alpha.test', 'sourdough since 2014');
    expect((await owner.delete(`/admin/api/users/${marta.id}`)).status).toBe(204);
    expect((await martaSession.get('/admin/api/session')).status).toBe(401);
  });

  it('cancels an invitation so its link no longer works', async () => {
    const invited = await owner.post('/admin/api/invitations', { email: 'temp@alpha.test', role: 'author' });
    const token = mail.link('temp@alpha.test').split('/').at(-1)!;
    expect((await owner.delete(`/admin/api/invitations/${invited.body.id}`)).status).toBe(204);
    expect((await anonymous('get', `/admin/api/invitations/${token}`)).status).toBe(410);
  });

  it('lets anyone change their own name and password', async () => {
    await member(host, 'alpha', 'joao@alpha.test', 'author');
    const joao = await logIn(host, 'alpha.localhost', 'joao@alpha.test');
    expect((await joao.put('/admin/api/me', { name: 'João Pinto' })).body.user.name).toBe('João Pinto');
    expect((await joao.put('/admin/api/me/password', { currentPassword: 'wrong', newPassword: 'a new long password' })).status).toBe(401);
    const changed = await joao.put('/admin/api/me/password', { currentPassword: PASSWORD, newPassword: 'a new long password' });
    expect(changed.status).toBe(200);
    expect((await request(host.app).post('/admin/api/session').set('Host', 'alpha.admin.localhost').send({ email: 'joao@alpha.test', password: 'a new long password' })).status).toBe(200);
  });
});
