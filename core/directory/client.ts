/**
 * Talking to a directory over HTTP, as the CLI and the host's installer do. Writes are signed
 * with the developer's key (method, path, time, a fresh nonce, the body's hash); reads are plain.
 * Names under .localhost reach this machine, as browsers resolve them, so the embedded directory
 * at http://directory.localhost:3000 works without any DNS setup.
 */
import { randomBytes } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { GuildError } from '../errors.ts';
import { integrityOf } from '../packages/index.ts';
import { packageStatement, REQUEST_HEADERS, requestStatement, signText, type StoredKey } from '../signing/index.ts';
import type { Published } from './publish.ts';
import type { PackagePage, PersonPage } from './queries.ts';
import type { Purchase } from './sales.ts';
import type { PackageKind, PackageSummary, VersionInfo } from './store/packages.ts';
import type { RegisteredSite, SiteRegistration } from './store/sites.ts';

/** What a directory answered with an error: its code, status and message. */
export class DirectoryRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'DirectoryRequestError';
  }
}

export interface DirectoryInfo {
  readonly publicKey: string;
  readonly feeBasisPoints: number;
  readonly maxArchiveBytes: number;
  readonly payments: string;
}

type Signer = Pick<StoredKey, 'handle' | 'privateKeyPem'>;

export class DirectoryClient {
  /** The directory's address: what it is known and trusted by. */
  readonly url: string;
  readonly #transport: string;

  /** `transport` is where requests really go, when that differs (an in-process copy of the embedded directory). */
  constructor(url: string, transport: string = url) {
    this.url = url.replace(/\/+$/, '');
    this.#transport = transport.replace(/\/+$/, '');
  }

  info(): Promise<DirectoryInfo> {
    return this.#json('GET', '/api/');
  }

  /** Packages matching the words (all when none), most used first. */
  async search(query: { text?: string; kind?: PackageKind } = {}): Promise<PackageSummary[]> {
    const params = new URLSearchParams({ q: query.text ?? '', ...(query.kind ? { kind: query.kind } : {}) });
    return (await this.#json<{ packages: PackageSummary[] }>('GET', `/api/packages?${params}`)).packages;
  }

  package(id: string): Promise<PackagePage> {
    return this.#json('GET', `/api/packages/${encodeURIComponent(id)}`);
  }

  version(id: string, version: string): Promise<VersionInfo & { id: string; manifest: unknown }> {
    return this.#json('GET', `/api/packages/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`);
  }

  async download(id: string, version: string): Promise<Buffer> {
    return (await this.#request('GET', `/api/packages/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}/archive`)).body;
  }

  person(handle: string): Promise<PersonPage> {
    return this.#json('GET', `/api/people/${encodeURIComponent(handle)}`);
  }

  /** Registers a key; a handle the directory already knows needs an invitation code or a site built by it (whose domain serves handleProof's token). */
  registerKey(key: StoredKey, name?: string, claim: { invitation?: string; site?: string } = {}): Promise<{ created: boolean }> {
    return this.#json('POST', '/api/people', { handle: key.handle, publicKey: key.publicKey, ...(name ? { name } : {}), ...claim }, key);
  }

  /** The token `site` must serve at its well-known path for `publicKey` to claim `handle`. */
  handleProof(handle: string, publicKey: string, site: string): Promise<{ token: string; url: string }> {
    const params = new URLSearchParams({ site, publicKey });
    return this.#json('GET', `/api/people/${encodeURIComponent(handle)}/proof?${params}`);
  }

  /** The token `domain` must serve at its well-known path before the signer can list it. */
  siteProof(key: Signer, domain: string): Promise<{ token: string; url: string }> {
    return this.#json('GET', `/api/sites/${encodeURIComponent(domain)}/proof`, undefined, key);
  }

  async publish(key: Signer, pkg: { id: string; version: string; archive: Buffer }): Promise<Published> {
    const signature = signText(packageStatement({ id: pkg.id, version: pkg.version, integrity: integrityOf(pkg.archive) }), key.privateKeyPem);
    const path = `/api/packages/${encodeURIComponent(pkg.id)}/versions/${encodeURIComponent(pkg.version)}`;
    const response = await this.#request('PUT', path, pkg.archive, key, { 'content-type': 'application/gzip', 'guild-package-signature': signature });
    return (JSON.parse(response.body.toString('utf8')) as { published: Published }).published;
  }

  yank(key: Signer, id: string, version: string, reason: string): Promise<unknown> {
    return this.#json('POST', `/api/packages/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}/yank`, { reason }, key);
  }

  async registerSite(key: Signer, site: SiteRegistration): Promise<RegisteredSite> {
    const { domain, ...rest } = site;
    return (await this.#json<{ site: RegisteredSite }>('PUT', `/api/sites/${encodeURIComponent(domain)}`, rest, key)).site;
  }

  async unregisterSite(key: Signer, domain: string): Promise<void> {
    await this.#request('DELETE', `/api/sites/${encodeURIComponent(domain)}`, Buffer.alloc(0), key);
  }

  buy(key: Signer, order: { package: string; site: string; seats?: number }): Promise<Purchase> {
    return this.#json('POST', '/api/orders', order, key);
  }

  order(key: Signer, id: string): Promise<Purchase> {
    return this.#json('GET', `/api/orders/${encodeURIComponent(id)}`, undefined, key);
  }

  async #json<T>(method: string, path: string, body?: unknown, key?: Signer): Promise<T> {
    const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body), 'utf8');
    const response = await this.#request(method, path, payload, key, body === undefined ? {} : { 'content-type': 'application/json' });
    return JSON.parse(response.body.toString('utf8')) as T;
  }

  #request(method: string, path: string, body: Buffer = Buffer.alloc(0), key?: Signer, extra: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
    const target = new URL(path, `${this.#transport}/`);
    const headers: Record<string, string> = { accept: 'application/json', ...extra };
    if (body.length > 0 || method !== 'GET') headers['content-length'] = String(body.length);
    if (key) {
      const timestamp = String(Date.now());
      const nonce = randomBytes(18).toString('base64url');
      const signedPath = target.pathname + target.search;
      const signature = signText(requestStatement({ method, path: signedPath, handle: key.handle, timestamp, nonce, body }), key.privateKeyPem);
      Object.assign(headers, { [REQUEST_HEADERS.handle]: key.handle, [REQUEST_HEADERS.timestamp]: timestamp, [REQUEST_HEADERS.nonce]: nonce, [REQUEST_HEADERS.signature]: signature });
    }
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(target, { method, headers, lookup: localhostLookup, timeout: 60_000 }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const answer = Buffer.concat(chunks);
          if (status >= 200 && status < 300) return resolve({ status, body: answer });
          reject(errorOf(status, answer, `${method} ${target.href}`));
        });
      });
      request.on('timeout', () => request.destroy(new Error('no answer within 60 s')));
      request.on('error', (error: NodeJS.ErrnoException) => reject(new GuildError('GUILD_ERR_DIRECTORY_UNREACHABLE', this.url, error.code ?? error.message)));
      request.end(body);
    });
  }
}

function errorOf(status: number, body: Buffer, what: string): DirectoryRequestError {
  try {
    const { error } = JSON.parse(body.toString('utf8')) as { error?: { code?: string; message?: string } };
    if (error?.message) return new DirectoryRequestError(status, error.code ?? 'GUILD_ERR_DIRECTORY', error.message);
  } catch {
    // not a directory's JSON error: described below
  }
  return new DirectoryRequestError(status, 'GUILD_ERR_DIRECTORY', `${what} answered ${status}; is that address a Guild directory?`);
}

/** *.localhost is this machine (RFC 6761), whatever the system resolver says. */
function localhostLookup(hostname: string, options: object, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if ((options as { all?: boolean }).all) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
    return callback(null, '127.0.0.1', 4);
  }
  dnsLookup(hostname, options, callback as never);
}
