/**
 * `guild import wxr <site> <file.xml>`: bring a WordPress site's content into a Guild site;
 * `guild import media <site>` (or `fetch-media`): then fetch its files from the old site, once a
 * network is there.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { openContentStore } from '../../../core/content/index.ts';
import { GuildError } from '../../../core/errors.ts';
import { siteContentLocation } from '../../../core/site/index.ts';
import { DOWNLOAD_TIMEOUT_MS, downloadsInto, MediaLibrary } from '../../../core/media/index.ts';
import { fetchAttachments, formatReport, importWordPress, changedNothing, type FetchProgress, type FetchReport } from '../../../core/wxr/index.ts';
import { offline } from '../context.ts';
import { shown } from '../output.ts';
import { ProgressBar } from '../progress.ts';

export function register(program: Command): void {
  const command = program.command('import').description('bring content in from another system');

  command
    .command('wxr <site> <file>')
    .description('import a WordPress export (Tools → Export → All content); safe to run again')
    .option('--menu <slug>', 'the WordPress menu that becomes the navigation (default: one named like a main menu, else the first)')
    .option('--timezone <zone>', "the WordPress site's time zone, for dates the export gives in local time only (default: the site's)")
    .action(async (slug: string, file: string, options: { menu?: string; timezone?: string }) => {
      const { registry, config, close } = await offline();
      const progress = new ProgressBar();
      try {
        const entry = registry.get(slug);
        if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
        const size = await stat(file).then(
          (found) => found.size,
          () => {
            throw new Error(`There is no file ${file}. Export the WordPress site with Tools → Export → All content, then give that file.`);
          },
        );
        const store = await openContentStore(siteContentLocation(entry.dir, slug, config.databaseUrl));
        try {
          const report = await importWordPress(
            store,
            { data: createReadStream(file), name: shown(file), size },
            {
              timezone: options.timezone ?? entry.manifest?.timezone ?? 'UTC',
              ...(options.menu ? { primaryMenu: options.menu } : {}),
              onProgress: ({ phase, done, total }) => progress.update(phase, done, total),
            },
          );
          progress.done();
          console.log(formatReport(report));
          if (changedNothing(report)) console.log('Nothing changed: this export was imported before.');
        } finally {
          await store.close();
        }
      } finally {
        progress.done();
        await close();
      }
    });

  command
    .command('media <site>')
    .alias('fetch-media')
    .description("fetch the files of imported WordPress attachments into the site's media library and show them from there; safe to run again")
    .action(async (slug: string) => {
      const { config, services, registry, close } = await offline();
      try {
        const entry = registry.get(slug);
        if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
        const { site, release } = await registry.acquire(entry);
        try {
          const library = new MediaLibrary(site.contentSql, services.media.forSite(site), site.theme.manifest.config?.image_sizes);
          const report = await fetchAttachments(site.store, {
            ...downloadsInto(library, { maxBytes: config.uploadMaxBytes, timeoutMs: DOWNLOAD_TIMEOUT_MS, log: site.log }),
            onProgress: (progress) => {
              const line = progressLine(progress);
              if (line) console.log(line);
            },
          });
          console.log(summary(report));
          for (const failure of report.failed) console.log(`  not fetched: ${failure.url}: ${failure.reason}`);
          if (report.failed.length) {
            console.log('Those keep pointing at the old site. Run this again to retry them.');
            process.exitCode = 1;
          }
        } finally {
          release();
        }
      } finally {
        await close();
      }
    });
}

/** One line per file as it is done (`3/40 fetched <url>`), so a long run shows itself in a log as on a terminal. */
function progressLine({ done, total, fetched, failed, latest }: FetchProgress): string | undefined {
  if (!latest) return total ? `Fetching ${total} ${total === 1 ? 'file' : 'files'} from the old site…` : undefined;
  const outcome = latest.reason === undefined ? `fetched ${latest.url}` : `not fetched ${latest.url}: ${latest.reason}`;
  return `${done}/${total} ${outcome} (${fetched} fetched, ${failed} failed)`;
}

function summary(report: FetchReport): string {
  const pointed = report.postsUpdated === 1 ? '1 post or page now shows' : `${report.postsUpdated} posts and pages now show`;
  if (report.total === 0) {
    const healed = report.postsUpdated ? ` ${pointed} files fetched before from this site.` : '';
    return `Nothing to fetch: every imported attachment is here already.${healed}`;
  }
  return `Fetched ${report.fetched} of ${report.total} files (${report.failed.length} failed); ${pointed} them from this site.`;
}
