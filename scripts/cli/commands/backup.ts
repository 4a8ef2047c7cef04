/**
 * `guild backup [site]`: an archive of one site or of every site in GUILD_BACKUP_DIR (default
 * .guild/backups), taken while the host serves them, keeping the newest GUILD_BACKUP_KEEP per
 * site. `guild backup --list [site]` shows what is there. A running host with GUILD_BACKUP_EVERY
 * does the same on a schedule.
 */
import type { Command } from 'commander';
import { describeError } from '../../../core/errors.ts';
import { backupAll, backupSite, listBackups, type Backup } from '../../../core/host/index.ts';
import { formatBytes } from '../../../core/media/index.ts';
import { offline, withHostAuth } from '../context.ts';
import { shown, table } from '../output.ts';

export function register(program: Command): void {
  program
    .command('backup [site]')
    .description('archive a site (or every site) into GUILD_BACKUP_DIR while it serves, keeping the newest GUILD_BACKUP_KEEP; restore one with "guild site restore <file>"')
    .option('--list', 'list the backups there are instead of taking one')
    .action(async (slug: string | undefined, options: { list?: boolean }) => {
      const { registry, config, services, close } = await offline();
      try {
        const slugs = slug ? [slug] : registry.entries().map((entry) => entry.slug);
        if (options.list) {
          const rows = [['SITE', 'TAKEN', 'FILE']];
          for (const site of slugs) for (const backup of await listBackups(config.backupDir, site)) rows.push([site, backup.at.toISOString(), shown(backup.file)]);
          console.log(rows.length > 1 ? table(rows) : `No backups in ${shown(config.backupDir)} yet. Take one with "guild backup".`);
          return;
        }
        const results = await withHostAuth(config, async (auth) => {
          const context = { config, registry, auth, media: services.media };
          return slug ? [await backupSite(context, slug)] : backupAll(context);
        });
        let failed = 0;
        for (const result of results) {
          if ('error' in result) {
            failed++;
            console.error(`${result.slug}: ${describeError(result.error)}`);
          } else console.log(describe(result));
        }
        if (!results.length) console.log(`There are no sites in ${shown(config.sitesDir)} to back up.`);
        if (failed) process.exitCode = 1;
      } finally {
        await close();
      }
    });
}

function describe(backup: Backup): string {
  const removed = backup.removed.length ? `; removed ${backup.removed.length} older beyond GUILD_BACKUP_KEEP` : '';
  return `Backed up ${backup.slug} to ${shown(backup.file)} (${formatBytes(backup.bytes)})${removed}.`;
}
