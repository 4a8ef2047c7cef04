/** `guild publish <dir>` and `guild yank <package>@<version>`: a developer's side of the directory. */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { formatProblem, type ManifestProblem } from '../../../core/manifest/index.ts';
import { buildPluginPackage } from '../../../core/plugins/index.ts';
import { buildThemePackage, formatReport } from '../../../core/themes/index.ts';
import { signingKey, withDirectory } from '../directory.ts';
import { shown } from '../output.ts';

interface Built {
  readonly id: string;
  readonly version: string;
  readonly file: string;
  /** The handle the package names as its author, when it names one. */
  readonly author: string | undefined;
}

export function register(program: Command): void {
  program
    .command('publish <dir>')
    .description('build a plugin or theme, pack it, sign it with your key and upload it to the directory')
    .option('--as <handle>', 'the handle to publish as (default: the plugin\'s author, or your only key)')
    .option('--directory <url>', 'the directory (default: GUILD_DIRECTORY, else the embedded one)')
    .action(async (dir: string, options: { as?: string; directory?: string }) => {
      const scratch = await mkdtemp(path.join(os.tmpdir(), 'guild-publish-'));
      try {
        const built = await build(path.resolve(dir), scratch);
        const key = await signingKey(options.as, built.author);
        const archive = await readFile(built.file);
        const published = await withDirectory(options.directory, async (client) => {
          const result = await client.publish(key, { id: built.id, version: built.version, archive });
          return { ...result, url: `${client.url}/packages/${encodeURIComponent(built.id)}` };
        });
        console.log(`Published ${published.kind} ${published.id} ${published.version} as ${key.handle} (${archive.length} bytes, ${published.integrity}).\n${published.url}`);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    });

  program
    .command('yank <package>')
    .description('hide a published version from new installs ("<id>@<version>"); sites that have it keep it')
    .option('--reason <text>', 'why, shown on the package page')
    .option('--as <handle>', 'the handle to sign as (default: your only key)')
    .option('--directory <url>', 'the directory (default: GUILD_DIRECTORY, else the embedded one)')
    .action(async (spec: string, options: { reason?: string; as?: string; directory?: string }) => {
      const at = spec.lastIndexOf('@');
      if (at <= 0) throw new Error(`give the version to yank, like "${spec}@1.0.0"`);
      const [id, version] = [spec.slice(0, at), spec.slice(at + 1)];
      const key = await signingKey(options.as);
      await withDirectory(options.directory, (client) => client.yank(key, id, version, options.reason ?? ''));
      console.log(`Yanked ${id} ${version}: new installs skip it; sites that have it keep it.`);
    });
}

async function build(dir: string, scratch: string): Promise<Built> {
  if (existsSync(path.join(dir, 'plugin.json'))) {
    const plugin = await buildPluginPackage(dir).catch((error: unknown) => {
      // A plugin that does not check out: the same lines "guild plugin check" prints.
      for (const problem of (error as { problems?: ManifestProblem[] }).problems ?? []) console.log(formatProblem(problem));
      throw error;
    });
    console.log(`Built plugin ${plugin.manifest.id} ${plugin.manifest.version} in ${shown(plugin.dist)}.`);
    return { id: plugin.manifest.id, version: plugin.manifest.version, file: plugin.packed.file, author: plugin.manifest.author.handle };
  }
  if (existsSync(path.join(dir, 'package.json'))) {
    const theme = await buildThemePackage(dir, path.join(scratch, 'theme.tar.gz'));
    if (!theme.ok) {
      console.log(formatReport(theme.report, shown));
      throw new Error(theme.reason);
    }
    console.log(`Built theme ${theme.manifest.name} ${theme.manifest.version}: ${theme.packed.manifest.files.length} files.`);
    return { id: theme.manifest.name, version: theme.manifest.version, file: theme.packed.file, author: undefined };
  }
  throw new Error(`${shown(dir)} is neither a plugin (plugin.json) nor a theme (package.json)`);
}
