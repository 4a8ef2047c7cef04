/** `guild start`: runs the host and prints where each site answers. */
import type { Command } from 'commander';
import cluster from 'node:cluster';
import path from 'node:path';
import { ClusterWorker, createHost, ensureOwners, INSTALL_DIR, resolveConfig, runPrimary, seedDirectory, type Host, type HostConfig } from '../../../core/host/index.ts';
import { describeError } from '../../../core/errors.ts';
import { describeMailSetting } from '../../../core/mail/index.ts';
import { createLogger, type Logger } from '../../../core/log/index.ts';
import { GUILD_VERSION } from '../../../core/version.ts';

/** Sites opened at start so that their first content exists and problems show up at once. */
const WARM_LIMIT = 20;

export function register(program: Command): void {
  program
    .command('start')
    .description('serve every site in the sites folder (PORT, GUILD_SITES)')
    .action(async () => {
      process.setSourceMapsEnabled(true);
      const workers = resolveConfig().workers;
      // GUILD_WORKERS=n: this process only starts and watches the n workers that serve.
      if (workers > 1 && cluster.isPrimary) return process.exit(await runPrimary(workers, resolveConfig().port, createLogger({ tag: 'primary' })));
      const log = createLogger(cluster.isWorker ? { tag: `worker ${cluster.worker!.id}` } : {});
      // One site's stray error must not end the process that serves every other site.
      process.on('unhandledRejection', (error) => log.error({ err: error }, 'unhandled rejection (kept serving)'));
      process.on('uncaughtException', (error) => log.error({ err: error }, 'uncaught exception (kept serving)'));

      const worker = cluster.isWorker ? new ClusterWorker(log) : undefined;
      const host = await createHost({ log, ...(worker ? { cluster: worker.member } : {}) });
      await host.listen();
      await warm(host);
      if (worker) {
        // The first leader welcomes (once for the whole host, not once per worker).
        worker.serve(host, { welcome: (leading) => welcome(leading, log) });
        return log.info(`serving on port ${host.config.port} (pid ${process.pid})`);
      }
      await welcome(host, log);
      const stop = async () => {
        log.info('stopping');
        await host.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/** Opens the first sites and the admin's bundle, so that the first requests need not. */
async function warm(host: Host): Promise<void> {
  const entries = host.registry.entries();
  if (entries.length <= WARM_LIMIT) await Promise.all(entries.map((entry) => host.registry.status(entry)));
  await host.admin.warm();
}

/** Once the sites are warm: seeds the demo directory, makes sure every site has an owner, and prints where everything answers with the one-time login links. */
async function welcome(host: Host, log: Logger): Promise<void> {
  // The demo's directory starts with people, packages and sites (GUILD_DIRECTORY_SEED=off for an empty one).
  if (host.directory && process.env.GUILD_DIRECTORY_SEED !== 'off') {
    try {
      if (await seedDirectory(host.directory, path.join(INSTALL_DIR, 'directory', 'seed.json'), host)) log.info('the directory was seeded with the demo people, packages and sites');
    } catch (error) {
      log.warn({ err: error }, `the demo directory could not be seeded (the sites serve regardless): ${describeError(error)}`);
    }
  }
  const entries = host.registry.entries();
  const logins = new Map((await ensureOwners(host.config, host.registry, host.auth, (slug) => host.addresses.site({ slug }).adminUrl)).map((login) => [login.site, login]));

  const workers = host.config.workers > 1 ? ` with ${host.config.workers} workers` : '';
  const lines = [`Guild ${GUILD_VERSION} is serving ${entries.length} site${entries.length === 1 ? '' : 's'} from ${host.config.sitesDir}${workers}`, ''];
  const { addresses } = host;
  for (const entry of entries) {
    const refused = host.registry.refusal(entry);
    const { adminUrl } = addresses.site({ slug: entry.slug });
    lines.push(`  ${(entry.manifest?.title ?? entry.slug).padEnd(24)} ${addresses.url(`${entry.slug}.${addresses.baseHost}`)}/${refused ? '   REFUSED: see the log above' : ''}`);
    const login = logins.get(entry.slug);
    if (login) lines.push(`  ${''.padEnd(24)} admin: ${adminUrl}/admin/  ${login.email}`);
    if (login?.link) lines.push(`  ${''.padEnd(24)} first login (once): ${login.link}`);
  }
  lines.push('', `  Network index            ${addresses.url(addresses.baseHost)}/`);
  lines.push(`  Network admin            ${addresses.networkAdminUrl()}/`);
  if (host.directory) lines.push(`  Directory                ${host.urlFor(host.config.directoryHost)}/`);
  lines.push('', `  Mail                     ${describeMailSetting(host.config.smtpUrl)}`);
  lines.push(`  Backups                  ${describeBackups(host.config)}`);
  lines.push('', 'Press Ctrl+C to stop.');
  console.log(lines.join('\n'));
}

function describeBackups(config: HostConfig): string {
  if (!config.backupEveryMs) return 'none on a schedule (set GUILD_BACKUP_EVERY, e.g. 6h; "npx guild backup" takes one now)';
  const hours = config.backupEveryMs / 3_600_000;
  const every = Number.isInteger(hours) ? `${hours}h` : `${Math.round(config.backupEveryMs / 60_000)}m`;
  return `every ${every} to ${config.backupDir}, keeping ${config.backupKeep} per site`;
}
