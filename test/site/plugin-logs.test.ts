// A plugin's log lines land in the host's log, named by site and plugin, at the host's level:
// guild.seo says "SEO tags are on" at debug every time its site opens.
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { captureLog, sandbox, type Sandbox } from '../support/sandbox.ts';

describe("a plugin's log lines", () => {
  const boxes: Sandbox[] = [];
  afterAll(() => Promise.all(boxes.map((box) => box.remove())));

  const seoLines = async (level: string) => {
    const box = sandbox();
    boxes.push(box);
    box.site('acme', { plugins: [{ id: 'guild.seo' }] });
    const logged = captureLog(level);
    const host = await box.host({ log: logged.log });
    expect((await request(host.app).get('/').set('Host', 'acme.localhost')).status).toBe(200);
    return logged.lines().filter((line) => line.msg === 'SEO tags are on');
  };

  it('are written with the site and the plugin when the host logs their level', async () => {
    expect(await seoLines('debug')).toEqual([expect.objectContaining({ level: 20, site: 'acme', plugin: 'guild.seo' })]);
  });

  it('are left out when the host logs from a higher level', async () => {
    expect(await seoLines('info')).toEqual([]);
  });
});
