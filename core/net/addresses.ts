/**
 * Which IP addresses the host refuses to reach on someone else's behalf: everything that is not
 * the public internet (loopback, private, link-local with the cloud metadata address, unique-local,
 * unspecified, multicast, reserved and documentation ranges), also when an IPv4 address hides
 * inside an IPv6 one (IPv4-mapped, IPv4-compatible, NAT64, 6to4). Pure functions on strings.
 */
import { isIPv4, isIPv6 } from 'node:net';

type Range = readonly [first: number, prefix: number, why: string];

/** IPv4 ranges that are not the public internet (IANA special-purpose registry). */
const IPV4_REFUSED: readonly Range[] = [
  [ipv4('0.0.0.0'), 8, 'unspecified ("this network")'],
  [ipv4('10.0.0.0'), 8, 'private'],
  [ipv4('100.64.0.0'), 10, 'shared (carrier-grade NAT)'],
  [ipv4('127.0.0.0'), 8, 'loopback'],
  [ipv4('169.254.0.0'), 16, 'link-local (cloud metadata)'],
  [ipv4('172.16.0.0'), 12, 'private'],
  [ipv4('192.0.0.0'), 24, 'IETF protocol assignments'],
  [ipv4('192.0.2.0'), 24, 'documentation'],
  [ipv4('192.88.99.0'), 24, '6to4 relay'],
  [ipv4('192.168.0.0'), 16, 'private'],
  [ipv4('198.18.0.0'), 15, 'benchmarking'],
  [ipv4('198.51.100.0'), 24, 'documentation'],
  [ipv4('203.0.113.0'), 24, 'documentation'],
  [ipv4('224.0.0.0'), 4, 'multicast'],
  [ipv4('240.0.0.0'), 4, 'reserved or broadcast'],
];

/** Why an address may not be reached (e.g. "loopback"), or undefined when it is a public one. */
export function refusedAddress(address: string, options: { allowLoopback?: boolean } = {}): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return refusedIPv4(ipv4(bare), options);
  if (isIPv6(bare)) return refusedIPv6(ipv6(bare), options);
  return 'not an IP address';
}

function refusedIPv4(value: number, options: { allowLoopback?: boolean }): string | undefined {
  for (const [first, prefix, why] of IPV4_REFUSED) {
    if (why === 'loopback' && options.allowLoopback) continue;
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    if (((value & mask) >>> 0) === first) return why;
  }
  return undefined;
}

function refusedIPv6(bytes: Uint8Array, options: { allowLoopback?: boolean }): string | undefined {
  const word = (index: number) => (bytes[index * 2]! << 8) | bytes[index * 2 + 1]!;
  const zeros = (from: number, to: number) => bytes.subarray(from, to).every((byte) => byte === 0);
  const embedded = (at: number) => ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
  if (zeros(0, 16)) return 'unspecified';
  if (zeros(0, 15) && bytes[15] === 1) return options.allowLoopback ? undefined : 'loopback';
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64): the IPv4 inside decides.
  if (zeros(0, 10) && word(5) === 0xffff) return refusedIPv4(embedded(12), options);
  if (zeros(0, 8) && word(4) === 0xffff && word(5) === 0) return refusedIPv4(embedded(12), options); // ::ffff:0:a.b.c.d (translated)
  if (zeros(0, 12)) return refusedIPv4(embedded(12), options);
  if (word(0) === 0x64 && word(1) === 0xff9b && zeros(4, 12)) return refusedIPv4(embedded(12), options);
  if (word(0) === 0x2002) return refusedIPv4(embedded(2), options);
  if (word(0) === 0x2001 && word(1) === 0) return 'Teredo tunnel';
  if (word(0) === 0x2001 && word(1) === 0xdb8) return 'documentation';
  if (word(0) === 0x100 && zeros(2, 8)) return 'discard';
  if ((bytes[0]! & 0xfe) === 0xfc) return 'unique-local (private)';
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return 'link-local';
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0xc0) return 'site-local (private)';
  if (bytes[0] === 0xff) return 'multicast';
  return undefined;
}

function ipv4(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0) >>> 0;
}

/** The 16 bytes of an IPv6 address in any of its spellings (with ::, with a dotted IPv4 tail). */
function ipv6(address: string): Uint8Array {
  let text = address.toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const value = ipv4(tail[1]!);
    text = `${text.slice(0, tail.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const words = rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  const bytes = new Uint8Array(16);
  words.forEach((part, index) => {
    const value = parseInt(part, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
}
