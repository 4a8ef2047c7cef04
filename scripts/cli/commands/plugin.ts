/**
 * `guild plugin ...`: a plugin's life on sites (activate, deactivate, uninstall, status, enable)
 * and, from plugin-authoring.ts, writing one (new, build, check, test).
 */
import { utimes } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { GuildError } from '../../../core/errors.ts';
import { activatePlugin, deactivatePlugin, uninstallPlugin, type SiteOutcome } from '../../../core/host/index.ts';
import { pluginStates } from '../../../core/site/index.ts';
import { offline } from '../context.ts';
import { table } from '../output.ts';
import { registerAuthoring } from './plugin-authoring.ts';

export function register(program: Command): void {
  const plugin = program.command('plugin').description('write plugins, and run them on sites');

  plugin
    .command('activate <plugin> <sites...>')
    .description("turn a plugin on for one or more sites; each site runs the plugin's install step and migrations now")
    .option('--settings <json>', "the plugin's settings for these sites, as JSON")
    .action(async (id: string, slugs: string[], options: { settings?: string }) => {
      const settings = options.settings === undefined ? undefined : parseSettings(options.settings);
      await withRegistry(async ({ registry, services }) => report(id, 'activated', await activatePlugin(registry, services, id, slugs, settings)));
    });

  plugin
    .command('deactivate <plugin> <sites...>')
    .description('turn a plugin off for sites, keeping its settings and data')
    .action(async (id: string, slugs: string[]) => {
      await withRegistry(async ({ registry }) => report(id, 'deactivated', await deactivatePlugin(registry, id, slugs)));
    });

  plugin
    .command('uninstall <plugin> <site>')
    .description("take a plugin off a site and remove its data there (its tables and entries): asks first")
    .option('--yes', 'confirm without being asked')
    .action(async (id: string, slug: string, options: { yes?: boolean }) => {
      const confirmed = options.yes === true || (await ask(`This removes every table and entry of ${id} on ${slug} for good. Type the plugin id to confirm: `)) === id;
      await withRegistry(async ({ registry }) => {
        const removed = await uninstallPlugin(registry, id, slug, confirmed);
        console.log(`Uninstalled ${id} from ${slug}: removed ${removed.tables.length} table(s)${removed.tables.length ? ` (${removed.tables.join(', ')})` : ''} and ${removed.entries} entr${removed.entries === 1 ? 'y' : 'ies'}.`);
      });
    });

  plugin
    .command('status <site>')
    .description("each plugin of a site: active, failing with its last error, failed, switched off and why, or inactive")
    .option('--json', 'print JSON instead of a table')
    .action(async (slug: string, options: { json?: boolean }) => {
      await withRegistry(async ({ registry }) => {
        const entry = registry.get(slug);
        if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
        const { site, release } = await registry.acquire(entry);
        const states = pluginStates(site);
        release();
        if (options.json) return console.log(JSON.stringify(states, null, 2));
        if (states.length === 0) return console.log(`${slug} runs no plugins.`);
        const rows = [['PLUGIN', 'STATE', 'VERSION', 'WHERE', 'WHY'], ...states.map((state) => [state.id, state.state, state.version ?? '-', state.isolated === undefined ? '-' : state.isolated ? (state.notStartedHere ? 'sandbox (checked; runs in the host)' : 'sandbox') : 'host', state.reason ?? (state.lastError ? `last error in ${state.lastError.hook}: ${state.lastError.reason}` : '')])];
        console.log(table(rows));
      });
    });

  plugin
    .command('enable <site> <plugin>')
    .description('switch a plugin back on for a site after the host switched it off for failing')
    .action(async (slug: string, id: string) => {
      await withRegistry(async ({ registry }) => {
        const entry = registry.get(slug);
        if (!entry) throw new GuildError('GUILD_ERR_SITE_NOT_FOUND', slug, registry.sitesDir);
        const { site, release } = await registry.acquire(entry);
        const cleared = site.switchPluginBackOn(id);
        release();
        if (!cleared) return console.log(`Plugin ${id} is not switched off on ${slug}; nothing to do.`);
        // Touching site.json makes a running host reload this one site, with the plugin set up again.
        const now = new Date();
        await utimes(entry.manifestFile, now, now);
        console.log(`Plugin ${id} is switched back on for ${slug}. A running host reloads the site now.`);
      });
    });

  registerAuthoring(plugin);
}

async function withRegistry(work: (context: Awaited<ReturnType<typeof offline>>) => Promise<void>): Promise<void> {
  const context = await offline();
  try {
    await work(context);
  } finally {
    await context.close();
  }
}

function report(id: string, verb: string, outcomes: readonly SiteOutcome[]): void {
  for (const { site, status } of outcomes) {
    const state = !status ? 'not listed' : status.state === 'active' ? `active (${status.isolated ? `sandboxed${status.notStartedHere ? '; checked here, it starts when the host serves the site' : ''}` : 'in the host'})` : status.state;
    console.log(`${id} ${verb} on ${site}: ${state}${status && 'reason' in status ? `\n  ${status.reason}` : ''}`);
  }
  if (outcomes.some(({ status }) => status?.state === 'failed')) process.exitCode = 1;
}

function parseSettings(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Error(`--settings must be a JSON object, like '{"twitter": "@acme"}'`);
}

async function ask(question: string): Promise<string> {
  if (!process.stdin.isTTY) return '';
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await prompt.question(question)).trim();
  } finally {
    prompt.close();
  }
}
