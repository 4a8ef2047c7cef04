// Writing through the Admin API: the posts contract, sanitizing with a report, lists, bulk actions,
// roles, revisions, autosave, preview and scheduled publishing.
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team, type Client } from '../support/admin.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost } from '../support/stores.ts';

const seed = {
  authors: [{ slug: 'marta', name: 'Marta' }],
  tags: [{ name: 'Bread' }, { name: 'News' }],
  posts: [
    { title: 'Sourdough notes', slug: 'sourdough-notes', html: '<p>Flour, water, salt.</p>', tags: ['Bread'], publishedAt: '2026-01-02T08:00:00Z' },
    { title: 'Summer hours', slug: 'summer-hours', html: '<p>Open late.</p>', tags: ['News'], publishedAt: '2026-01-03T08:00:00Z' },
  ],
  pages: [{ title: 'About', slug: 'about', html: '<p>Us.</p>' }],
};

describeEachHost('the Admin API for posts and pages', (engine) => {
  let box: Sandbox;
  let drop: () => Promise<void>;
  let host: Host;
  let owner: Client;
  let author: Client;
  let editor: Client;

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha', {}, seed);
    box.site('beta');
    const prepared = await engine.prepare();
    drop = prepared.drop;
    host = await box.host(prepared.options);
    ({ owner, editor, author } = await team(host, 'alpha'));
  });
  afterAll(async () => {
    await box.remove();
    await drop();
  });

  const publicGet = (path: string, hostname = 'alpha.localhost') => request(host.app).get(path).set('Host', hostname);

  it('creates a post from {title, html, status}: 201 with its public url, live on the site', async () => {
    const response = await owner.post('/admin/api/posts', { title: 'Fresh croissants', html: '<h2>Butter</h2><p>Every <a href="https://example.com/">morning</a>.</p>', status: 'published' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ title: 'Fresh croissants', slug: 'fresh-croissants', status: 'published', url: 'http://alpha.localhost/fresh-croissants/' });
    expect(response.body.rejected).toEqual([]);
    const page = await publicGet('/fresh-croissants/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2>Butter</h2>');
    expect(page.text).toContain('<a href="https://example.com/">morning</a>');
    expect((await publicGet('/fresh-croissants/', 'beta.localhost')).status).toBe(404);
  });

  it('sanitizes HTML on save and reports every removed part instead of losing it silently', async () => {
    const response = await owner.post('/admin/api/posts', {
      title: 'Tricky',
      html: '<p onclick="steal()">Hi <a href="javascript:alert(1)">there</a></p><script>alert(1)</script><iframe src="https://evil.example/"></iframe><img src="/x.jpg" alt="x" onerror="boom()">',
      status: 'published',
    });
    expect(response.status).toBe(201);
    const html: string = response.body.html;
    expect(html).not.toMatch(/script|onclick|onerror|javascript:|evil\.example/);
    expect(html).toContain('<p>Hi <a>there</a></p>');
    const rejected = response.body.rejected as Array<{ kind: string; element: string; attribute?: string; source: string }>;
    expect(rejected.map((part) => `${part.element}${part.attribute ? `@${part.attribute}` : ''}`).sort()).toEqual(['a@href', 'iframe@src', 'img@onerror', 'p@onclick', 'script']);
    expect(rejected.find((part) => part.element === 'a')!.source).toContain('javascript:alert(1)');
    // The writer is told in words, not in markup.
    expect(response.body.rejectedSummary).toBe(
      'Removed a script, an embed from a site other than YouTube or Vimeo, 2 event handlers (onclick, onerror) and a link that is not a web, mail or phone address.',
    );
    expect((await publicGet('/tricky/')).text).not.toContain('steal()');
  });

  it('lists posts with search, status and tag filters', async () => {
    await owner.post('/admin/api/posts', { title: 'A draft about rye', html: '<p>Rye bread soon.</p>', status: 'draft', tags: ['Bread'] });
    const all = await owner.get('/admin/api/posts');
    expect(all.status).toBe(200);
    expect(all.body.items[0]).not.toHaveProperty('html');
    const drafts = await owner.get('/admin/api/posts?status=draft');
    expect(drafts.body.items.map((post: { title: string }) => post.title)).toEqual(['A draft about rye']);
    const bread = await owner.get('/admin/api/posts?tag=bread');
    expect(bread.body.items.map((post: { title: string }) => post.title).sort()).toEqual(['A draft about rye', 'Sourdough notes']);
    const search = await owner.get('/admin/api/posts?search=open%20late');
    expect(search.body.items.map((post: { title: string }) => post.title)).toEqual(['Summer hours']);
    const pages = await owner.get('/admin/api/pages');
    expect(pages.body.items.map((post: { title: string }) => post.title)).toEqual(['About']);
  });

  it('runs bulk actions and reports each post that could not be changed', async () => {
    const a = (await owner.post('/admin/api/posts', { title: 'Bulk one', html: '<p>1</p>', status: 'draft' })).body.id;
    const b = (await owner.post('/admin/api/posts', { title: 'Bulk two', html: '<p>2</p>', status: 'draft' })).body.id;
    const published = await owner.post('/admin/api/posts/bulk', { action: 'publish', ids: [a, b, 999_999] });
    expect(published.status).toBe(200);
    expect(published.body.done).toEqual([a, b]);
    expect(published.body.failed).toEqual([{ id: 999_999, message: 'does not exist' }]);
    expect((await publicGet('/bulk-one/')).status).toBe(200);
    await owner.post('/admin/api/posts/bulk', { action: 'unpublish', ids: [a] });
    expect((await publicGet('/bulk-one/')).status).toBe(404);
    await owner.post('/admin/api/posts/bulk', { action: 'delete', ids: [a, b] });
    expect((await owner.get(`/admin/api/posts/${b}`)).status).toBe(404);
  });

  it('lets an author write and publish their own posts only, and no pages', async () => {
    const own = await author.post('/admin/api/posts', { title: 'My first post', html: '<p>Hello</p>', status: 'published' });
    expect(own.status).toBe(201);
    expect(own.body.authors[0].name).toBe('Author');
    const theirs = (await owner.get('/admin/api/posts?search=Sourdough')).body.items[0].id;
    expect((await author.put(`/admin/api/posts/${theirs}`, { title: 'Hijacked' })).status).toBe(403);
    expect((await author.get('/admin/api/pages')).status).toBe(403);
    const listed = await author.get('/admin/api/posts?status=any');
    expect(listed.body.items.map((post: { title: string }) => post.title)).toEqual(['My first post']);
    expect((await author.post('/admin/api/posts', { title: 'Ghost', html: '', status: 'draft', authors: ['marta'] })).status).toBe(403);
    expect((await editor.put(`/admin/api/posts/${own.body.id}`, { title: 'Edited by the editor' })).status).toBe(200);
  });

  it('checks every field and answers 422 naming each wrong one', async () => {
    const response = await owner.post('/admin/api/posts', { title: 12, html: '<p>x</p>', status: 'live', tags: 'Bread', authors: ['nobody'] });
    expect(response.status).toBe(422);
    expect(response.body.error.problems.map((problem: { field: string }) => problem.field).sort()).toEqual(['authors', 'status', 'tags', 'title']);
  });

  it('keeps revisions with who and when, shows a diff, and restores one', async () => {
    const created = await editor.post('/admin/api/posts', { title: 'Opening times', html: '<p>We open at seven.</p>', status: 'draft' });
    const id = created.body.id;
    await owner.put(`/admin/api/posts/${id}`, { html: '<p>We open at eight.</p>', status: 'published' });
    const revisions = await owner.get(`/admin/api/posts/${id}/revisions`);
    expect(revisions.body.items.map((revision: { reason: string; by: { name: string } }) => `${revision.reason} by ${revision.by.name}`)).toEqual(['published by Owner', 'created by Editor']);
    const first = revisions.body.items[1].id;
    const detail = await owner.get(`/admin/api/posts/${id}/revisions/${first}`);
    expect(detail.body.diff.text).toEqual(expect.arrayContaining([{ value: 'seven', removed: true }, { value: 'eight', added: true }]));
    const restored = await owner.post(`/admin/api/posts/${id}/revisions/${first}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.html).toBe('<p>We open at seven.</p>');
    expect(restored.body.status).toBe('published');
    expect((await publicGet('/opening-times/')).text).toContain('We open at seven.');
    expect((await owner.get(`/admin/api/posts/${id}/revisions`)).body.items[0].reason).toBe('restored');
  });

  it('autosaves drafts into one revision and refuses to autosave a published post', async () => {
    const id = (await owner.post('/admin/api/posts', { title: 'Autosaved', html: '<p>a</p>', status: 'draft' })).body.id;
    for (const text of ['ab', 'abc', 'abcd']) expect((await owner.put(`/admin/api/posts/${id}/autosave`, { html: `<p>${text}</p>` })).status).toBe(200);
    const revisions = (await owner.get(`/admin/api/posts/${id}/revisions`)).body.items;
    expect(revisions.map((revision: { reason: string }) => revision.reason)).toEqual(['autosaved', 'created']);
    expect((await owner.get(`/admin/api/posts/${id}`)).body.html).toBe('<p>abcd</p>');
    await owner.put(`/admin/api/posts/${id}`, { status: 'published' });
    expect((await owner.put(`/admin/api/posts/${id}/autosave`, { html: '<p>x</p>' })).status).toBe(422);
  });

  it("previews a draft through the site's own theme, for logged-in users only", async () => {
    const draft = await owner.post('/admin/api/posts', { title: 'Secret menu', html: '<p>Pastel de nata with cinnamon.</p>', status: 'draft' });
    expect((await publicGet('/secret-menu/')).status).toBe(404);
    const preview = await owner.get(draft.body.previewUrl);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('<h1 class="article-title">Secret menu</h1>');
    expect(preview.text).toContain('screen.css');
    expect(preview.headers['x-robots-tag']).toBe('noindex');
    // The theme's inline styles and scripts work in the preview, as on the site, but in a sandbox of
    // its own origin: served by the admin's origin, it must not reach the admin (issue 11).
    expect(preview.headers['content-security-policy']).toBe('sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox');
    expect(preview.text).toContain('<base href="http://alpha.localhost/">');
    expect((await publicGet(draft.body.previewUrl, owner.host)).status).toBe(401);
  });

  it('publishes a scheduled post on time by the host timer, with no visitor asking', async () => {
    const at = new Date(Date.now() + 1500).toISOString();
    const scheduled = await owner.post('/admin/api/posts', { title: 'Tomorrow news', html: '<p>Soon.</p>', status: 'scheduled', publishedAt: at });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.status).toBe('scheduled');
    expect((await publicGet('/tomorrow-news/')).status).toBe(404);
    const { site, release } = await host.registry.acquire(host.registry.get('alpha')!);
    try {
      await eventually(async () => expect((await site.store.getPost(scheduled.body.id))?.status).toBe('published'), 6000);
    } finally {
      release();
    }
    expect((await publicGet('/tomorrow-news/')).status).toBe(200);
  });

  it('refuses to schedule without a future time', async () => {
    const response = await owner.post('/admin/api/posts', { title: 'Past', html: '', status: 'scheduled', publishedAt: '2020-01-01T00:00:00Z' });
    expect(response.status).toBe(422);
    expect(response.body.error.problems[0].field).toBe('publishedAt');
  });
});
