/** `guild theme check | new | build`: the theme author's tools, in the spirit of Ghost's gscan. */
import path from 'node:path';
import type { Command } from 'commander';
import { resolveConfig } from '../../../core/host/index.ts';
import { readManifest } from '../../../core/manifest/index.ts';
import { packDirectory } from '../../../core/packages/index.ts';
import { checkTheme, formatReport, scaffoldTheme } from '../../../core/themes/index.ts';
import { shown } from '../output.ts';

export function register(program: Command): void {
  const theme = program.command('theme').description('check, create and pack themes');

  theme
    .command('check <dir>')
    .description('check a theme folder; exit 1 when it has errors (fatal ones keep it from being activated)')
    .option('--json', 'print the report as JSON')
    .action(async (dir: string, options: { json?: boolean }) => {
      const report = await checkTheme(dir);
      console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report, shown));
      if (report.counts.error > 0) process.exitCode = 1;
    });

  theme
    .command('new <name>')
    .description('create a theme that passes the checker, ready to change')
    .option('--dir <folder>', 'the folder to create it in (default: the install\'s themes folder)')
    .action(async (name: string, options: { dir?: string }) => {
      const parent = options.dir ?? resolveConfig().themesDirs[0]!;
      const dir = await scaffoldTheme(name, parent);
      console.log(`Created ${shown(dir)}.\nCheck it with: npx guild theme check ${shown(dir)}\nUse it on a site by setting "theme": {"id": "${name}"} in its site.json.`);
    });

  theme
    .command('build <dir>')
    .description('check a theme and pack it as <name>-<version>.tar.gz for the directory')
    .option('--out <file>', 'where to write the archive (default: ./<name>-<version>.tar.gz)')
    .action(async (dir: string, options: { out?: string }) => {
      const report = await checkTheme(dir);
      if (!report.canActivate) {
        console.log(formatReport(report, shown));
        throw new Error(`${shown(path.resolve(dir))} was not packed: fix its fatal errors first.`);
      }
      const read = await readManifest('theme', path.join(dir, 'package.json'));
      if (!read.ok) throw new Error(`${shown(path.join(dir, 'package.json'))} is not valid; run "guild theme check ${dir}".`);
      const { name, version } = read.manifest;
      const out = path.resolve(options.out ?? `${name}-${version}.tar.gz`);
      const packed = await packDirectory({ dir, kind: 'theme', id: name, version, out });
      const notes = report.counts.warning + report.counts.recommendation > 0 ? `\n${formatReport(report, shown)}` : '';
      console.log(`Packed ${name} ${version}: ${packed.manifest.files.length} files, ${(packed.bytes / 1024).toFixed(1)} KiB → ${shown(packed.file)}${notes}`);
    });
}
