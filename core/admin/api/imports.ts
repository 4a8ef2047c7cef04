/**
 * WordPress import over the API (owners and editors). The export arrives as multipart (field
 * `file`) into a temporary file; a file that is not XML at all is refused at once (415), and the
 * import then runs as a job in a worker thread: POST answers once the whole file has been read
 * (422 naming the line when it is not a WordPress export, and nothing is written), and the job
 * is followed with GET /imports/:id until it is done, with its report. The files of imported
 * attachments are fetched afterwards, once the old site can be reached: GET /imports/attachments
 * says how many wait and why some failed, POST starts fetching them (202), followed by GET.
 * An import and a fetch never run on one site at once: the import's transaction (in a worker)
 * would keep the fetch's writes (in the host's own thread) waiting on the database's lock.
 */
import { open, rm } from 'node:fs/promises';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GuildError, isGuildError } from '../../errors.ts';
import { DOWNLOAD_TIMEOUT_MS, receiveUpload } from '../../media/index.ts';
import { attachmentsWaiting } from '../../wxr/index.ts';
import type { ImportJobs } from '../import-jobs.ts';
import { actor, locals, requireCapability, type ApiDeps } from './context.ts';
import { Input } from './input.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function importRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const mayImport = (_req: Request, res: Response, next: NextFunction) => (requireCapability(res, 'content:import'), next());

  router.get('/imports', mayImport, (_req, res) => {
    res.json({ items: deps.imports.list(locals(res).site.slug), maxBytes: deps.importMaxBytes });
  });

  router.get('/imports/attachments', mayImport, async (_req, res) => {
    const { site } = locals(res);
    res.json({ ...(await attachmentsWaiting(site.store)), job: deps.mediaFetches.latest(site.slug) ?? null });
  });

  router.post('/imports/attachments', mayImport, async (_req, res) => {
    const { site } = locals(res);
    const importing = deps.imports.active(site.slug);
    if (importing) throw new GuildError('GUILD_ERR_IMPORT_RUNNING', `${importing.file}, started by ${importing.startedBy.name}`);
    const limits = { maxBytes: deps.uploadMaxBytes, timeoutMs: DOWNLOAD_TIMEOUT_MS };
    const job = await deps.mediaFetches.start(site, deps.stateOf(site).media, limits, actor(res));
    res.status(202).location('/admin/api/imports/attachments').json(job);
  });

  router.get('/imports/:id', mayImport, (req, res) => {
    const job = deps.imports.get(locals(res).site.slug, String(req.params.id));
    if (!job) throw new GuildError('GUILD_ERR_NOT_FOUND', 'This import');
    res.json(job);
  });

  const notWhileFetching = (_req: Request, res: Response, next: NextFunction) => {
    const fetching = deps.mediaFetches.running(locals(res).site.slug);
    next(fetching ? new GuildError('GUILD_ERR_IMPORT_WHILE_FETCHING', fetching.startedBy.name) : undefined);
  };

  router.post('/imports', mayImport, notWhileFetching, receiveUpload(deps.importMaxBytes, { toDisk: true, tooLarge: 'GUILD_ERR_IMPORT_TOO_LARGE' }), async (req, res) => {
    const file = req.file;
    if (!file) throw new GuildError('GUILD_ERR_INVALID_INPUT', 'there is no file in the upload; send the WordPress export in the multipart field "file"');
    const input = new Input(req.body);
    const primaryMenu = input.string('menu', { max: 200 });
    const timezone = input.string('timezone', { max: 100 });
    if (timezone && !isTimeZone(timezone)) input.problem('timezone', 'is not a time zone; use a name like Europe/Lisbon');
    try {
      input.check();
      const notXml = await notXmlReason(file.path, file.size);
      if (notXml) throw new GuildError('GUILD_ERR_IMPORT_TYPE', notXml);
    } catch (error) {
      await rm(file.path, { force: true });
      throw error;
    }
    const { site } = locals(res);
    const who = actor(res);
    let job;
    try {
      job = await deps.imports.start(
        site,
        { path: file.path, name: file.originalname || 'export.xml', size: file.size },
        { ...(timezone ? { timezone } : {}), ...(primaryMenu ? { primaryMenu } : {}) },
        { id: who.id, name: who.name },
      );
    } catch (error) {
      // A file that is not a whole export: the refusal names the job it ended, kept in the list.
      const failed = deps.imports.list(site.slug)[0];
      if (!isGuildError(error, 'GUILD_ERR_WXR_INVALID') || failed?.phase !== 'failed') throw error;
      return res.status(error.status).json({ error: { code: error.code, message: error.message, job: failed.id } });
    }
    res.status(202).location(`/admin/api/imports/${job.id}`).json(job);
  });

  return router;
}

/**
 * While an import writes into a site, its transaction holds the database's write lock: other
 * writes would wait for it (holding up the whole host), so the admin refuses them for that site.
 */
export function whileImporting(imports: ImportJobs) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    const { site } = locals(res);
    if (!imports.writing(site.slug)) return next();
    const job = imports.list(site.slug).find((candidate) => candidate.phase === 'importing')!;
    next(new GuildError('GUILD_ERR_IMPORT_RUNNING', `${job.file}, started by ${job.startedBy.name}`));
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Why a file cannot be a WordPress export by its first bytes (it is not XML text), or undefined. */
async function notXmlReason(path: string, size: number): Promise<string | undefined> {
  if (size === 0) return 'empty';
  const handle = await open(path, 'r');
  const head = Buffer.alloc(Math.min(size, 512));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'a ZIP archive (unzip it and upload the .xml file inside)';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'compressed with gzip (unpack it and upload the .xml file inside)';
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return undefined;
  return text.startsWith('{') || text.startsWith('[') ? 'JSON' : 'not an XML file';
}
