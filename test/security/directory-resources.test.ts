/**
 * Issue 12, item 4: the embedded directory cannot be made to eat memory. Publishing refuses an
 * archive that unpacks past the unpacked-size limit or past the compression-ratio limit (a small
 * archive of zeros, the "zip bomb"), naming the rule; readmes and screenshots have size limits;
 * screenshots are written to disk once at publish and served from there, never unpacked per
 * request; and reads without an account are rate-limited per address.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPluginPackage } from '../../core/plugins/index.ts';
import type { StoredKey } from '../../core/signing/index.ts';
import { developer, directoryServer, pluginFolder, publishPlugin, rawTarGz, type DirectoryBox } from '../support/directory.ts';

let box: DirectoryBox;
let mira: StoredKey;
let work: string;

beforeAll(async () => {
  box = await directoryServer({ maxUnpackedBytes: 3 * 1024 * 1024 });
  mira = await developer(box, 'mira');
  work = mkdtempSync(path.join(os.tmpdir(), 'guild-security-directory-'));
});
afterAll(() => box.close());

/** A plugin folder with `change` applied before it is built and published. */
async function publishWith(id: string, change: (dir: string) => void) {
  const dir = pluginFolder(work, { id, version: '1.0.0', author: 'mira' });
  change(dir);
  const built = await buildPluginPackage(dir);
  return box.client.publish(mira, { id, version: '1.0.0', archive: readFileSync(built.packed.file) });
}

describe('publishing limits', () => {
  it('refuses a small archive that unpacks to many times its size, naming the compression-ratio rule', async () => {
    const bomb = rawTarGz([{ path: 'package/padding.bin', content: Buffer.alloc(20 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    await expect(box.client.publish(mira, { id: 'mira.bomb', version: '1.0.0', archive: bomb })).rejects.toMatchObject({
      code: 'GUILD_ERR_PUBLISH_LIMIT',
      status: 413,
      message: expect.stringContaining('(rule "compression-ratio")'),
    });
    await request(box.url).get('/api/packages/mira.bomb').expect(404);
  });

  it('refuses an archive that unpacks past the unpacked-size limit, naming it', async () => {
    const large = rawTarGz([{ path: 'package/noise.bin', content: randomBytes(4 * 1024 * 1024) }]);
    await expect(box.client.publish(mira, { id: 'mira.large', version: '1.0.0', archive: large })).rejects.toMatchObject({
      code: 'GUILD_ERR_PUBLISH_LIMIT',
      message: expect.stringContaining('(rule "unpacked-size"): the archive unpacks to more than 3145728 bytes'),
    });
  });

  it('refuses a screenshot or a readme too large to show', async () => {
    await expect(publishWith('mira.huge-shot', (dir) => writeFileSync(path.join(dir, 'screenshots', 'front.png'), randomBytes(2 * 1024 * 1024 + 1)))).rejects.toMatchObject({
      code: 'GUILD_ERR_PUBLISH_LIMIT',
      message: expect.stringContaining('(rule "screenshots"): screenshots/front.png is 2097153 bytes'),
    });
    await expect(publishWith('mira.long-readme', (dir) => writeFileSync(path.join(dir, 'README.md'), 'word '.repeat(60_000)))).rejects.toMatchObject({
      code: 'GUILD_ERR_PUBLISH_LIMIT',
      message: expect.stringContaining('(rule "readme")'),
    });
  });

  it('serves screenshots from disk, written at publish: the archive is not opened to answer', async () => {
    await publishPlugin(box.client, mira, work, { id: 'mira.shots', version: '1.0.0', author: 'mira' });
    const archive = box.directory.archiveFile('mira.shots', '1.0.0')!;
    renameSync(archive, `${archive}.away`);
    const shot = await request(box.url).get('/packages/mira.shots/1.0.0/files/screenshots/front.png').expect(200).expect('content-type', 'image/png');
    expect(Buffer.from(shot.body as Buffer).toString('hex')).toBe('89504e470d0a1a0a');
    renameSync(`${archive}.away`, archive);
    await request(box.url).get('/packages/mira.shots/1.0.0/files/plugin.json').expect(404);
    await request(box.url).get('/packages/mira.shots/1.0.0/files/screenshots/..%2f..%2fdirectory-key.pem').expect(404);
  });
});

describe('rate limits on reads', () => {
  it('answers 429 with a clear code once an address passes its reads per minute; signed writes are not counted', async () => {
    const limited = await directoryServer({ readsPerMinute: 5 });
    try {
      const ada = await developer(limited, 'ada'); // one registration: one read-limited request
      for (let i = 0; i < 4; i += 1) await request(limited.url).get(i % 2 ? '/api/packages' : '/').expect(200);
      const refused = await request(limited.url).get('/api/packages').expect(429);
      expect(refused.body.error).toMatchObject({ code: 'GUILD_ERR_DIRECTORY_RATE_LIMITED', message: expect.stringContaining('5 a minute') });
      await request(limited.url).get('/packages/anything/1.0.0/files/screenshots/a.png').expect(429);
      await publishPlugin(limited.client, ada, work, { id: 'ada.still-writes', version: '1.0.0', author: 'ada' });
    } finally {
      await limited.close();
    }
  });
});
