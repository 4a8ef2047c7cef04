/** Issue 14 item 6: owners and editors moderate comments in the admin; authors cannot. */
import request from 'supertest';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost } from '../support/stores.ts';

describeEachHost('comment moderation', (engine) => {
  let box: Sandbox;
  let host: Host;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    box = sandbox();
    box.site('alpha');
    const prepared = await engine.prepare();
    drop = prepared.drop;
    host = await box.host(prepared.options);
  });

  afterEach(async () => {
    await box.remove();
    await drop();
  });

  const page = () => request(host.app).get('/hello/').set('Host', 'alpha.localhost');

  it('lets an editor approve, reply, mark spam and delete, and an owner turn comments off', async () => {
    const { owner, editor, author } = await team(host, 'alpha');
    await editor.post('/admin/api/posts', { title: 'Hello', html: '<p>Hi</p>', status: 'published' }).expect(201);
    await request(host.app).post('/hello/comments/').set('Host', 'alpha.localhost').type('form').send({ name: 'Ada', text: 'First!' }).expect(202);
    await request(host.app).post('/hello/comments/').set('Host', 'alpha.localhost').type('form').send({ name: 'Spam', text: 'Cheap pills' }).expect(202);

    await author.get('/admin/api/comments').expect(403);
    const queue = (await editor.get('/admin/api/comments?status=pending').expect(200)).body.items as Array<{ id: number; authorName: string; post: { title: string } }>;
    expect(queue.map((c) => c.authorName).sort()).toEqual(['Ada', 'Spam']);
    expect(queue[0]!.post.title).toBe('Hello');
    const ada = queue.find((c) => c.authorName === 'Ada')!;
    const spam = queue.find((c) => c.authorName === 'Spam')!;
    expect((await page()).text).not.toContain('First!');

    await editor.put(`/admin/api/comments/${ada.id}`, { status: 'approved' }).expect(200);
    expect((await page()).text).toContain('First!');
    const reply = await editor.post(`/admin/api/comments/${ada.id}/replies`, { text: 'Thanks, Ada' }).expect(201);
    expect(reply.body).toMatchObject({ parentId: ada.id, status: 'approved', authorName: expect.any(String) });
    expect((await page()).text).toMatch(/First!.*<ol class="children">.*Thanks, Ada/s);

    await editor.put(`/admin/api/comments/${spam.id}`, { status: 'spam' }).expect(200);
    expect((await editor.get('/admin/api/comments?status=spam').expect(200)).body.items).toHaveLength(1);
    await editor.put(`/admin/api/comments/${spam.id}`, { status: 'nonsense' }).expect(422);
    await editor.delete(`/admin/api/comments/${spam.id}`).expect(204);
    await editor.delete(`/admin/api/comments/${spam.id}`).expect(404);

    expect((await owner.get('/admin/api/comments/settings').expect(200)).body).toEqual({ enabled: true });
    await owner.put('/admin/api/comments/settings', { enabled: false }).expect(200);
    expect((await page()).text).not.toContain('First!');
  });
});
