// WordPress import from the admin: editors and owners upload an export, follow the job and read
// its report; bad files are refused with what is wrong, and nothing is written; the host keeps
// answering other sites while a large import is written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team, type Client } from '../support/admin.ts';
import { eventually, REPO, sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost } from '../support/stores.ts';
import { largeExport } from '../support/wxr.ts';

const fixture = (name: string) => readFileSync(path.join(REPO, 'test', 'fixtures', 'wxr', name));

/** Uploads a file to POST /admin/api/imports as the browser's form does. */
function upload(client: Client, bytes: Buffer, name: string, fields: Record<string, string> = {}) {
  let test = client.agent.post('/admin/api/imports').set('Host', client.host).set('X-CSRF-Token', client.csrf);
  for (const [key, value] of Object.entries(fields)) test = test.field(key, value);
  return test.attach('file', bytes, name);
}

async function finished(client: Client, id: string) {
  return eventually(async () => {
    const job = (await client.get(`/admin/api/imports/${id}`).expect(200)).body;
    if (job.phase !== 'done' && job.phase !== 'failed') throw new Error(`still ${job.phase}`);
    return job;
  }, 30_000);
}

describeEachHost('WordPress import in the Admin API', (engine) => {
  let drop: () => Promise<void>;
  let box: Sandbox;
  let host: Host;
  let owner: Client;
  let editor: Client;
  let author: Client;
  const page = (pathname: string, site = 'bakery') => request(host.app).get(pathname).set('Host', `${site}.localhost`);
  const postCount = async () => (await editor.get('/admin/api/posts?status=any').expect(200)).body.total as number;

  beforeAll(async () => {
    box = sandbox();
    box.site('bakery', { title: 'Corner Bakery', timezone: 'Europe/London' });
    box.site('florist', { title: 'Florist' });
    box.site('large', { title: 'Large' });
    const prepared = await engine.prepare();
    drop = prepared.drop;
    host = await box.host(prepared.options);
    ({ owner, editor, author } = await team(host, 'bakery'));
  });
  afterAll(async () => {
    await box.remove();
    await drop();
  });

  it('lets an editor import an export, follow the job and read the report; the posts are on the site', async () => {
    const started = await upload(editor, fixture('edge-cases.xml'), 'edge-cases.xml');
    expect(started.status).toBe(202);
    expect(started.headers.location).toBe(`/admin/api/imports/${started.body.id}`);
    expect(started.body).toMatchObject({ file: 'edge-cases.xml', startedBy: { name: expect.any(String) }, error: null });
    expect(['importing', 'done']).toContain(started.body.phase);

    const job = await finished(editor, started.body.id);
    expect(job.phase).toBe('done');
    expect(job.changedNothing).toBe(false);
    expect(job.report.counts.posts.created).toBe(6);
    expect(job.report.counts.pages.created).toBe(2);
    expect(job.report.skipped.map((skipped: { what: string }) => skipped.what)).toContain('category "Uncategorized"');
    expect(job.report.shortcodesKept).toEqual({ 'contact-form-7': 1 });

    const posts = await editor.get('/admin/api/posts?search=loaf').expect(200);
    expect(posts.body.items.map((post: { slug: string }) => post.slug)).toContain('classic-loaf');
    await eventually(async () => expect((await page('/classic-loaf/')).status).toBe(200));
    expect((await page('/')).text).toContain('Classic Loaf');
    expect((await editor.get('/admin/api/imports').expect(200)).body.items[0]).toMatchObject({ id: started.body.id, phase: 'done' });
    // The open site heard of the changes: the host's schedule now holds the post WordPress had scheduled.
    expect(await host.scheduled('bakery')).toHaveLength(1);
  });

  it('changes nothing when the same export is imported again, and says so', async () => {
    const before = await postCount();
    const started = await upload(owner, fixture('edge-cases.xml'), 'edge-cases.xml');
    expect(started.status).toBe(202);
    const job = await finished(owner, started.body.id);
    expect(job).toMatchObject({ phase: 'done', changedNothing: true });
    expect(await postCount()).toBe(before);
  });

  it('refuses authors, and requests without the CSRF token', async () => {
    const refused = await upload(author, fixture('second-export.xml'), 'second-export.xml');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('importing content');
    const noToken = await editor.agent.post('/admin/api/imports').set('Host', 'bakery.admin.localhost').attach('file', fixture('second-export.xml'), 'second-export.xml');
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.code).toBe('GUILD_ERR_CSRF');
    expect((await author.get('/admin/api/imports')).status).toBe(403);
  });

  it('refuses a malformed or cut-short export with its line and reason, and writes nothing', async () => {
    const before = await postCount();
    let job = '';
    for (const name of ['malformed.xml', 'truncated.xml', 'not-wxr.xml']) {
      const refused = await upload(editor, fixture(name), name);
      expect(refused.status, name).toBe(422);
      expect(refused.body.error.code).toBe('GUILD_ERR_WXR_INVALID');
      expect(refused.body.error.message).toMatch(new RegExp(`^${name} line \\d+: .+Nothing was imported`));
      job = refused.body.error.job;
    }
    expect(await postCount()).toBe(before);
    const latest = (await editor.get('/admin/api/imports').expect(200)).body.items[0];
    expect(latest).toMatchObject({ id: job, file: 'not-wxr.xml', phase: 'failed', error: { code: 'GUILD_ERR_WXR_INVALID', status: 422 } });
  });

  it('refuses a file that is not XML at all (415), an upload without a file or with a wrong time zone (422)', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200)]);
    const zipped = await upload(editor, zip, 'export.zip');
    expect(zipped.status).toBe(415);
    expect(zipped.body.error).toMatchObject({ code: 'GUILD_ERR_IMPORT_TYPE', message: expect.stringContaining('a ZIP archive (unzip it') });
    const image = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
    expect((await upload(editor, image, 'export.xml')).body.error.message).toContain('not an XML file');
    expect((await upload(editor, Buffer.alloc(0), 'empty.xml')).body.error.message).toContain('The file is empty');

    const noFile = await editor.agent.post('/admin/api/imports').set('Host', 'bakery.admin.localhost').set('X-CSRF-Token', editor.csrf).field('menu', 'main');
    expect(noFile.status).toBe(422);
    expect(noFile.body.error.message).toContain('multipart field "file"');
    const badZone = await upload(editor, fixture('second-export.xml'), 'second-export.xml', { timezone: 'Mars/Olympus' });
    expect(badZone.status).toBe(422);
    expect(badZone.body.error.problems).toEqual([{ field: 'timezone', message: expect.stringContaining('not a time zone') }]);
  });

  it('refuses an export over the size limit with 413', async () => {
    const small = sandbox();
    try {
      small.site('tiny');
      const tinyHost = await small.host({ importMaxBytes: 4096 });
      const { editor: tinyEditor } = await team(tinyHost, 'tiny');
      const refused = await upload(tinyEditor, fixture('edge-cases.xml'), 'edge-cases.xml');
      expect(refused.status).toBe(413);
      expect(refused.body.error).toMatchObject({ code: 'GUILD_ERR_IMPORT_TOO_LARGE', message: expect.stringContaining('limit of 4 kB') });
    } finally {
      await small.remove();
    }
  });

  it('keeps answering other sites while a large import is written, and holds the importing site\'s writes back', async () => {
    // The PostgreSQL importer writes post by post, a round trip per statement (about 20 ms a post
    // on the 2-core test machine against SQLite's 2): 500 posts keep the import running long enough there.
    const size = engine.name === 'postgres' ? 500 : 4000;
    const { editor: largeEditor } = await team(host, 'large');
    await page('/', 'florist').expect(200);
    const started = await upload(largeEditor, largeExport(size), 'large.xml');
    expect(started.status).toBe(202);
    expect(started.body.phase).toBe('importing');

    // While the import's transaction runs in its worker, the host answers another site at once…
    const other = await page('/', 'florist');
    expect(other.status).toBe(200);
    const during = (await largeEditor.get(`/admin/api/imports/${started.body.id}`).expect(200)).body;
    expect(during.phase).toBe('importing');
    expect([null, size + 1]).toContain(during.progress.total);
    // …and the importing site's own pages, while its writes wait for the import.
    expect((await page('/', 'large')).status).toBe(200);
    const write = await largeEditor.post('/admin/api/posts', { title: 'During', html: '<p>x</p>', status: 'draft' });
    expect(write.status).toBe(409);
    expect(write.body.error.code).toBe('GUILD_ERR_IMPORT_RUNNING');

    const job = await finished(largeEditor, started.body.id);
    expect(job.report.counts.posts.created).toBe(size);
    expect((await largeEditor.post('/admin/api/posts', { title: 'After', html: '<p>x</p>', status: 'draft' })).status).toBe(201);
    await eventually(async () => expect((await page(`/post-${size}/`, 'large')).status).toBe(200));
  });
}, { timeout: 60_000 });
