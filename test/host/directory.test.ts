/**
 * The directory inside the host: directory.localhost answers with the directory, not a site;
 * GUILD_DIRECTORY_EMBEDDED=0 leaves it out; and a fresh demo directory is seeded with people,
 * packages and the sites built with them.
 */
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, seedDirectory, type Host } from '../../core/host/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

describe('the embedded directory', () => {
  let sb: Sandbox;
  let host: Host;

  beforeAll(async () => {
    sb = sandbox();
    sb.site('harbour-bakery', { title: 'Harbour Bakery', domains: ['harbourbakery.example'], builtBy: 'ada', plugins: [{ id: 'guild.seo' }] });
    sb.site('studio-nord', { title: 'Studio Nord', domains: ['studionord.example'], theme: { id: 'atelier' }, builtBy: 'linus' });
    host = await sb.host();
  });
  afterAll(() => sb.remove());

  it('answers at directory.localhost, beside the sites', async () => {
    const home = await request(host.app).get('/').set('Host', 'directory.localhost:3000').expect(200);
    expect(home.text).toContain('<title>Plugins, themes and the people who build with them · Guild Directory</title>');
    await request(host.app).get('/api/').set('Host', 'directory.localhost').expect(200, { guild: 1, publicKey: host.directory!.publicKey, feeBasisPoints: 300, maxArchiveBytes: 20 * 1024 * 1024, maxUnpackedBytes: 50 * 1024 * 1024, maxCompressionRatio: 100, payments: 'invoice' });
    await request(host.app).get('/').set('Host', 'harbour-bakery.localhost').expect(200);
  });

  it('seeds an empty directory with the demo, through the same publishing rules, once', async () => {
    expect(await seedDirectory(host.directory!, path.join(REPO, 'directory', 'seed.json'), host)).toBe(true);
    const people = await request(host.app).get('/api/people/ada').set('Host', 'directory.localhost').expect(200);
    expect(people.body.sites.map((site: { domain: string }) => site.domain)).toEqual(['cafe-ribeira.example', 'harbourbakery.example', 'peixaria-luz.example']);
    const seo = await request(host.app).get('/api/packages/guild.seo').set('Host', 'directory.localhost').expect(200);
    expect(seo.body).toMatchObject({ package: { id: 'guild.seo', kind: 'plugin', author: { handle: 'guild' } }, versions: [{ version: '1.0.0', yanked: false }] });
    expect(seo.body.freelancers.map((person: { handle: string }) => person.handle).sort()).toEqual(['ada', 'linus', 'sofia']);
    const used = await request(host.app).get('/api/packages?sort=used').set('Host', 'directory.localhost').expect(200);
    // Five sites here: the sandbox's studio-nord runs no SEO plugin.
    expect(used.body.packages[0]).toMatchObject({ id: 'guild.seo', sites: 5 });
    const paid = used.body.packages.find((pkg: { id: string }) => pkg.id === 'mira.notice-bar');
    expect(paid).toMatchObject({ owner: 'mira', price: { amount: 1900, currency: 'EUR', months: 12 } });
    expect(await seedDirectory(host.directory!, path.join(REPO, 'directory', 'seed.json'), host)).toBe(false);
    for (const page of ['/', '/search?q=hours', '/search?kind=theme', '/packages/mira.notice-bar', '/people/mira', '/sites']) {
      await request(host.app).get(page).set('Host', 'directory.localhost').expect(200).expect('content-type', /html/);
    }
    await request(host.app).get('/packages/nothing.here').set('Host', 'directory.localhost').expect(404);
  });

  it('is left out when GUILD_DIRECTORY_EMBEDDED is 0', async () => {
    expect(resolveConfig({}, { GUILD_DIRECTORY_EMBEDDED: '0' }).directoryEmbedded).toBe(false);
    const bare = await sb.host({ directoryEmbedded: false });
    expect(bare.directory).toBeUndefined();
    await request(bare.app).get('/').set('Host', 'directory.localhost').expect(404);
  });
});
