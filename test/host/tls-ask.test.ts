// Issue 13, item 7: the ask endpoint of Caddy's on-demand TLS says yes (200) only for a domain
// one of the host's sites serves, and answers only the proxy on this machine.
import http from 'node:http';
import os from 'node:os';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLS_ASK_PATH, caddyfile, type Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('the TLS ask endpoint', () => {
  let box: Sandbox;
  let host: Host;
  const ask = (domain: string, hostHeader = '127.0.0.1') => request(host.app).get(`${TLS_ASK_PATH}?domain=${encodeURIComponent(domain)}`).set('Host', hostHeader);

  beforeAll(async () => {
    box = sandbox();
    box.site('bakery', { domains: ['harbour-bakery.example', 'www.harbour-bakery.example'] });
    box.site('broken', { domains: ['broken.example'], theme: { id: 'no-such-theme' } });
    host = await box.host({ directoryHost: 'directory.guild.example' });
  });
  afterAll(() => box.remove());

  it('says yes for every domain a site serves (one refused for now too), and the directory’s public name', async () => {
    for (const domain of ['harbour-bakery.example', 'www.harbour-bakery.example', 'Harbour-Bakery.Example.', 'broken.example', 'directory.guild.example']) {
      const answer = await ask(domain);
      expect(answer.status, domain).toBe(200);
    }
    expect((await ask('harbour-bakery.example', 'localhost:3000')).text).toBe('harbour-bakery.example: the domain of site bakery\n');
  });

  it('says no to names no site serves, to local names, and to a missing name', async () => {
    for (const domain of ['not-ours.example', 'sub.harbour-bakery.example', 'bakery.localhost', 'localhost', '127.0.0.1']) {
      const answer = await ask(domain);
      expect(answer.status, domain).toBe(404);
    }
    const missing = await request(host.app).get(TLS_ASK_PATH).set('Host', '127.0.0.1');
    expect(missing.status).toBe(400);
  });

  it('is not there for a visitor whose request the proxy passed on (Host: 127.0.0.1 sent through Caddy)', async () => {
    const relayed = await ask('harbour-bakery.example').set('X-Forwarded-For', '203.0.113.9');
    expect(relayed.status).not.toBe(200);
    expect(relayed.text).not.toContain('domain of site');
  });

  it('is not there on a site’s own domain', async () => {
    const onSite = await ask('harbour-bakery.example', 'harbour-bakery.example');
    expect(onSite.status).not.toBe(200);
    expect(onSite.text).not.toContain('domain of site');
  });

  const external = Object.values(os.networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
  it.skipIf(!external)(`answers nobody but this machine (asked from ${external ?? 'no outside address'})`, async () => {
    const server = http.createServer(host.app);
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    try {
      const { port } = server.address() as { port: number };
      const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        http
          .get({ host: external, port, path: `${TLS_ASK_PATH}?domain=harbour-bakery.example`, headers: { Host: '127.0.0.1' } }, (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          })
          .on('error', reject);
      });
      expect(status.status).toBe(404);
      expect(status.body).not.toContain('domain of site');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('is the ask URL of the Caddyfile, which proxies every other name to the host', () => {
    const text = caddyfile({ upstream: '127.0.0.1:3000', email: 'ops@guild.example', hostNames: ['directory.guild.example'] });
    expect(text).toContain(`on_demand_tls {\n\t\task http://127.0.0.1:3000${TLS_ASK_PATH}\n\t}`);
    expect(text).toContain('https:// {\n\ttls {\n\t\ton_demand\n\t}\n\treverse_proxy 127.0.0.1:3000\n}');
    expect(text).toContain('directory.guild.example {\n\treverse_proxy 127.0.0.1:3000\n}');
    expect(text).toContain('\temail ops@guild.example');
  });
});
