/**
 * Issue 12, item 6: a builder's handle is claimed only by its owner, and a site is listed only by
 * whoever controls its domain. A handle the directory already knows without a key (the seeded
 * "ada") takes an invitation from the operator, or a site listed as built by it whose domain
 * serves the handle proof. Listing a site takes a token served at
 * http://<domain>/.well-known/guild/<token>; here the domains are served by a real host on
 * 127.0.0.1, which the directory is pointed at (proofVia).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeProof, type Host } from '../../core/host/index.ts';
import { generateKeyPair, type StoredKey } from '../../core/signing/index.ts';
import { directoryServer, type DirectoryBox } from '../support/directory.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

let sb: Sandbox;
let host: Host;
let box: DirectoryBox;

const keyFor = (handle: string): StoredKey => ({ handle, ...generateKeyPair(), created: new Date().toISOString() });
const listing = (domain: string, builtBy: string) => ({ domain, title: `The ${domain} site`, builtBy, theme: { id: 'journal', version: null }, plugins: [] });

beforeAll(async () => {
  sb = sandbox();
  sb.site('bakery', { domains: ['bakery.example'], builtBy: 'ada' });
  sb.site('nord', { domains: ['nord.example'], builtBy: 'linus' });
  host = await sb.host({ watch: false });
  const port = await host.listen();
  box = await directoryServer({ proofVia: `127.0.0.1:${port}` });
  // As the demo seed does: people known by name, a site listed as built by linus, nobody holding a key.
  for (const handle of ['ada', 'linus', 'sofia']) box.directory.addPerson({ handle });
  box.directory.registerSite(listing('nord.example', 'linus'), 'linus');
});
afterAll(async () => {
  await box.close();
  await sb.remove();
});

describe('claiming a handle the directory knows', () => {
  it('is refused to anyone without an invitation or a site of theirs, so nobody takes over a builder', async () => {
    await expect(box.client.registerKey(keyFor('ada'))).rejects.toMatchObject({ status: 403, code: 'GUILD_ERR_HANDLE_UNCLAIMED', message: expect.stringContaining('guild directory invite ada') });
    expect((await box.client.person('ada')).person.keys).toEqual([]);
    // A handle nobody has heard of is still first come, first served.
    expect(await box.client.registerKey(keyFor('newcomer'))).toMatchObject({ created: true });
  });

  it("takes the operator's invitation, for that handle only, once", async () => {
    const { code } = box.directory.invite('ada');
    await expect(box.client.registerKey(keyFor('sofia'), undefined, { invitation: code })).rejects.toMatchObject({ code: 'GUILD_ERR_INVITATION' });
    await expect(box.client.registerKey(keyFor('ada'), undefined, { invitation: 'inv_made-up' })).rejects.toMatchObject({ code: 'GUILD_ERR_INVITATION' });
    const ada = keyFor('ada');
    expect(await box.client.registerKey(ada, undefined, { invitation: code })).toMatchObject({ created: true });
    expect((await box.client.person('ada')).person.keys).toEqual([ada.publicKey]);
    await expect(box.client.registerKey(keyFor('ada'), undefined, { invitation: code })).rejects.toMatchObject({ code: 'GUILD_ERR_HANDLE_TAKEN' });
  });

  it('takes proof through a site listed as built by the handle, served by its domain', async () => {
    const thief = keyFor('linus');
    await expect(box.client.registerKey(thief, undefined, { site: 'nord.example' })).rejects.toMatchObject({ code: 'GUILD_ERR_DOMAIN_UNPROVEN', message: expect.stringContaining('http://nord.example/.well-known/guild/') });
    await expect(box.client.registerKey(keyFor('sofia'), undefined, { site: 'nord.example' })).rejects.toMatchObject({ code: 'GUILD_ERR_HANDLE_UNCLAIMED' });

    const linus = keyFor('linus');
    const { token, url } = await box.client.handleProof('linus', linus.publicKey, 'nord.example');
    expect(url).toBe(`http://nord.example/.well-known/guild/${token}`);
    await writeProof(host.config, 'nord.example', token);
    expect(await box.client.registerKey(linus, undefined, { site: 'nord.example' })).toMatchObject({ created: true });
    expect((await box.client.person('linus')).person.keys).toEqual([linus.publicKey]);
  });
});

describe('listing a site', () => {
  it('is refused until its domain serves the token for the signer, then accepted', async () => {
    const ada = keyFor('ada-two');
    await box.client.registerKey(ada);
    await expect(box.client.registerSite(ada, listing('bakery.example', 'ada-two'))).rejects.toMatchObject({ status: 403, code: 'GUILD_ERR_DOMAIN_UNPROVEN' });
    await expect(box.client.person('ada-two')).resolves.toMatchObject({ sites: [] });

    const { token } = await box.client.siteProof(ada, 'bakery.example');
    await writeProof(host.config, 'bakery.example', token);
    expect(await box.client.registerSite(ada, listing('bakery.example', 'ada-two'))).toMatchObject({ domain: 'bakery.example', builtBy: 'ada-two' });
  });

  it("cannot use another builder's or another domain's token", async () => {
    const mallory = keyFor('mallory');
    await box.client.registerKey(mallory);
    // The host holds ada-two's token for bakery.example; mallory's token differs, and the host serves none for it.
    await expect(box.client.registerSite(mallory, listing('bakery.example', 'mallory'))).rejects.toMatchObject({ code: 'GUILD_ERR_DOMAIN_UNPROVEN' });
    const { token } = await box.client.siteProof(mallory, 'bakery.example');
    await writeProof(host.config, 'elsewhere.example', token);
    await request(host.app).get(`/.well-known/guild/${token}`).set('Host', 'bakery.example').expect(404);
    await expect(box.client.registerSite(mallory, listing('bakery.example', 'mallory'))).rejects.toMatchObject({ code: 'GUILD_ERR_DOMAIN_UNPROVEN' });
  });

  it('the host answers a proof only on the domain it was written for', async () => {
    const token = 'T'.repeat(43);
    await writeProof(host.config, 'bakery.example', token);
    await request(host.app).get(`/.well-known/guild/${token}`).set('Host', 'bakery.example').expect(200, token);
    await request(host.app).get(`/.well-known/guild/${token}`).set('Host', 'nord.example').expect(404);
    await request(host.app).get('/.well-known/guild/..%2f..%2fhost.db').set('Host', 'bakery.example').expect(404);
  });
});
