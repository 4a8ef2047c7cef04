// Issue 12, item 8: "/\evil.example" (which browsers open as //evil.example) and every other
// spelling of another host is refused wherever a site-relative URL is accepted: menu items,
// content-type url fields, the contact form's return, the private page's return. One function
// decides (core/content/links.ts); random and adversarial input never gets an off-site link past it.
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSafeLink, isSitePath, sitePathOr } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { entryProblems } from '../../core/site/content-types.ts';
import { team, type Client } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const OFF_SITE = ['/\\evil.example', '//evil.example', '/\\/evil.example', '/\t/evil.example', '/\n/evil.example', '\\\\evil.example', ' //evil.example', '/%09/evil.example'.replace('%09', '\t'), 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', 'https:evil.example', 'http:/\\evil.example', '//\\evil.example'];
const BASE = 'https://site.example';

describe('the one check for links', () => {
  it('refuses every spelling of another host or of script', () => {
    for (const link of OFF_SITE) {
      expect(isSitePath(link), JSON.stringify(link)).toBe(false);
      expect(isSafeLink(link), JSON.stringify(link)).toBe(false);
      expect(sitePathOr(link)).toBe('/');
    }
    for (const path of ['/', '/about/', '/tag/news/?page=2#top', '/a\\b']) expect(isSitePath(path), path).toBe(true);
  });

  it('never passes a site path that a browser resolves to another origin', () => {
    const nasty = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom('/', '\\', '\t', '\n', '\r', ' ', '.', ':', '@', '%', 'e', 'x', '#', '?', '\u0000', '\u00a0') }),
      fc.webUrl().map((url) => url.replace(/^https?:/, '')),
    );
    fc.assert(
      fc.property(nasty, (value) => {
        if (!isSitePath(value)) return;
        // A browser strips tabs and newlines and reads backslashes as slashes; the WHATWG parser does the same.
        expect(new URL(value, BASE).origin).toBe(BASE);
        expect(new URL(value.replace(/[\t\n\r]/g, ''), BASE).origin).toBe(BASE);
      }),
      { numRuns: 3000 },
    );
  });

  it('never passes a link whose scheme could run script', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('javascript', 'vbscript', 'data').chain((scheme) => fc.string().map((rest) => `${scheme}:${rest}`))), (value) => {
        if (!isSafeLink(value)) return;
        const protocol = new URL(value, BASE).protocol;
        expect(['http:', 'https:', 'mailto:', 'tel:']).toContain(protocol);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('where links are accepted', () => {
  let box: Sandbox;
  let host: Host;
  let editor: Client;

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha', { plugins: [{ id: 'guild.contact-form', settings: { notify: 'hello@alpha.example' } }] });
    box.site('hidden', { private: { password: 'sourdough' } });
    host = await box.host();
    ({ editor } = await team(host, 'alpha'));
  });
  afterAll(() => box.remove());

  it('a menu item refuses /\\evil.example', async () => {
    const refused = await editor.put('/admin/api/navigation', { items: [{ label: 'Evil', url: '/\\evil.example' }] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.problems[0].field).toBe('items.0.url');
    expect((await editor.put('/admin/api/navigation', { items: [{ label: 'About', url: '/about/' }] })).status).toBe(200);
  });

  it("a content type's url field refuses /\\evil.example", () => {
    const type = { name: 'project', label: 'Project', fields: { link: { type: 'url' } } } as never;
    expect(entryProblems(type, { title: 'x', fields: { link: '/\\evil.example' } }, true, () => false)).toEqual([{ field: 'link', message: 'must be a URL or a path on this site' }]);
    expect(entryProblems(type, { title: 'x', fields: { link: '/work/' } }, true, () => false)).toEqual([]);
  });

  it("the contact form's return and the private page's return send /\\evil.example home instead", async () => {
    const sent = await request(host.app).post('/p/guild.contact-form/submit').set('Host', 'alpha.localhost').type('form').send({ name: 'Di', email: 'di@example.com', message: 'Hi', return: '/\\evil.example' });
    expect(sent.text).toContain('<a href="/">');
    expect(sent.text).not.toContain('evil.example');
    const opened = await request(host.app).post('/private/?r=/%5Cevil.example').set('Host', 'hidden.localhost').type('form').send({ password: 'sourdough' });
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe('/');
  });
});
