// Content types in the Admin API: what the admin is told about each type a running plugin
// declares (enough to draw its list and its form), and the entries an editor adds, reads, changes
// and deletes, refused field by field where the type says so.
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team, type Client } from '../support/admin.ts';
import { pluginManifest } from '../support/plugins.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost } from '../support/stores.ts';

const PORTFOLIO = `import { definePlugin } from '@guild/sdk';
export default definePlugin({ setup({ contentTypes }) {
  contentTypes.define({ name: 'project', label: 'Project', plural: 'Projects', path: 'projects', fields: {
    client: { type: 'text', label: 'Client', required: true },
    type: { type: 'select', options: ['Website', 'Branding'] },
    cover_image: { type: 'image' },
    summary: { type: 'textarea', help: 'One or two sentences for the list.' },
    story: { type: 'html' },
  } });
  contentTypes.define({ name: 'testimonial', label: 'Testimonial', plural: 'Testimonials', path: 'kind-words', fields: { quote: { type: 'textarea', required: true } } });
} });`;

describeEachHost('content types in the Admin API', (engine) => {
  let box: Sandbox;
  let drop: () => Promise<void>;
  let host: Host;
  let editor: Client;
  let author: Client;
  const entries = '/admin/api/plugins/types/project/entries';
  const visit = (path: string) => request(host.app).get(path).set('Host', 'studio.localhost');

  beforeAll(async () => {
    box = sandbox();
    box.write('plugins/portfolio/plugin.json', pluginManifest('test.portfolio', ['content-types']));
    box.write('plugins/portfolio/index.ts', PORTFOLIO);
    box.site('studio', { plugins: [{ id: 'test.portfolio' }] });
    const prepared = await engine.prepare();
    drop = prepared.drop;
    host = await box.host(prepared.options);
    ({ editor, author } = await team(host, 'studio'));
  });
  afterAll(async () => {
    await box.remove();
    await drop();
  });

  it('tells the editor each content type with its fields in order, labelled (from their names when the plugin gave none)', async () => {
    const answer = await editor.get('/admin/api/plugins');
    expect(answer.status).toBe(200);
    expect(answer.body.contentTypes).toEqual([
      {
        name: 'project',
        label: 'Project',
        plural: 'Projects',
        path: 'projects',
        plugin: 'test.portfolio',
        fields: [
          { name: 'client', label: 'Client', type: 'text', required: true },
          { name: 'type', label: 'Type', type: 'select', options: ['Website', 'Branding'] },
          { name: 'cover_image', label: 'Cover image', type: 'image' },
          { name: 'summary', label: 'Summary', type: 'textarea', help: 'One or two sentences for the list.' },
          { name: 'story', label: 'Story', type: 'html' },
        ],
      },
      { name: 'testimonial', label: 'Testimonial', plural: 'Testimonials', path: 'kind-words', plugin: 'test.portfolio', fields: [{ name: 'quote', label: 'Quote', type: 'textarea', required: true }] },
    ]);
  });

  it('keeps authors out of content types, as out of the rest of plugins’ admin', async () => {
    expect((await author.get(entries)).status).toBe(403);
    expect((await author.post(entries, { title: 'Sneaky', fields: { client: 'x' } })).status).toBe(403);
  });

  it('adds an entry, reads it back with its own fields apart, and lists it with drafts', async () => {
    const created = await editor.post(entries, { title: 'Harbour Bakery website', status: 'draft', fields: { client: 'Harbour Bakery', type: 'Website' } });
    expect(created.status).toBe(201);
    // "type" is the project's own field and, in the theme's view, the content type's name.
    expect(created.body).toMatchObject({ title: 'Harbour Bakery website', slug: 'harbour-bakery-website', status: 'draft', type: 'project', fields: { client: 'Harbour Bakery', type: 'Website' } });
    const { rejected, ...saved } = created.body;
    expect(rejected).toEqual([]);
    const one = await editor.get(`${entries}/${created.body.id}`);
    expect(one.body).toEqual(saved);
    const list = await editor.get(entries);
    expect(list.body.type.fields.map((field: { name: string }) => field.name)).toEqual(['client', 'type', 'cover_image', 'summary', 'story']);
    expect(list.body.entries).toEqual([expect.objectContaining({ id: created.body.id, status: 'draft' })]);
    expect((await visit('/projects/harbour-bakery-website/')).status).toBe(404);
  });

  it('cleans rich-text fields as posts are cleaned, says what it removed, and the public page runs none of it', async () => {
    const story = '<p onclick="steal()">We rebuilt the <a href="javascript:alert(1)">shop</a>.</p><script>alert(1)</script>';
    const created = await editor.post(entries, { title: 'Shop rebuild', fields: { client: 'Harbour Bakery', story } });
    expect(created.status).toBe(201);
    expect(created.body.fields.story).toBe('<p>We rebuilt the <a>shop</a>.</p>');
    expect(created.body.rejected.map((part: { field: string; element: string; attribute?: string }) => [part.field, part.element, part.attribute])).toEqual([
      ['story', 'p', 'onclick'],
      ['story', 'a', 'href'],
      ['story', 'script', undefined],
    ]);
    const changed = await editor.put(`${entries}/${created.body.id}`, { fields: { client: 'Harbour Bakery', story: '<p>Fine <em>now</em>.</p><iframe src="https://evil.example/"></iframe>' } });
    expect(changed.body.fields.story).toBe('<p>Fine <em>now</em>.</p>');
    expect(changed.body.rejected).toEqual([expect.objectContaining({ field: 'story', element: 'iframe' })]);
    const page = await visit('/projects/shop-rebuild/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<p>Fine <em>now</em>.</p>');
    expect(page.text).not.toContain('evil.example');
  });

  it('lists every published entry in the sitemap, past the hundred a list shows', async () => {
    const testimonials = '/admin/api/plugins/types/testimonial/entries';
    for (let n = 1; n <= 101; n++) expect((await editor.post(testimonials, { title: `Kind words ${n}`, fields: { quote: `Lovely, ${n}.` } })).status).toBe(201);
    expect((await editor.get(testimonials)).body).toMatchObject({ page: 1, pages: 2, total: 101, entries: expect.any(Array) });
    expect((await editor.get(testimonials)).body.entries).toHaveLength(100);
    const second = (await editor.get(`${testimonials}?page=2`)).body;
    expect(second).toMatchObject({ page: 2, pages: 2, total: 101 });
    expect(second.entries.map((entry: { title: string }) => entry.title)).toEqual(['Kind words 1']);
    const sitemap = (await visit('/sitemap.xml')).text;
    expect(sitemap).toContain('/kind-words/kind-words-1/</loc>');
    expect(sitemap).toContain('/kind-words/kind-words-101/</loc>');
  });

  it('pages the public list of a type past a hundred, as post lists are paged', async () => {
    const first = await visit('/kind-words/');
    expect(first.text).toContain('href="/kind-words/kind-words-101/"');
    expect(first.text).not.toContain('href="/kind-words/kind-words-1/"');
    expect(first.text).toContain('href="/kind-words/page/2/"');
    const second = await visit('/kind-words/page/2/');
    expect(second.status).toBe(200);
    expect(second.text).toContain('href="/kind-words/kind-words-1/"');
    expect(second.text).toContain('href="/kind-words/"');
    expect((await visit('/kind-words/page/3/')).status).toBe(404);
    const one = await visit('/kind-words/page/1/');
    expect([one.status, one.headers.location]).toEqual([301, '/kind-words/']);
    expect((await visit('/%2Fevil.example/page/1/')).headers.location).toBe('/%2Fevil.example/');
  });

  it('refuses a change that empties a required field or takes another entry’s slug, and keeps the entry as it was', async () => {
    const first = (await editor.post(entries, { title: 'Nord rebrand', fields: { client: 'Studio Nord' } })).body;
    const second = (await editor.post(entries, { title: 'Ferry timetable', fields: { client: 'Harbour Ferries' } })).body;
    const refused = await editor.put(`${entries}/${second.id}`, { title: 'Ferry timetable', slug: 'Nord Rebrand', fields: { client: '' } });
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toEqual([
      { field: 'slug', message: '"nord-rebrand" is taken by another project; pick another' },
      { field: 'client', message: 'is required' },
    ]);
    expect((await editor.get(`${entries}/${second.id}`)).body).toMatchObject({ slug: 'ferry-timetable', fields: { client: 'Harbour Ferries' } });
    // A new entry may not take a slug either; its own slug is no clash.
    expect((await editor.post(entries, { title: 'Again', slug: 'ferry-timetable', fields: { client: 'x' } })).body.problems).toEqual([{ field: 'slug', message: '"ferry-timetable" is taken by another project; pick another' }]);
    expect((await editor.put(`${entries}/${first.id}`, { slug: 'nord-rebrand', title: 'Nord rebrand 2025' })).status).toBe(200);
  });

  it('changes an entry and visitors see the change; deleting it takes its page away', async () => {
    const created = (await editor.post(entries, { title: 'Market stall signs', fields: { client: 'Mercado' } })).body;
    expect((await visit('/projects/market-stall-signs/')).text).toContain('Mercado');
    const changed = await editor.put(`${entries}/${created.id}`, { title: 'Market stall signs', slug: 'mercado-signs', status: 'published', fields: { client: 'Mercado do Bolhão', summary: 'Hand-painted signs.' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ url: '/projects/mercado-signs/', fields: { client: 'Mercado do Bolhão', summary: 'Hand-painted signs.' } });
    const page = await visit('/projects/mercado-signs/');
    expect(page.text).toContain('Mercado do Bolhão');
    expect(page.text).toContain('<dt>Summary</dt>');
    expect((await editor.delete(`${entries}/${created.id}`)).status).toBe(204);
    expect((await visit('/projects/mercado-signs/')).status).toBe(404);
    expect((await editor.get(`${entries}/${created.id}`)).body.error.code).toBe('GUILD_ERR_NOT_FOUND');
  });

  it('answers 404 for an entry asked for under another type, or a type the site does not have', async () => {
    const project = (await editor.post(entries, { title: 'Ship logo', fields: { client: 'Harbour Ferries' } })).body;
    expect((await editor.get(`/admin/api/plugins/types/testimonial/entries/${project.id}`)).status).toBe(404);
    expect((await editor.delete(`/admin/api/plugins/types/testimonial/entries/${project.id}`)).status).toBe(404);
    const missing = await editor.get('/admin/api/plugins/types/recipe/entries');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('The content type "recipe"');
  });
});
