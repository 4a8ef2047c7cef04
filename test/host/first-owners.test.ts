// Every site has someone who can log in, and no password is ever stored or shown (issue 11 item 4):
// a site's builder becomes its owner without a password and gets a one-time login link; with the
// host's data in host.db and in PostgreSQL (issue 17).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureOwners, type Host } from '../../core/host/index.ts';
import { hostStore, type HostStore } from '../support/host-stores.ts';
import { sandbox } from '../support/sandbox.ts';
import { describeEachStore } from '../support/stores.ts';

const tokenOf = (link: string) => link.split('/admin/login/')[1]!;
const pathOf = (link: string) => new URL(link).pathname;

async function logInWithLink(host: Host, site: string, link: string) {
  const agent = request.agent(host.app);
  const response = await agent.get(pathOf(link)).set('Host', `${site}.admin.localhost`);
  return { agent, response };
}

describeEachStore('first owners', (engine) => {
  const box = sandbox();
  let store: HostStore;
  beforeAll(async () => {
    store = await hostStore(engine);
  });
  afterAll(async () => {
    await box.remove();
    await store.remove();
  });

  it("makes each site's builder its owner without a password, with a one-time link that logs them in and leads to choosing one", async () => {
    box.site('alpha', { builtBy: 'ada' });
    box.site('beta', { builtBy: 'ada' });
    box.site('gamma', { builtBy: 'linus' });
    const host = await box.host(store.hostOptions);
    await host.auth.grant({ site: 'gamma', email: 'client@gamma.test', role: 'owner', password: 'the client password' });

    const logins = await ensureOwners(host.config, host.registry, host.auth, (slug) => host.addresses.site({ slug }).adminUrl);
    const alpha = logins.find((login) => login.site === 'alpha')!;
    expect(alpha).toMatchObject({ email: 'ada@guild.localhost', link: expect.stringMatching(/^http:\/\/alpha\.admin\.localhost(:\d+)?\/admin\/login\/[\w-]{43}$/) });
    const beta = logins.find((login) => login.site === 'beta')!;
    expect(beta.email).toBe('ada@guild.localhost'); // one account for the freelancer, owner of both sites
    expect(logins.find((login) => login.site === 'gamma')).toEqual({ site: 'gamma', email: 'client@gamma.test', link: undefined });
    expect(await host.auth.accounts.findByEmail('linus@guild.localhost')).toBeUndefined();

    // No password opens the account, not even an empty one.
    const guess = await request(host.app).post('/admin/api/session').set('Host', 'alpha.admin.localhost').send({ email: alpha.email, password: 'any password at all' });
    expect(guess.status).toBe(401);
    // Only the link's hash is stored.
    const stored = (await host.auth.db.all<{ token_hash: string }>("SELECT token_hash FROM one_time_tokens WHERE kind = 'login'")).map((row) => row.token_hash);
    expect(stored).toHaveLength(2);
    expect(stored).not.toContain(tokenOf(alpha.link!));

    // A link is for its own site only.
    expect((await logInWithLink(host, 'beta', alpha.link!)).response.status).toBe(410);

    const { agent, response } = await logInWithLink(host, 'alpha', alpha.link!);
    expect(response.status).toBe(303);
    const reset = /^\/admin\/reset\/([\w-]+)$/.exec(response.headers.location!)![1]!;
    const session = await agent.get('/admin/api/session').set('Host', 'alpha.admin.localhost');
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ email: 'ada@guild.localhost', role: 'owner' });

    // Used once: it answers 410 with a page saying how to get another.
    const again = await request(host.app).get(pathOf(alpha.link!)).set('Host', 'alpha.admin.localhost');
    expect(again.status).toBe(410);
    expect(again.text).toContain('guild site login alpha');

    // The reset screen's link sets the first password; then no more login links.
    const chosen = await agent.post(`/admin/api/password-reset/${reset}`).set('Host', 'alpha.admin.localhost').send({ password: 'my very own password' });
    expect(chosen.status).toBe(200);
    const next = await ensureOwners(host.config, host.registry, host.auth, (slug) => host.addresses.site({ slug }).adminUrl);
    expect(next.find((login) => login.site === 'alpha')).toEqual({ site: 'alpha', email: 'ada@guild.localhost', link: undefined });
    const login = await request(host.app).post('/admin/api/session').set('Host', 'beta.admin.localhost').send({ email: 'ada@guild.localhost', password: 'my very own password' });
    expect(login.status).toBe(200);
  });

  it('mints a fresh link each time, and the one before stops working', async () => {
    box.site('delta', { builtBy: 'grace' });
    const host = await box.host(store.hostOptions);
    const first = (await ensureOwners(host.config, host.registry, host.auth, (slug) => host.addresses.site({ slug }).adminUrl)).find((login) => login.site === 'delta')!;
    const second = (await ensureOwners(host.config, host.registry, host.auth, (slug) => host.addresses.site({ slug }).adminUrl)).find((login) => login.site === 'delta')!;
    expect(second.link).not.toBe(first.link);
    expect((await logInWithLink(host, 'delta', first.link!)).response.status).toBe(410);
    expect((await logInWithLink(host, 'delta', second.link!)).response.status).toBe(303);
  });

  it('retires the plain-text passwords an earlier version kept in first-logins.json and deletes the file', async () => {
    box.site('epsilon', { builtBy: 'hedy' });
    box.site('zeta', { builtBy: 'joan' });
    const host = await box.host(store.hostOptions);
    // What an earlier start left: a generated password still in use, and one its owner has since changed.
    await host.auth.grant({ site: 'epsilon', email: 'hedy@guild.localhost', role: 'owner', password: 'generated-by-v1' });
    await host.auth.grant({ site: 'zeta', email: 'joan@guild.localhost', role: 'owner', password: 'generated-too' });
    await host.auth.accounts.setPassword((await host.auth.accounts.findByEmail('joan@guild.localhost'))!.id, 'joan chose this one');
    const file = path.join(host.config.dataDir, 'first-logins.json');
    mkdirSync(host.config.dataDir, { recursive: true }); // a host on PostgreSQL makes no host.db there
    writeFileSync(file, JSON.stringify({ 'hedy@guild.localhost': 'generated-by-v1', 'joan@guild.localhost': 'generated-too' }));

    const logins = await ensureOwners(host.config, host.registry, host.auth, (slug) => host.addresses.site({ slug }).adminUrl);
    expect(existsSync(file)).toBe(false);
    const tryLogin = (site: string, email: string, password: string) => request(host.app).post('/admin/api/session').set('Host', `${site}.admin.localhost`).send({ email, password });
    expect((await tryLogin('epsilon', 'hedy@guild.localhost', 'generated-by-v1')).status).toBe(401);
    expect(logins.find((login) => login.site === 'epsilon')!.link).toMatch(/\/admin\/login\//);
    expect((await tryLogin('zeta', 'joan@guild.localhost', 'joan chose this one')).status).toBe(200);
    expect(logins.find((login) => login.site === 'zeta')!.link).toBeUndefined();
  });
});
