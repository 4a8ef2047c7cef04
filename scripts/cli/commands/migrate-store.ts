/**
 * `guild migrate-store [--replace]`: moves the host's data (host.db: accounts, memberships,
 * sessions, one-time links, the schedule) into guild_host and every site's content from its
 * SQLite file into the PostgreSQL database GUILD_DATABASE_URL names, with the hosts stopped,
 * printing each part's tables with their rows and digests as they are checked. Afterwards start
 * the hosts with the same GUILD_DATABASE_URL. A failure loses no SQLite data; run the command
 * again to carry on.
 */
import type { Command } from 'commander';
import { GuildError } from '../../../core/errors.ts';
import { claimManifests, findRunningHost, hostDatabaseFile, migrateStore, resolveConfig, type HostMove, type PartMove, type SiteMove } from '../../../core/host/index.ts';
import { offline } from '../context.ts';
import { table } from '../output.ts';

export function register(program: Command): void {
  program
    .command('migrate-store')
    .description('move the host’s accounts and every site’s content from SQLite into the PostgreSQL of GUILD_DATABASE_URL (hosts stopped), checking each table’s rows and digest')
    .option('--replace', 'overwrite what PostgreSQL already holds otherwise: a site’s schema, guild_host’s accounts, a site’s manifest')
    .action(async (options: { replace?: boolean }) => {
      const config = resolveConfig();
      if (!config.databaseUrl) throw new GuildError('GUILD_ERR_MIGRATE_STORE_NO_DATABASE');
      const running = await findRunningHost(config);
      if (running) throw new GuildError('GUILD_ERR_MIGRATE_STORE_HOST_RUNNING', String(running.state.pid), config.dataDir);
      // Before the folder is opened with the database, which makes each site.json the network's.
      await claimManifests(config.databaseUrl, config.sitesDir, options.replace ?? false);
      const { registry, close } = await offline();
      try {
        const sites = registry.entries().map((entry) => ({ slug: entry.slug, dir: entry.dir }));
        const { host, sites: moves } = await migrateStore(sites, {
          databaseUrl: config.databaseUrl,
          hostFile: hostDatabaseFile(config),
          replace: options.replace ?? false,
          onHost: (move) => console.log(describeHost(move)),
          onSite: (move, index, total) => console.log(describe(move, index, total)),
        });
        const moved = moves.filter((move) => move.outcome === 'moved').length;
        console.log(
          `${moved} of ${moves.length} site${moves.length === 1 ? '' : 's'} moved to PostgreSQL and checked; their SQLite files are removed. Start the hosts with this GUILD_DATABASE_URL.`,
        );
        if (host.outcome !== 'nothing') console.log(`${host.file} is kept as it was, but no longer read once GUILD_DATABASE_URL is set.`);
      } finally {
        await close();
      }
    });
}

function describeHost(move: HostMove): string {
  const head = 'host data (host.db): ';
  if (move.outcome === 'nothing') return `${head}none (no ${move.file}): accounts are made in PostgreSQL from the start.`;
  return `${head}${checked(move)}`;
}

function describe(move: SiteMove, index: number, total: number): string {
  const head = `[${index + 1}/${total}] ${move.slug}: `;
  if (move.outcome === 'nothing') return `${head}no content in SQLite (never opened, or moved before); it is made in PostgreSQL when it first opens.`;
  return `${head}${checked(move)}`;
}

/** A part moved, or found in PostgreSQL already, with its tables as checked. */
function checked(move: PartMove): string {
  const rows = move.tables.map((check) => [`  ${check.table}`, String(check.rows), check.digest.slice(0, 16), 'same']);
  return `${move.outcome === 'moved' ? 'moved' : 'already in PostgreSQL'}\n${table([['  TABLE', 'ROWS', 'SHA256', 'CHECK'], ...rows])}`;
}
