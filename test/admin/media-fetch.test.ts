// Fetching imported files from the admin (owners and editors): the page learns how many files
// still come from the old site and why some failed, starts fetching them, follows the run to its
// report; the fetched copies land in the media library and the posts show them. Authors may not.
import request from 'supertest';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team, type Client } from '../support/admin.ts';
import { fileServer, type FileServer } from '../support/file-server.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost } from '../support/stores.ts';
import { exportWithFiles } from '../support/wxr.ts';

const FILES = [
  { id: 10, path: '/wp-content/uploads/2020/01/shop.png', alt: 'The shop front' },
  { id: 11, path: '/wp-content/uploads/2020/01/gone.png' },
];
const ATTACHMENTS = '/admin/api/imports/attachments';

describeEachHost('fetching imported files in the Admin API', (engine) => {
  let box: Sandbox;
  let drop: () => Promise<void>;
  let old: FileServer;
  let host: Host;
  let editor: Client;
  let author: Client;

  const done = () =>
    eventually(async () => {
      const state = (await editor.get(ATTACHMENTS).expect(200)).body;
      if (state.job?.phase === 'fetching') throw new Error('still fetching');
      return state;
    }, 20_000);

  beforeAll(async () => {
    // The old site in these tests is a server on 127.0.0.1, which the host refuses to fetch from unless told.
    vi.stubEnv('GUILD_FETCH_ALLOW_LOOPBACK', '1');
    old = await fileServer();
    old.answer(FILES[0]!.path, { body: await sharp({ create: { width: 30, height: 20, channels: 3, background: '#2a6' } }).png().toBuffer() });
    box = sandbox();
    box.site('shop', { title: 'Corner Shop' });
    const prepared = await engine.prepare();
    drop = prepared.drop;
    host = await box.host(prepared.options);
    ({ editor, author } = await team(host, 'shop'));
    const imported = await editor.agent.post('/admin/api/imports').set('Host', editor.host).set('X-CSRF-Token', editor.csrf).attach('file', exportWithFiles(old.origin, FILES), 'shop.xml');
    expect(imported.status).toBe(202);
    await eventually(async () => {
      const job = (await editor.get(`/admin/api/imports/${imported.body.id}`)).body;
      if (job.phase !== 'done') throw new Error(`import ${job.phase}`);
    }, 20_000);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await box?.remove();
    await old?.close();
    await drop?.();
  });

  it('says how many imported files still come from the old site, before any fetch', async () => {
    expect((await editor.get(ATTACHMENTS)).body).toEqual({ waiting: 2, failed: [], job: null });
  });

  it('keeps authors out', async () => {
    expect((await author.get(ATTACHMENTS)).status).toBe(403);
    expect((await author.post(ATTACHMENTS, {})).status).toBe(403);
  });

  it('fetches them as a job, and reports what arrived and what did not, and why', async () => {
    const started = await editor.post(ATTACHMENTS, {});
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ phase: 'fetching', startedBy: { name: expect.any(String) } });
    const state = await done();
    expect(state.job).toMatchObject({ phase: 'done', progress: { done: 2, total: 2, fetched: 1, failed: 1 }, report: { total: 2, fetched: 1, postsUpdated: 1 } });
    expect(state.waiting).toBe(1);
    expect(state.failed).toEqual([{ url: `${old.origin}${FILES[1]!.path}`, reason: 'answered 404 Not Found' }]);

    const media = (await editor.get('/admin/api/media')).body.items;
    expect(media).toEqual([expect.objectContaining({ filename: 'shop.png', alt: 'The shop front' })]);
    const page = await request(host.app).get('/our-shop/').set('Host', 'shop.localhost');
    expect(page.text).toContain(media[0].url);
    expect(page.text).not.toContain(`${old.origin}${FILES[0]!.path}`);
  });

  it('refuses a second run, and an import, while one is fetching, naming who started it', async () => {
    old.answer(FILES[1]!.path, { stallMs: 1500 });
    expect((await editor.post(ATTACHMENTS, {})).status).toBe(202);
    const second = await editor.post(ATTACHMENTS, {});
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/being fetched already \(started by .+\)/);
    const importing = await editor.agent.post('/admin/api/imports').set('Host', editor.host).set('X-CSRF-Token', editor.csrf).attach('file', exportWithFiles(old.origin, FILES), 'shop.xml');
    expect(importing.status).toBe(409);
    expect(importing.body.error).toMatchObject({ code: 'GUILD_ERR_IMPORT_WHILE_FETCHING', message: expect.stringMatching(/being fetched \(started by .+\).*then import/) });
    await done();
    expect((await editor.get('/admin/api/imports')).body.items).toHaveLength(1);
  });

  it('fetches the rest on the next run, once the old site serves it', async () => {
    old.answer(FILES[1]!.path, { body: await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).png().toBuffer() });
    expect((await editor.post(ATTACHMENTS, {})).status).toBe(202);
    const state = await done();
    expect(state).toMatchObject({ waiting: 0, failed: [], job: { report: { total: 1, fetched: 1 } } });
  });
}, { timeout: 60_000 });
