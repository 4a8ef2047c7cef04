// Issue 12, item 3: a URL the host fetches on someone's behalf (an import's attachments today, a
// plugin's outbound HTTP tomorrow) never reaches loopback, private, link-local, unique-local or
// unspecified addresses, in any spelling, at any redirect hop; the person learns only that it
// "could not be fetched", and nothing of what answered lands anywhere.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { download } from '../../core/media/index.ts';
import { refusedAddress } from '../../core/net/index.ts';
import { fileServer, type FileServer } from '../support/file-server.ts';
import { captureLog } from '../support/sandbox.ts';

const LIMITS = { maxBytes: 10_000, timeoutMs: 2000 };

describe('the host refuses to fetch internal addresses', () => {
  let inside: FileServer;
  let port: string;

  beforeAll(async () => {
    inside = await fileServer();
    inside.answer('/secret', { body: Buffer.from('internal admin panel') });
    inside.answer('/to-metadata', { redirect: 'http://169.254.169.254/latest/meta-data/' });
    inside.answer('/to-private', { redirect: 'http://10.0.0.1/' });
    inside.answer('/to-mapped', { redirect: 'http://[::ffff:a9fe:a9fe]/' });
    port = new URL(inside.origin).port;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await inside?.close();
  });

  it.each(['localhost', '127.0.0.1', '2130706433', '0x7f000001', '127.1', '0177.0.0.1', '[::ffff:127.0.0.1]', '[::1]', '0.0.0.0', '[::]'])(
    'refuses loopback spelt %s and never connects',
    async (host) => {
      const { log, lines } = captureLog();
      await expect(download(`http://${host}:${port}/secret`, { ...LIMITS, log })).rejects.toThrow(/^could not be fetched$/);
      expect(inside.hits.get('/secret')).toBeUndefined();
      // The reason is the operator's to read, not the person's.
      expect(JSON.stringify(lines())).toMatch(/loopback|unspecified/);
    },
  );

  it('checks every redirect hop: a permitted address cannot hand the fetch on to an internal one', async () => {
    vi.stubEnv('GUILD_FETCH_ALLOW_LOOPBACK', '1');
    try {
      for (const hop of ['/to-metadata', '/to-private', '/to-mapped']) {
        await expect(download(`${inside.origin}${hop}`, LIMITS)).rejects.toThrow(/^could not be fetched$/);
        expect(inside.hits.get(hop)).toBe(1);
      }
      // The switch tests use lets loopback through, and nothing else.
      expect(await download(`${inside.origin}/secret`, LIMITS)).toEqual(Buffer.from('internal admin panel'));
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('gives the same answer for a closed port as for a refused address, so it is no port scanner', async () => {
    const closed = await fileServer();
    const origin = closed.origin;
    await closed.close();
    vi.stubEnv('GUILD_FETCH_ALLOW_LOOPBACK', '1');
    try {
      await expect(download(`${origin}/secret`, LIMITS)).rejects.toThrow(/^could not be fetched$/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('which addresses are internal', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const dotted = (a: number, b: number, c: number, d: number) => `${a}.${b}.${c}.${d}`;
  const mapped = (a: number, b: number, c: number, d: number) => `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;

  it('refuses the ranges the issue names, and passes public ones', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.31.255.255', '192.168.0.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::', '::127.0.0.1']) {
      expect(refusedAddress(address), address).toBeDefined();
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(refusedAddress(address), address).toBeUndefined();
  });

  it('judges an IPv4 address the same however IPv6 embeds it', () => {
    fc.assert(
      fc.property(octet, octet, octet, octet, (a, b, c, d) => {
        const plain = refusedAddress(dotted(a, b, c, d)) === undefined;
        expect(refusedAddress(mapped(a, b, c, d)) === undefined).toBe(plain);
        expect(refusedAddress(`::ffff:${dotted(a, b, c, d)}`) === undefined).toBe(plain);
        expect(refusedAddress(`64:ff9b::${dotted(a, b, c, d)}`) === undefined).toBe(plain);
        expect(refusedAddress(`::ffff:0:${dotted(a, b, c, d)}`) === undefined).toBe(plain);
      }),
    );
  });

  it('never passes an address inside a refused range', () => {
    const internal = fc.oneof(
      fc.tuple(fc.constant(127), octet, octet, octet),
      fc.tuple(fc.constant(10), octet, octet, octet),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
      fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
      fc.tuple(fc.constant(169), fc.constant(254), octet, octet),
      fc.tuple(fc.constant(0), octet, octet, octet),
    );
    fc.assert(fc.property(internal, ([a, b, c, d]) => refusedAddress(dotted(a, b, c, d)) !== undefined));
    fc.assert(fc.property(fc.integer({ min: 0xfc00, max: 0xfdff }), fc.integer({ min: 0, max: 0xffff }), (head, tail) => refusedAddress(`${head.toString(16)}::${tail.toString(16)}`) !== undefined));
  });
});
