// Uploading to the media library: real images are kept and resized to the theme's sizes; files
// too large or whose bytes are not an allowed image are refused, whatever their name says.
import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { logIn, member, type Client } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const image = (width: number, height: number, format: 'jpeg' | 'png' = 'jpeg') =>
  sharp({ create: { width, height, channels: 3, background: '#c8793a' } })[format]().toBuffer();

describe('media uploads', () => {
  let box: Sandbox;
  let host: Host;
  let editor: Client;
  let author: Client;

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha');
    host = await box.host({ uploadMaxBytes: 200 * 1024 });
    await member(host, 'alpha', 'editor@alpha.test', 'editor');
    await member(host, 'alpha', 'author@alpha.test', 'author');
    editor = await logIn(host, 'alpha.localhost', 'editor@alpha.test');
    author = await logIn(host, 'alpha.localhost', 'author@alpha.test');
  });
  afterAll(() => box.remove());

  const upload = (client: Client, bytes: Buffer, filename: string, contentType = 'image/jpeg') =>
    client.agent.post('/admin/api/media').set('Host', 'alpha.admin.localhost').set('X-CSRF-Token', client.csrf).field('alt', 'A loaf').attach('file', bytes, { filename, contentType });

  it('stores an image under a safe name, with variants at the theme sizes, served publicly', async () => {
    const response = await upload(editor, await image(1000, 600), '../../Crème Brûlée (final).JPG');
    expect(response.status).toBe(201);
    expect(response.body.url).toMatch(/^\/content\/images\/\d{4}\/\d{2}\/creme-brulee-final-[0-9a-f]{6}\.jpg$/);
    expect(response.body).toMatchObject({ width: 1000, height: 600, alt: 'A loaf', mime: 'image/jpeg' });
    // journal declares s (400), m (800) and l (1400) widths; l is larger than the image, so the original serves there.
    expect(Object.keys(response.body.variants).sort()).toEqual(['m', 's']);
    expect(response.body.variants.s).toMatch(/^\/content\/images\/size\/w400\//);
    const served = await request(host.app).get(response.body.url).set('Host', 'alpha.localhost');
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const small = await request(host.app).get(response.body.variants.s).set('Host', 'alpha.localhost').buffer(true);
    expect((await sharp(small.body as Buffer).metadata()).width).toBe(400);
    expect((await request(host.app).get(response.body.url).set('Host', 'beta.localhost')).status).toBe(404);
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = Buffer.concat([await image(10, 10), Buffer.alloc(300 * 1024)]);
    const response = await upload(editor, big, 'huge.jpg');
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('GUILD_ERR_UPLOAD_TOO_LARGE');
  });

  it('refuses a disguised file by its bytes with 415, whatever its name and declared type', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const response = await upload(editor, html, 'cute-cat.png', 'image/png');
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('GUILD_ERR_UPLOAD_TYPE');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
    expect((await upload(editor, svg, 'logo.svg', 'image/svg+xml')).status).toBe(415);
    const damaged = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    expect((await upload(editor, damaged, 'broken.png', 'image/png')).status).toBe(415);
    // A PNG named .jpg is stored as the PNG it is.
    const png = await upload(editor, await image(20, 20, 'png'), 'really-a-png.jpg');
    expect(png.status).toBe(201);
    expect(png.body.url).toMatch(/\.png$/);
  });

  it('warns before deleting a file still in use, and deletes it with its variants when asked again', async () => {
    const uploaded = (await upload(editor, await image(900, 500), 'cover.jpg')).body;
    await editor.post('/admin/api/posts', { title: 'With a cover', html: `<p><img src="${uploaded.url}" alt="cover"></p>`, status: 'published' });
    const refused = await editor.delete(`/admin/api/media/${uploaded.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.usage).toEqual([{ kind: 'post', title: 'With a cover', id: expect.any(Number) }]);
    const file = path.join(box.sitesDir, 'alpha', 'data', uploaded.url.replace(/^\//, ''));
    expect(existsSync(file)).toBe(true);
    expect((await editor.delete(`/admin/api/media/${uploaded.id}?force=1`)).status).toBe(204);
    expect(existsSync(file)).toBe(false);
    expect((await request(host.app).get(uploaded.variants.s).set('Host', 'alpha.localhost')).status).toBe(404);
  });

  it("lets an author upload and change their own files but not other people's", async () => {
    const mine = await upload(author, await image(50, 50), 'mine.jpg');
    expect(mine.status).toBe(201);
    expect((await author.put(`/admin/api/media/${mine.body.id}`, { alt: 'My photo' })).body.alt).toBe('My photo');
    const theirs = (await upload(editor, await image(50, 50), 'theirs.jpg')).body.id;
    expect((await author.delete(`/admin/api/media/${theirs}`)).status).toBe(403);
    const listed = await author.get('/admin/api/media?search=theirs');
    expect(listed.body.items).toHaveLength(1);
  });

  it('needs a session and a CSRF token to upload', async () => {
    const anonymous = await request(host.app).post('/admin/api/media').set('Host', 'alpha.admin.localhost').attach('file', await image(10, 10), 'x.jpg');
    expect(anonymous.status).toBe(401);
    const noToken = await editor.agent.post('/admin/api/media').set('Host', 'alpha.admin.localhost').attach('file', await image(10, 10), 'x.jpg');
    expect(noToken.status).toBe(403);
  });
});
