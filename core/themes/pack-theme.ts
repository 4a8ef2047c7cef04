/**
 * Packs a theme as it ships, for `guild theme build` and `guild publish`: the checker runs
 * first and a theme with a fatal error is not packed; then its folder goes into
 * <name>-<version>.tar.gz with every file's hash.
 */
import path from 'node:path';
import { readManifest, type ThemeManifest } from '../manifest/index.ts';
import { packDirectory, type Packed } from '../packages/index.ts';
import { checkTheme, type CheckReport } from './check.ts';

export type ThemeBuild =
  | { readonly ok: true; readonly manifest: ThemeManifest; readonly report: CheckReport; readonly packed: Packed }
  | { readonly ok: false; readonly report: CheckReport; readonly reason: string };

/** `out` defaults to ./<name>-<version>.tar.gz. */
export async function buildThemePackage(dir: string, out?: string): Promise<ThemeBuild> {
  const report = await checkTheme(dir);
  if (!report.canActivate) return { ok: false, report, reason: `${path.resolve(dir)} was not packed: fix its fatal errors first.` };
  const read = await readManifest('theme', path.join(dir, 'package.json'));
  if (!read.ok) return { ok: false, report, reason: `${path.join(dir, 'package.json')} is not valid; run "guild theme check ${dir}".` };
  const { name, version } = read.manifest;
  const packed = await packDirectory({ dir, kind: 'theme', id: name, version, out: path.resolve(out ?? `${name}-${version}.tar.gz`) });
  return { ok: true, manifest: read.manifest, report, packed };
}
