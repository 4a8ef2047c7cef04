/**
 * `guild site remove | rename | disable | enable | theme | domain add | domain remove`: a site's
 * life after `guild site new`. A running host makes each change itself (through its control
 * API), so it applies at once; with no host running the files are changed here.
 */
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { GuildError } from '../../../core/errors.ts';
import type { SiteChange } from '../../../core/host/index.ts';
import { shown } from '../output.ts';
import { addresses, applyChange, whereItAnswers } from '../running.ts';

export function register(program: Command): void {
  const site = program.commands.find((command) => command.name() === 'site') ?? program.command('site');

  site
    .command('remove <slug>')
    .description('delete a site, after writing its archive (guild site restore brings it back); its domains are free at once')
    .option('--no-archive', 'delete without writing an archive first')
    .option('--out <file>', 'where to write the archive (default: removed-sites/ in the host data folder)')
    .option('--yes', 'do not ask for confirmation')
    .action(async (slug: string, options: { archive: boolean; out?: string; yes?: boolean }) => {
      if (!options.yes) await confirm(`Remove site "${slug}"${options.archive ? ' (an archive is written first)' : ' WITHOUT an archive'}?`, `guild site remove ${slug}`);
      const { outcome } = await applyChange(slug, { action: 'remove', archive: options.archive, ...(options.out ? { out: path.resolve(options.out) } : {}) });
      console.log(`Removed ${slug}.${outcome.archive ? ` Its archive: ${shown(outcome.archive)} (guild site restore ${shown(outcome.archive)} brings it back).` : ''}`);
    });

  site
    .command('rename <slug> <new-slug>')
    .description('move a site to a new slug (folder, id, logins); custom domains stay')
    .action(async (slug: string, to: string) => {
      await report(slug, { action: 'rename', to }, `Renamed ${slug} to ${to}.`);
    });

  site
    .command('disable <slug>')
    .description('take a site offline for maintenance: visitors get a 503 page, its admin stays open')
    .option('--message <text>', 'what visitors read on the maintenance page')
    .action(async (slug: string, options: { message?: string }) => {
      await report(slug, { action: 'disable', ...(options.message ? { message: options.message } : {}) }, `Disabled ${slug}: visitors see a maintenance page (503) until "guild site enable ${slug}".`);
    });

  site
    .command('enable <slug>')
    .description('put a disabled site back online')
    .action(async (slug: string) => {
      await report(slug, { action: 'enable' }, `Enabled ${slug}.`);
    });

  site
    .command('theme <slug> <theme>')
    .description("switch a site's theme, keeping the settings the new theme knows")
    .option('--licence <token>', 'the licence of a paid theme')
    .action(async (slug: string, theme: string, options: { licence?: string }) => {
      const { outcome } = await applyChange(slug, { action: 'theme', theme, ...(options.licence ? { licence: options.licence } : {}) });
      const dropped = outcome.dropped ?? [];
      console.log(`${slug} now uses the theme ${theme}.${dropped.length ? `\nDropped the settings ${theme} does not have (or accept): ${dropped.join(', ')}.` : ' Every setting was kept.'}`);
    });

  const domain = site.command('domain').description("add or remove a site's domains");
  domain
    .command('add <slug> <host>')
    .description('make the site answer to a host name (refused when another site has it)')
    .action(async (slug: string, host: string) => {
      await report(slug, { action: 'domain-add', domain: host }, `${slug} answers to ${host.toLowerCase()} now.`);
    });
  domain
    .command('remove <slug> <host>')
    .description('stop the site answering to a host name; it is free for another site at once')
    .action(async (slug: string, host: string) => {
      await report(slug, { action: 'domain-remove', domain: host }, `${slug} no longer answers to ${host.toLowerCase()}.`);
    });
}

/** Applies a change and prints what it did and where the site answers now. */
async function report(slug: string, change: SiteChange, done: string): Promise<void> {
  const { outcome } = await applyChange(slug, change);
  console.log(`${done}\n${whereItAnswers(await addresses(), { slug: outcome.slug, domains: outcome.domains })}`);
}

async function confirm(question: string, command: string): Promise<void> {
  if (!process.stdin.isTTY) throw new GuildError('GUILD_ERR_CONFIRMATION', `"${command}"`);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new Error('Nothing was removed.');
  } finally {
    rl.close();
  }
}
