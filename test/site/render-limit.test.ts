/**
 * A theme whose page multiplies past any page's size (core/themes/render-budget.ts) costs its own
 * visitor an error page, and nothing more: the host's other sites answer meanwhile, and the same
 * site's other pages still render.
 */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

let box: Sandbox;
let host: Host;

beforeEach(async () => {
  box = sandbox();
  box.write('themes/bomb/package.json', { name: 'bomb', version: '1.0.0' });
  box.write('themes/bomb/default.hbs', '<html><body>{{{body}}}</body></html>');
  // p24 calls p0 2^24 times (minutes unstopped); each call has its own hash, so no kept fragment helps.
  for (let level = 0; level <= 24; level++) box.write(`themes/bomb/partials/p${level}.hbs`, level === 0 ? 'x' : `{{> p${level - 1} side="a"}}{{> p${level - 1} side="b"}}`);
  box.write('themes/bomb/index.hbs', '{{!< default}}{{> p24}}');
  box.write('themes/bomb/post.hbs', '{{!< default}}{{#post}}<h1>{{title}}</h1>{{/post}}');
  box.site('bomb', { domains: ['bomb.localhost'], theme: { id: 'bomb' } }, { posts: [{ title: 'Still here', slug: 'still-here', html: '<p>Hi.</p>' }] });
  box.site('calm', { domains: ['calm.localhost'] });
  host = await box.host({ pageCacheBytes: 0 });
});

afterEach(async () => {
  await box.remove();
});

describe('a theme that renders past the time limit', () => {
  it('answers its visitor with an error page while the other sites answer', async () => {
    const [bombed, calm] = await Promise.all([request(host.app).get('/').set('Host', 'bomb.localhost'), request(host.app).get('/').set('Host', 'calm.localhost')]);
    expect(bombed.status).toBe(500);
    expect(calm.status).toBe(200);
    expect((await request(host.app).get('/still-here/').set('Host', 'bomb.localhost')).text).toContain('<h1>Still here</h1>');
    expect((await request(host.app).get('/').set('Host', 'calm.localhost')).status).toBe(200);
  });
});
