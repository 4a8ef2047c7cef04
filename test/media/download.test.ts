// Downloading a file from another site (an import's attachments): only http(s), within the size
// limit whether or not the server says the size up front, and never past a few redirects; each
// refusal says why in words an editor can act on. The other site is a server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download } from '../../core/media/index.ts';
import { fileServer, type FileServer } from '../support/file-server.ts';

const LIMITS = { maxBytes: 1000, timeoutMs: 2000 };

describe('downloading a file from another site', () => {
  let old: FileServer;

  beforeAll(async () => {
    old = await fileServer();
    old.answer('/small.png', { body: Buffer.alloc(900, 7) });
    old.answer('/streamed-huge.png', { body: Buffer.alloc(5000, 7), unsized: true });
    old.answer('/streamed-small.png', { body: Buffer.alloc(800, 7), unsized: true });
    old.answer('/to-disk', { redirect: 'file:///etc/passwd' });
    old.answer('/loop', { redirect: '/loop' });
    old.answer('/hop', { redirect: '/small.png' });
  });
  afterAll(() => old?.close());

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
    await expect(download(`${old.origin}/to-disk`, LIMITS)).rejects.toThrow('is a file: address');
  });

  it('gives up on a redirect loop after a bounded number of hops', async () => {
    await expect(download(`${old.origin}/loop`, { ...LIMITS, maxRedirects: 3 })).rejects.toThrow('redirects too many times');
    expect(old.hits.get('/loop')).toBe(4);
  });

  it('says the old site cannot be reached when nothing listens there', async () => {
    const closed = await fileServer();
    const origin = closed.origin;
    await closed.close();
    await expect(download(`${origin}/small.png`, LIMITS)).rejects.toThrow(/could not be reached \(ECONNREFUSED\); is the old site still online\?/);
  });
});
