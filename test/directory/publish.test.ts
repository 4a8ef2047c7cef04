/** Publishing to a real directory: what it accepts, and every rule it refuses by, each named. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRequestError } from '../../core/directory/index.ts';
import { pickVersion } from '../../core/host/index.ts';
import { integrityOf, readPackage } from '../../core/packages/index.ts';
import { buildPluginPackage } from '../../core/plugins/index.ts';
import { packageStatement, REQUEST_HEADERS, requestStatement, signText, type StoredKey } from '../../core/signing/index.ts';
import { developer, directoryServer, pluginFolder, rawTarGz, type DirectoryBox } from '../support/directory.ts';
import { describeEachHost } from '../support/stores.ts';

describeEachHost("the directory's publishing rules", (engine) => {
  let box: DirectoryBox;
  let ada: StoredKey;
  let tom: StoredKey;
  let work: string;

  async function built(spec: Parameters<typeof pluginFolder>[1]): Promise<Buffer> {
    const plugin = await buildPluginPackage(pluginFolder(work, spec));
    return readFileSync(plugin.packed.file);
  }

  /** The refusal a publish gets, as { status, code, message }. */
  async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
    const error = await promise.then(() => undefined, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(DirectoryRequestError);
    const { status, code, message } = error as DirectoryRequestError;
    return { status, code, message };
  }

  /** An archive with the same files as `archive`, entry by entry, after `change`. */
  async function rewritten(archive: Buffer, change: (entries: { path: string; content: string | Buffer }[]) => void): Promise<Buffer> {
    const file = path.join(work, `${randomBytes(4).toString('hex')}.tar.gz`);
    writeFileSync(file, archive);
    const { manifest, files } = await readPackage(file);
    const entries: { path: string; content: string | Buffer }[] = [{ path: 'package/guild-package.json', content: JSON.stringify(manifest) }, ...[...files].map(([name, content]) => ({ path: `package/${name}`, content }))];
    change(entries);
    return rawTarGz(entries);
  }

  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    const place = await engine.prepare();
    dropDatabase = place.drop;
    box = await directoryServer({ maxArchiveBytes: 64 * 1024, ...place.options });
    work = mkdtempSync(path.join(os.tmpdir(), 'guild-publish-test-'));
    ada = await developer(box, 'ada', 'Ada Ferreira');
    tom = await developer(box, 'tom');
  });
  afterAll(async () => {
    await box.close();
    await dropDatabase();
  });

  describe('publishing', () => {
    it('accepts a signed plugin and lists it with its versions, author and sites', async () => {
      const archive = await built({ id: 'ada.hello', version: '1.0.0', author: 'ada' });
      const published = await box.client.publish(ada, { id: 'ada.hello', version: '1.0.0', archive });
      expect(published).toMatchObject({ id: 'ada.hello', kind: 'plugin', version: '1.0.0' });
      const page = await box.client.package('ada.hello');
      expect(page.package).toMatchObject({ id: 'ada.hello', kind: 'plugin', version: '1.0.0', author: { handle: 'ada', name: 'Ada Ferreira' }, capabilities: ['hooks'], screenshots: ['screenshots/front.png'], price: null });
      expect(page.versions.map((version) => version.version)).toEqual(['1.0.0']);
      expect(page.sites).toEqual([]);
      expect((await box.client.person('ada')).packages.map((pkg) => pkg.id)).toEqual(['ada.hello']);
    });

    it('renders the readme without its script or javascript: link, and serves screenshots from the archive', async () => {
      const page = await request(box.url).get('/packages/ada.hello').expect(200);
      expect(page.text).toContain('<strong>marker</strong>');
      expect(page.text).not.toContain('<script>alert');
      expect(page.text).toContain('&lt;script&gt;alert');
      expect(page.text).not.toContain('href="javascript:');
      const shot = await request(box.url).get('/packages/ada.hello/1.0.0/files/screenshots/front.png').expect(200);
      expect(shot.headers['content-type']).toBe('image/png');
      await request(box.url).get('/packages/ada.hello/1.0.0/files/plugin.json').expect(404);
    });

    it('refuses a package signature that is not the publisher\'s key (rule "signature")', async () => {
      const archive = await built({ id: 'ada.hello', version: '1.0.1', author: 'ada' });
      const route = '/api/packages/ada.hello/versions/1.0.1';
      const response = await request(box.url)
        .put(route)
        .set(signedHeaders(ada, 'PUT', route, archive))
        .set('guild-package-signature', signText(packageStatement({ id: 'ada.hello', version: '1.0.1', integrity: integrityOf(archive) }), tom.privateKeyPem))
        .set('content-type', 'application/gzip')
        .send(archive)
        .expect(401);
      expect(response.body.error).toMatchObject({ code: 'GUILD_ERR_PUBLISH_SIGNATURE', message: expect.stringContaining('rule "signature"') });
    });

    it('refuses unsigned, badly signed, stale and replayed requests', async () => {
      const body = Buffer.from(JSON.stringify({ reason: 'x' }));
      const route = '/api/packages/ada.hello/versions/0.0.1/yank';
      const unsigned = await request(box.url).post(route).send(body).expect(401);
      expect(unsigned.body.error).toMatchObject({ code: 'GUILD_ERR_DIRECTORY_AUTH', message: expect.stringContaining('not signed') });
      const byOther = await request(box.url).post(route).set({ ...signedHeaders(tom, 'POST', route, body), [REQUEST_HEADERS.handle]: 'ada' }).send(body).expect(401);
      expect(byOther.body.error.message).toContain("does not match ada's key");
      const stale = await request(box.url).post(route).set(signedHeaders(ada, 'POST', route, body, Date.now() - 10 * 60_000)).send(body).expect(401);
      expect(stale.body.error.message).toContain('more than 5 minutes');
      const headers = signedHeaders(ada, 'POST', route, Buffer.from('{}'));
      await request(box.url).post(route).set(headers).send('{}').expect(404);
      const replayed = await request(box.url).post(route).set(headers).send('{}').expect(401);
      expect(replayed.body.error.message).toContain('already received once');
      const changed = await request(box.url).post(route).set(signedHeaders(ada, 'POST', route, Buffer.from('{}'))).send('{"reason":"changed"}').expect(401);
      expect(changed.body.error.message).toContain('does not match');
    });

    it('refuses a tampered archive (rule "archive")', async () => {
      const archive = await rewritten(await built({ id: 'ada.tamper', version: '1.0.0', author: 'ada' }), (entries) => {
        const entry = entries.find((candidate) => candidate.path === 'package/index.mjs')!;
        entry.content = `${entry.content.toString()}\nprocess.exit(1);`;
      });
      const result = await refusal(box.client.publish(ada, { id: 'ada.tamper', version: '1.0.0', archive }));
      expect(result).toMatchObject({ status: 422, code: 'GUILD_ERR_PUBLISH_ARCHIVE', message: expect.stringContaining('index.mjs: does not match its hash') });
    });

    it.each([
      ['a ".." entry', { path: 'package/../../evil.mjs', content: 'x' }, 'may not be an absolute path or climb with ".."'],
      ['an absolute path', { path: '/tmp/evil.mjs', content: 'x' }, 'may not be an absolute path'],
      ['a link', { path: 'package/passwd', type: 'SymbolicLink' as const, linkpath: '/etc/passwd' }, 'is a SymbolicLink'],
    ])('refuses an archive with %s (rule "archive")', async (_name, hostile, message) => {
      const archive = await rewritten(await built({ id: 'ada.hostile', version: '1.0.0', author: 'ada' }), (entries) => entries.push(hostile as never));
      const result = await refusal(box.client.publish(ada, { id: 'ada.hostile', version: '1.0.0', archive }));
      expect(result).toMatchObject({ status: 422, code: 'GUILD_ERR_PUBLISH_ARCHIVE', message: expect.stringContaining(message) });
      expect(await refusal(box.client.package('ada.hostile'))).toMatchObject({ status: 404 });
    });

    it('refuses an upload over the size limit (rule "size")', async () => {
      const archive = await built({ id: 'ada.big', version: '1.0.0', author: 'ada', marker: randomBytes(48 * 1024).toString('base64') });
      const result = await refusal(box.client.publish(ada, { id: 'ada.big', version: '1.0.0', archive }));
      expect(result).toMatchObject({ status: 413, code: 'GUILD_ERR_PUBLISH_TOO_LARGE', message: expect.stringContaining('rule "size"') });
      const huge = await refusal(box.client.publish(ada, { id: 'ada.big', version: '1.0.0', archive: randomBytes(200 * 1024) }));
      expect(huge).toMatchObject({ status: 413, code: 'GUILD_ERR_PUBLISH_TOO_LARGE' });
    });

    it('refuses republishing a version and publishing a lower one (rules "version-new", "version-higher")', async () => {
      await box.client.publish(ada, { id: 'ada.hello', version: '1.2.0', archive: await built({ id: 'ada.hello', version: '1.2.0', author: 'ada' }) });
      const again = await refusal(box.client.publish(ada, { id: 'ada.hello', version: '1.2.0', archive: await built({ id: 'ada.hello', version: '1.2.0', author: 'ada', marker: '<p>changed</p>' }) }));
      expect(again).toMatchObject({ status: 409, code: 'GUILD_ERR_PUBLISH_VERSION_EXISTS', message: expect.stringContaining('versions never change') });
      const lower = await refusal(box.client.publish(ada, { id: 'ada.hello', version: '1.1.0', archive: await built({ id: 'ada.hello', version: '1.1.0', author: 'ada' }) }));
      expect(lower).toMatchObject({ status: 409, code: 'GUILD_ERR_PUBLISH_VERSION_LOWER', message: expect.stringContaining('latest published version, 1.2.0') });
    });

    it('refuses publishing under another developer\'s package id (rule "owner")', async () => {
      const archive = await built({ id: 'ada.hello', version: '9.0.0', author: 'tom' });
      const result = await refusal(box.client.publish(tom, { id: 'ada.hello', version: '9.0.0', archive }));
      expect(result).toMatchObject({ status: 403, code: 'GUILD_ERR_PUBLISH_NOT_OWNER', message: 'Publishing refused (rule "owner"): the package "ada.hello" belongs to ada, not tom. Publish under an id of your own.' });
    });

    it('refuses an invalid manifest, and one naming another author (rule "manifest")', async () => {
      const badEngine = await refusal(box.client.publish(ada, { id: 'ada.engine', version: '1.0.0', archive: await rewritten(await built({ id: 'ada.engine', version: '1.0.0', author: 'ada' }), (entries) => {
        const manifest = entries.find((entry) => entry.path === 'package/plugin.json')!;
        const listing = entries.find((entry) => entry.path === 'package/guild-package.json')!;
        manifest.content = manifest.content.toString().replace('"^0.1.0"', '"not a range"');
        const files = JSON.parse(listing.content.toString()) as { files: { path: string; size: number; integrity: string }[] };
        const record = files.files.find((file) => file.path === 'plugin.json')!;
        record.size = Buffer.byteLength(manifest.content);
        record.integrity = `sha256-${createHash('sha256').update(manifest.content).digest('base64')}`;
        listing.content = JSON.stringify(files);
      }) }));
      expect(badEngine).toMatchObject({ status: 422, code: 'GUILD_ERR_PUBLISH_MANIFEST', message: expect.stringContaining('/engine: must be a semver range') });
      const otherAuthor = await refusal(box.client.publish(ada, { id: 'ada.someone', version: '1.0.0', archive: await built({ id: 'ada.someone', version: '1.0.0', author: 'tom' }) }));
      expect(otherAuthor).toMatchObject({ status: 422, code: 'GUILD_ERR_PUBLISH_MANIFEST', message: expect.stringContaining('/author/handle is "tom"') });
    });

    it('keeps a yanked version for existing installs but hides it from new ones', async () => {
      await box.client.yank(ada, 'ada.hello', '1.2.0', 'breaks the footer');
      const page = await box.client.package('ada.hello');
      expect(page.versions.find((version) => version.version === '1.2.0')).toMatchObject({ yanked: true, yankReason: 'breaks the footer' });
      expect(pickVersion('ada.hello', page.versions).version).toBe('1.0.0');
      expect((await box.client.download('ada.hello', '1.2.0')).length).toBeGreaterThan(0);
      expect(() => pickVersion('ada.hello', page.versions, '^1.2.0')).toThrow('No published version of "ada.hello" matches "^1.2.0" (available: 1.0.0)');
    });

    it('refuses a handle that another key holds', async () => {
      const result = await refusal(developer(box, 'ada'));
      expect(result).toMatchObject({ status: 409, code: 'GUILD_ERR_HANDLE_TAKEN' });
    });
  });

  function signedHeaders(key: StoredKey, method: string, route: string, body: Buffer, timestamp = Date.now()): Record<string, string> {
    const parts = { method, path: route, handle: key.handle, timestamp: String(timestamp), nonce: randomBytes(18).toString('base64url'), body };
    return {
      [REQUEST_HEADERS.handle]: key.handle,
      [REQUEST_HEADERS.timestamp]: parts.timestamp,
      [REQUEST_HEADERS.nonce]: parts.nonce,
      [REQUEST_HEADERS.signature]: signText(requestStatement(parts), key.privateKeyPem),
    };
  }
});
