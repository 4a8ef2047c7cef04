/**
 * Downloads for owners: the whole site as a Guild archive (manifest, a snapshot of its database
 * taken while it keeps serving, uploads, checksums), to restore on any host with
 * `guild site restore`; and its content as a WordPress export (WXR), to take back to WordPress.
 * Both stream straight into the response.
 */
import express, { type Response } from 'express';
import { exportSite } from '../../archive/index.ts';
import type { MediaStorage } from '../../media/index.ts';
import { describeError } from '../../errors.ts';
import { writeWxr } from '../../wxr/index.ts';
import { locals, requireCapability } from './context.ts';

export function exportRoutes(media: MediaStorage): express.Router {
  const router = express.Router();

  router.get('/export/archive', async (_req, res) => {
    requireCapability(res, 'site:export');
    const { site } = locals(res);
    await download(res, `${site.slug}-${today()}.tar.gz`, () => exportSite({ slug: site.slug, dir: site.dir, manifest: site.manifest, content: site.contentLocation, media }, res));
  });

  router.get('/export/wxr', async (_req, res) => {
    requireCapability(res, 'site:export');
    const { site } = locals(res);
    const info = site.info();
    await download(res, `${site.slug}-${today()}.wordpress.xml`, async () => {
      res.type('application/xml; charset=utf-8');
      await writeWxr(site.store, { title: info.title, description: info.description, url: info.url, language: info.locale, timezone: info.timezone }, res);
      res.end();
    });
  });

  return router;
}

/**
 * Sends what `write` streams as a file to save. A failure before the first byte is answered as
 * any API error; after it, the download is cut off (the browser shows it failed) and logged.
 */
async function download(res: Response, filename: string, write: () => Promise<unknown>): Promise<void> {
  res.attachment(filename);
  try {
    await write();
  } catch (error) {
    if (!res.headersSent) {
      res.removeHeader('Content-Disposition');
      throw error;
    }
    if (!res.destroyed) locals(res).site.log.error({ err: error, file: filename }, `the download of ${filename} failed: ${describeError(error)}`);
    res.destroy();
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
