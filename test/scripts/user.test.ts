// `guild user add | list | remove` as an operator runs them, against the database a host then logs in with.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guild as run } from '../support/cli.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('guild user', () => {
  let box: Sandbox;

  const guild = (...args: string[]) => run(box, ...args);

  beforeAll(() => {
    box = sandbox();
    box.site('alpha');
    box.site('beta');
  });
  afterAll(() => box.remove());

  it('adds an account to a site, and the admin of that site lets it in', async () => {
    const added = await guild('user', 'add', 'alpha', 'marta@example.com', '--role', 'editor', '--password', 'sourdough since 2014', '--name', 'Marta Sousa');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Created the account marta@example.com; it is an editor of alpha.');
    // The same account joins a second site without a new password.
    expect((await guild('user', 'add', 'beta', 'marta@example.com', '--role', 'author')).stdout).toContain('Kept the password of marta@example.com; it is an author of beta.');
    const listed = await guild('user', 'list', 'alpha');
    expect(listed.stdout).toMatch(/marta@example\.com\s+Marta Sousa\s+editor\s+never/);

    const host = await box.host();
    const login = await request(host.app).post('/admin/api/session').set('Host', 'alpha.admin.localhost').send({ email: 'marta@example.com', password: 'sourdough since 2014' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ name: 'Marta Sousa', role: 'editor' });
    await host.close();
  });

  it('refuses an unknown role, an unknown site, a short password, and asks for a password only on a terminal', async () => {
    expect(await guild('user', 'add', 'alpha', 'x@example.com', '--role', 'boss', '--password', 'long enough pw')).toMatchObject({ code: 1, stderr: expect.stringContaining('"boss" is not a role') });
    expect(await guild('user', 'add', 'nope', 'x@example.com', '--role', 'owner', '--password', 'long enough pw')).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no site "nope"') });
    expect(await guild('user', 'add', 'alpha', 'x@example.com', '--role', 'owner', '--password', 'short')).toMatchObject({ code: 1, stderr: expect.stringContaining('at least 10 characters') });
    expect(await guild('user', 'add', 'alpha', 'x@example.com', '--role', 'owner')).toMatchObject({ code: 1, stderr: expect.stringContaining('Pass --password') });
  });

  it('removes an account from one site, keeping it on the others', async () => {
    expect((await guild('user', 'remove', 'beta', 'marta@example.com')).stdout).toContain('can no longer log in to beta');
    expect((await guild('user', 'list', 'beta')).stdout).toContain('Nobody can log in to beta yet');
    expect((await guild('user', 'list', 'alpha')).stdout).toContain('marta@example.com');
  });
});
