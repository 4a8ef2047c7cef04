// GUILD_MAX_OPEN_SITES bounds what a host of many client sites keeps in memory: the least
// recently used site closes when one more opens, and a site still serving a request never does.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('the number of sites kept open', () => {
  let box: Sandbox;
  let host: Host;
  // Read from the registry's record of the site: asking openSite() would count as a use.
  const isOpen = (slug: string) => host.registry.get(slug)!.runtime !== undefined;
  // A page never asked for before: a cached one would be sent without opening the site.
  let visits = 0;
  const visit = async (slug: string) => expect((await request(host.app).get(`/never-seen-${++visits}/`).set('Host', `${slug}.localhost`)).status).toBe(404);

  beforeAll(async () => {
    box = sandbox();
    for (const slug of ['alpha', 'beta', 'gamma', 'delta']) box.site(slug);
    host = await box.host({ maxOpenSites: 2 });
  });
  afterAll(() => box.remove());

  it('stays below the limit by closing the least recently used site', async () => {
    await visit('alpha');
    await visit('beta');
    expect(host.registry.openCount()).toBe(2);
    await visit('gamma');
    expect(host.registry.openCount()).toBe(2);
    expect(['alpha', 'beta', 'gamma'].filter(isOpen)).toEqual(['beta', 'gamma']);
  });

  it('never closes a site while it serves a request, and does not count it', async () => {
    const held = await host.registry.acquire(host.registry.get('beta')!);
    try {
      await visit('delta');
      expect(['beta', 'gamma', 'delta'].filter(isOpen)).toEqual(['beta', 'gamma', 'delta']);
      await visit('alpha');
      // Of the idle sites, gamma was used longest ago; beta is still busy.
      expect(['alpha', 'beta', 'gamma', 'delta'].filter(isOpen)).toEqual(['alpha', 'beta', 'delta']);
    } finally {
      held.release();
    }
  });
});
