/**
 * The directory's JSON API under /api/, which the CLI uses. Reads are public; every write is a
 * signed request (see ../auth.ts). Errors answer `{"error": {"code", "message"}}` with the
 * code's HTTP status, never a stack trace.
 */
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GuildError } from '../../errors.ts';
import { isPublicKey, REQUEST_HEADERS } from '../../signing/index.ts';
import type { SignedRequest } from '../auth.ts';
import { proofUrl } from '../domain-proof.ts';
import type { Directory } from '../directory.ts';
import { packagePage, personPage } from '../queries.ts';
import { searchPackages, versionOf, type PackageKind } from '../store/packages.ts';
import { getSite, recentSites, type SiteRegistration } from '../store/sites.ts';

export function apiRouter(directory: Directory): express.Router {
  const api = express.Router();
  // Writes are read as raw bytes: the signature covers the body exactly as sent.
  const raw = express.raw({ type: () => true, limit: directory.maxArchiveBytes + 1024 });

  api.get('/', (_req, res) => {
    res.json({ guild: 1, publicKey: directory.publicKey, feeBasisPoints: directory.feeBasisPoints, maxArchiveBytes: directory.maxArchiveBytes, maxUnpackedBytes: directory.maxUnpackedBytes, maxCompressionRatio: directory.maxCompressionRatio, payments: directory.payments.id });
  });

  api.get('/packages', (req, res) => {
    const kind = req.query.kind === 'plugin' || req.query.kind === 'theme' ? (req.query.kind as PackageKind) : undefined;
    const sort = req.query.sort === 'new' || req.query.sort === 'name' ? req.query.sort : 'used';
    res.json({ packages: searchPackages(directory.sql, { text: String(req.query.q ?? ''), kind, sort, limit: Number(req.query.limit) || 50 }) });
  });

  api.get('/packages/:id', (req, res) => res.json(found(packagePage(directory.sql, req.params.id), `The package "${req.params.id}"`)));

  api.get('/packages/:id/versions/:version', (req, res) => {
    const { archive: _archive, manifest, ...version } = found(versionOf(directory.sql, req.params.id, req.params.version), `${req.params.id} ${req.params.version}`);
    res.json({ id: req.params.id, ...version, manifest: JSON.parse(manifest) as unknown });
  });

  api.get('/packages/:id/versions/:version/archive', (req, res, next) => {
    const file = found(directory.archiveFile(req.params.id, req.params.version), `${req.params.id} ${req.params.version}`);
    // The data folder is often hidden (the host's default is .guild/directory), and sendFile
    // refuses any dot-folder on its path unless told otherwise; `root` keeps it inside archives/.
    const options = { root: directory.archivesDir, dotfiles: 'allow' as const, headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } };
    res.type('application/gzip').sendFile(path.relative(directory.archivesDir, file), options, (error) => error && next(error));
  });

  api.put('/packages/:id/versions/:version', raw, async (req, res) => {
    const handle = signer(directory, req);
    const published = await directory.publish({ id: req.params.id as string, version: req.params.version as string, archive: body(req), signature: String(req.headers['guild-package-signature'] ?? ''), handle });
    res.status(201).json({ published });
  });

  api.post('/packages/:id/versions/:version/yank', raw, (req, res) => {
    const handle = signer(directory, req);
    const { reason } = json<{ reason?: string }>(req);
    directory.yank(handle, req.params.id as string, req.params.version as string, typeof reason === 'string' ? reason.slice(0, 500) : '');
    res.json({ yanked: { id: req.params.id, version: req.params.version } });
  });

  api.get('/people/:handle', (req, res) => res.json(found(personPage(directory.sql, req.params.handle), `The person "${req.params.handle}"`)));

  api.post('/people', raw, async (req, res) => {
    const input = json<{ handle?: string; publicKey?: string; name?: string; invitation?: string; site?: string }>(req);
    if (!isPublicKey(input.publicKey)) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', 'publicKey must be an Ed25519 public key (base64url of 32 bytes)');
    // The new key signs its own registration: whoever registers a key holds it.
    const handle = signer(directory, req, [input.publicKey]);
    if (handle !== input.handle) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', 'the signed handle and the handle to register differ');
    const { created } = await directory.claimKey({
      handle,
      publicKey: input.publicKey,
      ...(typeof input.name === 'string' ? { name: input.name.slice(0, 100) } : {}),
      ...(typeof input.invitation === 'string' ? { invitation: input.invitation.slice(0, 200) } : {}),
      ...(typeof input.site === 'string' ? { site: input.site.toLowerCase().slice(0, 253) } : {}),
    });
    res.status(created ? 201 : 200).json({ person: personPage(directory.sql, handle)!.person, created });
  });

  // The token a site listed as built by :handle serves to vouch for a new key (see ../domain-proof.ts).
  api.get('/people/:handle/proof', (req, res) => {
    const domain = String(req.query.site ?? '').toLowerCase();
    const publicKey = String(req.query.publicKey ?? '');
    if (!isPublicKey(publicKey) || !domain) throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', 'ask with ?site=<domain>&publicKey=<the new key>');
    const token = directory.handleProof(domain, req.params.handle, publicKey);
    res.json({ token, url: proofUrl(domain, token) });
  });

  api.get('/sites', (_req, res) => res.json({ sites: recentSites(directory.sql, 200) }));

  api.get('/sites/:domain', (req, res) => res.json({ site: found(getSite(directory.sql, req.params.domain), `The site ${req.params.domain}`) }));

  // The token the domain serves to prove that its controller lists it as the signer's site.
  api.get('/sites/:domain/proof', (req, res) => {
    const token = directory.siteProof(req.params.domain.toLowerCase(), signer(directory, req));
    res.json({ token, url: proofUrl(req.params.domain.toLowerCase(), token) });
  });

  api.put('/sites/:domain', raw, async (req, res) => {
    const handle = signer(directory, req);
    const site = await directory.registerProvenSite({ ...json<SiteRegistration>(req), domain: req.params.domain as string } as SiteRegistration, handle);
    res.json({ site });
  });

  api.delete('/sites/:domain', raw, (req, res) => {
    directory.unregisterSite(req.params.domain as string, signer(directory, req));
    res.status(204).end();
  });

  api.post('/orders', raw, async (req, res) => {
    const buyer = signer(directory, req);
    const input = json<{ package?: string; site?: string; seats?: number }>(req);
    const purchase = await directory.buy({ buyer, packageId: String(input.package ?? ''), domain: String(input.site ?? ''), seats: input.seats });
    res.status(purchase.licence ? 200 : 202).json(purchase);
  });

  api.get('/orders/:id', (req, res) => {
    const buyer = signer(directory, req);
    const order = directory.order(req.params.id);
    if (!order || order.buyer !== buyer) throw new GuildError('GUILD_ERR_DIRECTORY_NOT_FOUND', `The order ${req.params.id}`);
    res.json(directory.purchase(order.id));
  });

  api.use((_req: Request, res: Response) => {
    res.status(404).json({ error: { code: 'GUILD_ERR_DIRECTORY_NOT_FOUND', message: 'There is no such API route. GET /api/ describes the directory; see docs/directory.md.' } });
  });

  api.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const tooLarge = (error as { type?: string }).type === 'entity.too.large';
    const known = tooLarge ? new GuildError('GUILD_ERR_PUBLISH_TOO_LARGE', String((error as { length?: number }).length ?? 'over the limit'), String(directory.maxArchiveBytes)) : error;
    if (known instanceof GuildError) return res.status(known.status).json({ error: { code: known.code, message: known.message } });
    next(error);
  });
  return api;
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new GuildError('GUILD_ERR_DIRECTORY_NOT_FOUND', what);
  return value;
}

function body(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

function json<T>(req: Request): Partial<T> {
  const text = body(req).toString('utf8');
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Partial<T>;
  } catch {
    // reported below
  }
  throw new GuildError('GUILD_ERR_DIRECTORY_INPUT', 'the body must be a JSON object');
}

function signer(directory: Directory, req: Request, keys?: readonly string[]): string {
  const header = (name: string) => String(req.headers[name] ?? '');
  const request: SignedRequest = {
    method: req.method,
    path: req.originalUrl,
    handle: header(REQUEST_HEADERS.handle),
    timestamp: header(REQUEST_HEADERS.timestamp),
    nonce: header(REQUEST_HEADERS.nonce),
    signature: header(REQUEST_HEADERS.signature),
    body: body(req),
  };
  return directory.authenticate(request, keys);
}
