// requestPublic as the plugin sandbox's outbound HTTP uses it: any method and body, the name kept
// in the Host header while the connection goes to the checked address, redirects handed back when
// asked, and a refusal that carries its reason for the log.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundRefused, requestPublic } from '../../core/net/index.ts';

describe('requests on someone else’s behalf', () => {
  let server: Server;
  let port: number;
  let seen: { method?: string; headers?: IncomingHttpHeaders; body?: string } = {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen = { method: req.method, headers: req.headers, body };
        if (req.url === '/moved') return void res.writeHead(301, { location: '/here' }).end();
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends the method, headers and body, with the name in the Host header', async () => {
    const response = await requestPublic(`http://localhost:${port}/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}', allowLoopback: true });
    response.body.resume();
    expect(response.status).toBe(200);
    expect(seen).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { host: `localhost:${port}`, 'content-type': 'application/json' } });
  });

  it('hands a redirect back when told to follow none, and follows it otherwise', async () => {
    const kept = await requestPublic(`http://127.0.0.1:${port}/moved`, { maxRedirects: 0, allowLoopback: true });
    kept.body.resume();
    expect(kept.status).toBe(301);
    const followed = await requestPublic(`http://127.0.0.1:${port}/moved`, { allowLoopback: true });
    followed.body.resume();
    expect([followed.status, new URL(followed.url).pathname]).toEqual([200, '/here']);
  });

  it('refuses loopback unless allowed, with the reason on the error for the log', async () => {
    const refused = await requestPublic(`http://localhost:${port}/`, { allowLoopback: false }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OutboundRefused);
    expect((refused as OutboundRefused).detail).toMatch(/localhost is (127\.0\.0\.1|::1), a loopback address/);
  });
});
