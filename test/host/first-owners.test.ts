// `guild start` makes sure someone can log in to every site: the builder, with a password it shows until changed.
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureOwners } from '../../core/host/index.ts';
import { sandbox } from '../support/sandbox.ts';

describe('first owners', () => {
  const box = sandbox();
  afterAll(() => box.remove());

  it("makes each site's builder its owner, shows the password until it is changed, and leaves sites with members alone", async () => {
    box.site('alpha', { builtBy: 'ada' });
    box.site('beta', { builtBy: 'ada' });
    box.site('gamma', { builtBy: 'linus' });
    const host = await box.host();
    await host.auth.grant({ site: 'gamma', email: 'client@gamma.test', role: 'owner', password: 'the client password' });

    const logins = await ensureOwners(host.config, host.registry, host.auth);
    const alpha = logins.find((login) => login.site === 'alpha')!;
    expect(alpha).toMatchObject({ email: 'ada@guild.localhost', password: expect.stringMatching(/^[\w-]{12}$/) });
    // One account for the freelancer, owner of both of their sites.
    expect(logins.find((login) => login.site === 'beta')).toEqual({ ...alpha, site: 'beta' });
    expect(logins.find((login) => login.site === 'gamma')).toEqual({ site: 'gamma', email: 'client@gamma.test', password: undefined });
    expect(host.auth.accounts.findByEmail('linus@guild.localhost')).toBeUndefined();

    const login = await request(host.app).post('/admin/api/session').set('Host', 'beta.admin.localhost').send({ email: alpha.email, password: alpha.password });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe('owner');

    // Shown again at the next start, until the owner picks their own password.
    expect((await ensureOwners(host.config, host.registry, host.auth)).find((entry) => entry.site === 'alpha')!.password).toBe(alpha.password);
    await host.auth.accounts.setPassword(host.auth.accounts.findByEmail(alpha.email)!.id, 'my very own password');
    expect((await ensureOwners(host.config, host.registry, host.auth)).find((entry) => entry.site === 'alpha')!.password).toBeUndefined();
  });
});
