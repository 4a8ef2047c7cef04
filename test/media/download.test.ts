// Downloading a file from another site (an import's attachments): only http(s), within the size
// limit whether or not the server says the size up front, and never past a few redirects; each
// refusal says why in words an editor can act on. The other site is a server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { download } from '../../core/media/index.ts';
import { fileServer, type FileServer } from '../support/file-server.ts';
import { captureLog } from '../support/sandbox.ts';

const LIMITS = { maxBytes: 1000, timeoutMs: 2000 };

describe('downloading a file from another site', () => {
  let old: FileServer;

  beforeAll(async () => {
    // The old site in these tests is a server on 127.0.0.1, which the host refuses to fetch from unless told.
    vi.stubEnv('GUILD_FETCH_ALLOW_LOOPBACK', '1');
    old = await fileServer();
    old.answer('/small.png', { body: Buffer.alloc(900, 7) });
    old.answer('/streamed-huge.png', { body: Buffer.alloc(5000, 7), unsized: true });
    old.answer('/streamed-small.png', { body: Buffer.alloc(800, 7), unsized: true });
    old.answer('/to-disk', { redirect: 'file:///etc/passwd' });
    old.answer('/loop', { redirect: '/loop' });
    old.answer('/hop', { redirect: '/small.png' });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await old?.close();
  });

  it('brings the bytes of a file within the limit, through a redirect', async () => {
    expect(await download(`${old.origin}/hop`, LIMITS)).toEqual(Buffer.alloc(900, 7));
    expect((await download(`${old.origin}/streamed-small.png`, LIMITS)).length).toBe(800);
  });

  it('stops a file past the limit as it arrives when the server does not say its size', async () => {
    await expect(download(`${old.origin}/streamed-huge.png`, LIMITS)).rejects.toThrow('is larger than the upload limit of 1000 bytes');
  });

  it('refuses addresses other than http and https, also when a redirect leads there', async () => {
    await expect(download('file:///etc/passwd', LIMITS)).rejects.toThrow('is a file: address; only http and https are fetched');
    await expect(download('ftp://127.0.0.1/a.png', LIMITS)).rejects.toThrow('is a ftp: address; only http and https are fetched');
    await expect(download('not a url', LIMITS)).rejects.toThrow('is not a web address');
    await expect(download(`${old.origin}/to-disk`, LIMITS)).rejects.toThrow('could not be fetched');
  });

  it('gives up on a redirect loop after a bounded number of hops', async () => {
    await expect(download(`${old.origin}/loop`, { ...LIMITS, maxRedirects: 3 })).rejects.toThrow('could not be fetched');
    expect(old.hits.get('/loop')).toBe(4);
  });

  it('says only that the file could not be fetched when nothing listens there, and logs why', async () => {
    const closed = await fileServer();
    const origin = closed.origin;
    await closed.close();
    const { log, lines } = captureLog();
    await expect(download(`${origin}/small.png`, { ...LIMITS, log })).rejects.toThrow(/^could not be fetched$/);
    expect(JSON.stringify(lines())).toContain('ECONNREFUSED');
  });
});
