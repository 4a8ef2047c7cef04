/** `guild plugin new | check | build | test`: writing a plugin, from the first file to its archive. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { INSTALL_DIR } from '../../../core/host/index.ts';
import { formatProblem } from '../../../core/manifest/index.ts';
import { buildPluginPackage, checkPluginFolder } from '../../../core/plugins/index.ts';
import { GUILD_VERSION } from '../../../core/version.ts';
import { shown } from '../output.ts';
import { pluginFiles } from '../templates/plugin.ts';

const NAME = /^(?:([a-z0-9][a-z0-9-]*)\.)?([a-z0-9][a-z0-9-]*)$/;

export function registerAuthoring(plugin: Command): void {
  plugin
    .command('new <name>')
    .description('start a plugin: plugin.json, a TypeScript entry, a test and a README, ready to build and test')
    .option('--vendor <handle>', 'your handle, the first part of the id (or give the name as "<vendor>.<name>")', 'my')
    .option('--dir <dir>', 'where to create it (default: ./<name>)')
    .action(async (name: string, options: { vendor: string; dir?: string }) => {
      const match = NAME.exec(name);
      if (!match) throw new Error(`"${name}" is not a plugin name; use lowercase letters, digits and dashes, like "contact-form" or "acme.contact-form"`);
      const id = `${match[1] ?? options.vendor}.${match[2]}`;
      const dir = path.resolve(options.dir ?? match[2]!);
      if (existsSync(dir) && (await readdir(dir)).length > 0) throw new Error(`${shown(dir)} already exists and is not empty; pick another name or --dir`);
      await mkdir(dir, { recursive: true });
      for (const [file, content] of Object.entries(pluginFiles({ id, dir, install: INSTALL_DIR, version: GUILD_VERSION }))) await writeFile(path.join(dir, file), content);
      console.log(`Created plugin ${id} in ${shown(dir)}.\nNext: npx guild plugin test ${shown(dir)}`);
    });

  plugin
    .command('check <dir>')
    .description("validate a plugin: its plugin.json (every problem by JSON path), the capabilities it needs, that its code compiles, and that its SQL runs on both SQLite and PostgreSQL")
    .action(async (dir: string) => {
      const { manifest, problems } = await checkPluginFolder(path.resolve(dir));
      if (problems.length === 0) return console.log(`${manifest!.id} ${manifest!.version} is valid.`);
      for (const problem of problems) console.log(formatProblem(problem));
      process.exitCode = 1;
    });

  plugin
    .command('build <dir>')
    .description('bundle a plugin with esbuild into dist/ (one file, its manifest) and pack it with integrity hashes')
    .action(async (dir: string) => {
      try {
        const built = await buildPluginPackage(path.resolve(dir));
        console.log(`Built ${built.manifest.id} ${built.manifest.version} in ${shown(built.dist)}:`);
        for (const file of built.packed.manifest.files) console.log(`  ${file.path}  ${file.size} bytes  ${file.integrity}`);
        console.log(`Package: ${shown(built.packed.file)} (${built.packed.bytes} bytes)\nIntegrity: ${built.integrity}`);
      } catch (error) {
        const problems = (error as { problems?: Parameters<typeof formatProblem>[0][] }).problems;
        if (!problems) throw error;
        for (const problem of problems) console.log(formatProblem(problem));
        process.exitCode = 1;
      }
    });

  plugin
    .command('test <dir>')
    .description("run a plugin's *.test.ts files with node's test runner, @guild/sdk resolved to this install")
    .action(async (dir: string) => {
      const folder = path.resolve(dir);
      const tests = (await readdir(folder)).filter((file) => file.endsWith('.test.ts')).sort();
      if (tests.length === 0) throw new Error(`${shown(folder)} has no *.test.ts files`);
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', tsx, '--test', ...tests], {
          cwd: folder,
          stdio: 'inherit',
          env: { ...process.env, TSX_TSCONFIG_PATH: path.join(folder, 'tsconfig.json') },
        });
        child.once('error', reject);
        child.once('exit', (exitCode) => resolve(exitCode ?? 1));
      });
      process.exitCode = code;
    });
}
