// Issue 12 item 1: links in mail, and every absolute address the host writes (canonical links,
// feeds, sitemaps), come from the site's configured address, never from the request's Host header:
// `Host: alpha.localhost:3401@evil.example` must not put evil.example into a reset link.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { logIn, mailbox, member } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const POISONED = ['alpha.admin.localhost:3401@evil.example', 'alpha.admin.localhost:1@evil.example:80', 'alpha.admin.localhost:3401'];

describe('links the host writes, under a forged Host header', () => {
  let box: Sandbox;
  let host: Host;
  let port: number;
  const mail = mailbox();

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha', { title: 'Alpha' }, { posts: [{ title: 'Hello', html: '<p>Hi.</p>' }] });
    host = await box.host({ mail });
    port = await host.listen();
    await member(host, 'alpha', 'owner@alpha.test', 'owner');
  });
  afterAll(() => box.remove());

  const lastLinkTo = (to: string) => /https?:\/\/\S+/.exec(mail.sent.filter((message) => message.to === to).at(-1)!.text)![0];

  it('mails password-reset links to the admin address configured for the site, whatever Host the request named', async () => {
    for (const forged of POISONED) {
      const asked = await request(host.app).post('/admin/api/password-reset').set('Host', forged).send({ email: 'owner@alpha.test' });
      expect(asked.status).toBe(202);
      expect(lastLinkTo('owner@alpha.test')).toMatch(new RegExp(`^http://alpha\\.admin\\.localhost:${port}/admin/reset/[\\w-]+$`));
    }
    mail.sent.length = 0;
  });

  it('mails invitation links to the configured admin address', async () => {
    const owner = await logIn(host, 'alpha.localhost', 'owner@alpha.test');
    const invited = await owner.agent.post('/admin/api/invitations').set('Host', POISONED[0]!).set('X-CSRF-Token', owner.csrf).send({ email: 'new@alpha.test', role: 'editor' });
    expect(invited.status).toBe(201);
    expect(lastLinkTo('new@alpha.test')).toMatch(new RegExp(`^http://alpha\\.admin\\.localhost:${port}/admin/invite/[\\w-]+$`));
  });

  it('writes canonical links, the feed and the sitemap with the configured protocol and port', async () => {
    for (const path of ['/', '/hello/', '/rss/', '/sitemap.xml', '/robots.txt']) {
      const response = await request(host.app).get(path).set('Host', 'alpha.localhost:3401@evil.example');
      expect(response.status).toBe(200);
      expect(response.text).not.toContain('evil.example');
      expect(response.text).not.toContain(':3401');
      expect(response.text).toContain(`http://alpha.localhost:${port}/`);
    }
  });
});
