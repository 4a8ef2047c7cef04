// Issue 12, item 8: a path or a multipart header that is not UTF-8 is the sender's mistake (400,
// no stack trace in the log), and theme settings refuse keys the theme does not declare, the
// ones every object has ("constructor", "__proto__") included.
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team, type Client } from '../support/admin.ts';
import { captureLog, sandbox, type Sandbox } from '../support/sandbox.ts';

describe('requests the host cannot read', () => {
  let box: Sandbox;
  let host: Host;
  let owner: Client;
  let manifestFile: string;
  const { log, lines } = captureLog();
  const logged = () => JSON.stringify(lines());

  beforeAll(async () => {
    box = sandbox();
    manifestFile = box.site('alpha');
    host = await box.host({ log });
    ({ owner } = await team(host, 'alpha'));
  });
  afterAll(() => box.remove());

  it.each(['/%ff/', '/tag/%ff/', '/author/%c3%28/', '/admin/%ff', '/admin/api/posts/%ff', '/%E0%A4%A'])('answers 400 to the path %s, with no stack in the log', async (path) => {
    const response = await request(host.app).get(path).set('Host', 'alpha.localhost');
    expect(response.status).toBe(400);
    expect(logged()).not.toMatch(/"stack"|URIError/);
  });

  it('answers 400 to a multipart upload whose headers it cannot read', async () => {
    const boundary = 'b0undary';
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n`), Buffer.from([0xff, 0xfe, 0x0d, 0x0a]), Buffer.from(`\r\nabc\r\n--${boundary}--\r\n`)]);
    const response = await owner.agent.post('/admin/api/media').set('Host', 'alpha.admin.localhost').set('X-CSRF-Token', owner.csrf).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('GUILD_ERR_BAD_REQUEST');
    expect(logged()).not.toMatch(/"stack"/);
  });

  it('refuses theme settings the theme does not declare, constructor and __proto__ included, and writes nothing', async () => {
    const before = readFileSync(manifestFile, 'utf8');
    for (const body of ['{"values":{"constructor":"x"}}', '{"values":{"__proto__":{"polluted":true}}}', '{"values":{"toString":"x"}}']) {
      const response = await owner.agent.put('/admin/api/theme/settings').set('Host', 'alpha.admin.localhost').set('X-CSRF-Token', owner.csrf).type('json').send(body);
      expect(response.status, body).toBe(422);
    }
    expect(readFileSync(manifestFile, 'utf8')).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
