/**
 * Requests the host makes on someone else's behalf (an import's attachments, a plugin's outbound
 * HTTP): the name is resolved once, every address it resolves to is checked against
 * addresses.ts, and the connection goes to the very address that was checked (a fixed `lookup`,
 * so DNS cannot answer differently between check and connect). Redirects are followed by hand,
 * each hop checked the same way. A refusal is an OutboundRefused whose message is for the log;
 * what a person is told is only that the address could not be fetched.
 */
import { lookup as resolve } from 'node:dns/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { refusedAddress } from './addresses.ts';

/** What a person is told when an address was refused or could not be reached: no more, so it cannot map the network. */
export const NOT_FETCHED = 'could not be fetched';

/** Set to 1 in tests only: lets the host fetch from 127.0.0.1 and ::1 (test servers); off by default. */
export const ALLOW_LOOPBACK_ENV = 'GUILD_FETCH_ALLOW_LOOPBACK';

export class OutboundRefused extends Error {
  constructor(readonly url: string, readonly detail: string) {
    super(`${url} was not fetched: ${detail}`);
  }
}

export interface OutboundOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
  readonly signal?: AbortSignal;
  /** Redirects followed, each hop checked; default 5. 0 hands a redirect back as it is. */
  readonly maxRedirects?: number;
  /** Defaults to the GUILD_FETCH_ALLOW_LOOPBACK environment variable. */
  readonly allowLoopback?: boolean;
}

export interface OutboundResponse {
  /** The address that answered, after redirects. */
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  /** The body, to read or to destroy. */
  readonly body: IncomingMessage;
}

/** Checks a URL and resolves its host to addresses that may be reached; throws OutboundRefused otherwise. */
export async function resolvePublic(url: URL, allowLoopback = loopbackAllowed()): Promise<{ address: string; family: 4 | 6 }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused(url.href, `${url.protocol} is not http or https`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let found: Array<{ address: string; family: number }>;
  try {
    found = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host, { all: true, verbatim: true });
  } catch (error) {
    throw new OutboundRefused(url.href, `its name did not resolve (${(error as { code?: string }).code ?? String(error)})`);
  }
  // Any address of a name that is not public refuses the name: a mixed answer is how rebinding starts.
  for (const { address } of found) {
    const why = refusedAddress(address, { allowLoopback });
    if (why) throw new OutboundRefused(url.href, `${host} is ${address}, a ${why} address`);
  }
  if (!found[0]) throw new OutboundRefused(url.href, `${host} resolved to no address`);
  return { address: found[0].address, family: found[0].family === 6 ? 6 : 4 };
}

/** One request to a public address, redirects followed and checked hop by hop. */
export async function requestPublic(target: string | URL, options: OutboundOptions = {}): Promise<OutboundResponse> {
  const allowLoopback = options.allowLoopback ?? loopbackAllowed();
  let url = typeof target === 'string' ? parse(target) : target;
  for (let redirectsLeft = options.maxRedirects ?? 5; ; redirectsLeft--) {
    const response = await requestOnce(url, await resolvePublic(url, allowLoopback), options);
    const location = response.headers.location;
    if (response.statusCode! < 300 || response.statusCode! >= 400 || !location || (options.maxRedirects ?? 5) === 0) {
      return { url: url.href, status: response.statusCode!, statusText: response.statusMessage ?? '', headers: response.headers, body: response };
    }
    response.destroy();
    if (redirectsLeft === 0) throw new OutboundRefused(url.href, 'it redirects too many times');
    url = parse(location, url);
  }
}

function requestOnce(url: URL, checked: { address: string; family: 4 | 6 }, options: OutboundOptions): Promise<IncomingMessage> {
  // The connection goes to the checked address whatever the name would resolve to now.
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) (callback as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [checked]);
    else callback(null, checked.address, checked.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((done, fail) => {
    const request = client.request(url, { method: options.method ?? 'GET', headers: options.headers, signal: options.signal, lookup, agent: false }, done);
    request.on('error', fail);
    request.end(options.body);
  });
}

function parse(address: string, base?: URL): URL {
  try {
    return new URL(address, base);
  } catch {
    throw new OutboundRefused(address, 'it is not a web address');
  }
}

function loopbackAllowed(): boolean {
  return process.env[ALLOW_LOOPBACK_ENV] === '1';
}
