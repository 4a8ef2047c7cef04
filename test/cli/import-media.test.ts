// `guild import media <site>` (also `fetch-media`) as a freelancer runs it after an import made
// offline: a line per file as it is done, then what it fetched and which files it could not and
// why (exit 1), and once all are here, that nothing waits.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { guild } from '../support/cli.ts';
import { fileServer, type FileServer } from '../support/file-server.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
import { exportWithFiles } from '../support/wxr.ts';

const FILES = [
  { id: 10, path: '/wp-content/uploads/2020/01/shop.png', alt: 'The shop front' },
  { id: 11, path: '/wp-content/uploads/2020/01/gone.png' },
];

describe('guild import media', () => {
  let box: Sandbox;
  let old: FileServer;
  let image: Buffer;

  beforeAll(async () => {
    // The old site in these tests is a server on 127.0.0.1, which the host refuses to fetch from unless told.
    vi.stubEnv('GUILD_FETCH_ALLOW_LOOPBACK', '1');
    old = await fileServer();
    image = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#2a6' } }).png().toBuffer();
    old.answer(FILES[0]!.path, { body: image });
    box = sandbox();
    box.site('shop', { title: 'Corner Shop' });
    const file = path.join(box.root, 'shop.xml');
    writeFileSync(file, exportWithFiles(old.origin, FILES));
    expect((await guild(box, 'import', 'wxr', 'shop', file)).code).toBe(0);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await box?.remove();
    await old?.close();
  });

  it('fetches what it can, names each file it could not with why, and exits 1', async () => {
    const result = await guild(box, 'import', 'fetch-media', 'shop');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Fetching 2 files from the old site…');
    expect(result.stdout).toMatch(new RegExp(`^[12]/2 fetched ${old.origin}${FILES[0]!.path} \\(1 fetched, [01] failed\\)$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^[12]/2 not fetched ${old.origin}${FILES[1]!.path}: answered 404 Not Found \\([01] fetched, 1 failed\\)$`, 'm'));
    expect(result.stdout).toContain('Fetched 1 of 2 files (1 failed); 1 post or page now shows them from this site.');
    expect(result.stdout).toContain(`not fetched: ${old.origin}${FILES[1]!.path}: answered 404 Not Found`);
    expect(result.stdout).toContain('Run this again to retry them.');
  });

  it('retries only what is missing, then says nothing waits', async () => {
    old.answer(FILES[1]!.path, { body: image });
    const again = await guild(box, 'import', 'media', 'shop');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Fetched 1 of 1 files');
    expect(old.hits.get(FILES[0]!.path)).toBe(1);
    const last = await guild(box, 'import', 'media', 'shop');
    expect(last.stdout).toContain('Nothing to fetch: every imported attachment is here already.');
  });

  it('names a site that does not exist', async () => {
    const result = await guild(box, 'import', 'media', 'nope');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nope');
  });
});
