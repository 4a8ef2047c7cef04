// Issue 14 item 3: themes that ask for it get one shared stylesheet for WordPress's markup, and
// WordPress's video embeds show as the editor's player on the page (the stored post unchanged).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('WordPress markup on a site', () => {
  let box: Sandbox;
  let host: Host;
  const get = (path: string, site = 'journal') => request(host.app).get(path).set('Host', `${site}.localhost`);

  beforeAll(async () => {
    box = sandbox();
    box.site('journal', { theme: { id: 'journal' } });
    box.site('atelier', { theme: { id: 'atelier' } });
    host = await box.host();
  });
  afterAll(() => box.remove());

  it('links the shared stylesheet in both first-party themes, and serves it', async () => {
    for (const site of ['journal', 'atelier']) {
      const link = /<link rel="stylesheet" href="(\/public\/guild-wordpress\.css\?v=\w+)">/.exec((await get('/', site).expect(200)).text)?.[1];
      expect(link, site).toBeDefined();
      const css = await get(link!, site).expect(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      expect(css.headers['cache-control']).toContain('immutable');
      expect(css.text).toContain('.wp-block-gallery');
    }
  });

  it('shows a WordPress YouTube embed block as the editor’s player, and keeps the stored post as written', async () => {
    const { owner } = await team(host, 'journal');
    const html = '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper"><a href="https://youtu.be/ex8fMxXJDJw">https://youtu.be/ex8fMxXJDJw</a></div></figure>';
    const created = await owner.post('/admin/api/posts', { title: 'A video', html, status: 'published' }).expect(201);
    const page = await get('/a-video/').expect(200);
    expect(page.text).toContain('<figure class="embed"><iframe src="https://www.youtube-nocookie.com/embed/ex8fMxXJDJw"');
    expect((await owner.get(`/admin/api/posts/${created.body.id}`).expect(200)).body.html).toContain('https://youtu.be/ex8fMxXJDJw');
  });
});
