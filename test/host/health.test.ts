// Issue 17: a load balancer asks GET /_guild/health on the host's own names whether to send it
// requests; it is answered without opening a site, and a site's own names keep the path.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_PATH, type Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('the health check for a load balancer', () => {
  let box: Sandbox;
  let host: Host;

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha');
    host = await box.host();
  });
  afterAll(() => box.remove());

  it('answers 200 on the host\'s own names, never cached, without opening any site', async () => {
    for (const name of ['localhost', '127.0.0.1']) {
      const answer = await request(host.app).get(HEALTH_PATH).set('Host', name);
      expect(answer.status).toBe(200);
      expect(answer.text).toBe('ok\n');
      expect(answer.headers['cache-control']).toBe('no-store');
    }
    expect(host.registry.openCount()).toBe(0);
  });

  it("leaves the path to a site on the site's own names", async () => {
    const answer = await request(host.app).get(HEALTH_PATH).set('Host', 'alpha.localhost');
    // The site's routing answers (a redirect to the path with a slash), not the health check.
    expect(answer.status).not.toBe(200);
    expect(answer.text).not.toBe('ok\n');
  });
});
