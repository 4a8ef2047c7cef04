/** `guild theme check | new | build`: the theme author's tools, in the spirit of Ghost's gscan. */
import path from 'node:path';
import type { Command } from 'commander';
import { resolveConfig } from '../../../core/host/index.ts';
import { buildThemePackage, checkTheme, formatReport, scaffoldTheme } from '../../../core/themes/index.ts';
import { shown } from '../output.ts';

export function register(program: Command): void {
  const theme = program.command('theme').description('check, create and pack themes');

  theme
    .command('check <dir>')
    .description('check a theme folder; exit 1 only when it cannot be activated (a fatal error), 0 otherwise with every error and warning listed')
    .option('--json', 'print the report as JSON')
    .action(async (dir: string, options: { json?: boolean }) => {
      const report = await checkTheme(dir);
      console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report, shown));
      if (!report.canActivate) process.exitCode = 1;
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
      const built = await buildThemePackage(dir, options.out);
      if (!built.ok) {
        console.log(formatReport(built.report, shown));
        throw new Error(built.reason.replace(path.resolve(dir), shown(path.resolve(dir))));
      }
      const { manifest, report, packed } = built;
      const notes = report.counts.warning + report.counts.recommendation > 0 ? `\n${formatReport(report, shown)}` : '';
      console.log(`Packed ${manifest.name} ${manifest.version}: ${packed.manifest.files.length} files, ${(packed.bytes / 1024).toFixed(1)} KiB → ${shown(packed.file)}${notes}`);
    });
}
