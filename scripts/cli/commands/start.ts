/** `guild start`: runs the host and prints where each site answers. */
import type { Command } from 'commander';
import path from 'node:path';
import { createHost, ensureOwners, INSTALL_DIR, seedDirectory } from '../../../core/host/index.ts';
import { describeError } from '../../../core/errors.ts';
import { createLogger } from '../../../core/log/index.ts';
import { GUILD_VERSION } from '../../../core/version.ts';

/** Sites opened at start so that their first content exists and problems show up at once. */
const WARM_LIMIT = 20;

export function register(program: Command): void {
  program
    .command('start')
    .description('serve every site in the sites folder (PORT, GUILD_SITES)')
    .action(async () => {
      process.setSourceMapsEnabled(true);
      const log = createLogger();
      // One site's stray error must not end the process that serves every other site.
      process.on('unhandledRejection', (error) => log.error({ err: error }, 'unhandled rejection (kept serving)'));
      process.on('uncaughtException', (error) => log.error({ err: error }, 'uncaught exception (kept serving)'));

      const host = await createHost({ log });
      await host.listen();
      // The demo's directory starts with people, packages and sites (GUILD_DIRECTORY_SEED=off for an empty one).
      if (host.directory && process.env.GUILD_DIRECTORY_SEED !== 'off') {
        try {
          if (await seedDirectory(host.directory, path.join(INSTALL_DIR, 'directory', 'seed.json'), host)) log.info('the directory was seeded with the demo people, packages and sites');
        } catch (error) {
          log.warn({ err: error }, `the demo directory could not be seeded (the sites serve regardless): ${describeError(error)}`);
        }
      }
      const entries = host.registry.entries();
      if (entries.length <= WARM_LIMIT) await Promise.all(entries.map((entry) => host.registry.status(entry)));
      const logins = new Map((await ensureOwners(host.config, host.registry, host.auth, host.urlFor)).map((login) => [login.site, login]));
      await host.admin.warm();

      const lines = [`Guild ${GUILD_VERSION} is serving ${entries.length} site${entries.length === 1 ? '' : 's'} from ${host.config.sitesDir}`, ''];
      for (const entry of entries) {
        const refused = host.registry.refusal(entry);
        lines.push(`  ${(entry.manifest?.title ?? entry.slug).padEnd(24)} ${host.urlFor(`${entry.slug}.localhost`)}/${refused ? '   REFUSED: see the log above' : ''}`);
        const login = logins.get(entry.slug);
        if (login) lines.push(`  ${''.padEnd(24)} admin: ${host.urlFor(`${entry.slug}.localhost`)}/admin/  ${login.email}`);
        if (login?.link) lines.push(`  ${''.padEnd(24)} first login (once): ${login.link}`);
      }
      lines.push('', `  Network index            ${host.urlFor('localhost')}/`);
      if (host.directory) lines.push(`  Directory                ${host.urlFor(host.config.directoryHost)}/`);
      lines.push('', 'Press Ctrl+C to stop.');
      console.log(lines.join('\n'));

      const stop = async () => {
        log.info('stopping');
        await host.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
