/**
 * Everything `guild site validate` checks, as problems that name a file, a JSON path (or line)
 * and what is expected: the manifest against its schema, then what it refers to (the theme is
 * installed and passes the theme checker, the theme's settings are valid, each plugin is
 * installed, fits this Guild and gets valid settings).
 */
import path from 'node:path';
import { describeError, GuildError } from '../errors.ts';
import { readManifest, type ManifestProblem } from '../manifest/index.ts';
import type { PluginCatalog } from '../plugins/index.ts';
import { settingsValueProblems, ThemeInvalid, type ThemeRegistry } from '../themes/index.ts';
import { licenceProblem } from './licences.ts';
import { checkSitePlugins } from './plugins.ts';

export async function validateSite(siteDir: string, themes: ThemeRegistry, plugins: PluginCatalog, licenceKeys: readonly string[]): Promise<ManifestProblem[]> {
  const file = path.join(siteDir, 'site.json');
  const read = await readManifest('site', file, path.basename(siteDir));
  if (!read.ok) return [...read.problems];
  const manifest = read.manifest;
  const problems: ManifestProblem[] = [];
  if (!themes.locate(manifest.theme.id, manifest.theme.version)) {
    const installed = themes.installed();
    problems.push({ file, path: '/theme/id', message: `names a theme that is not installed; installed: ${installed.join(', ') || 'none'}` });
  } else {
    try {
      const theme = await themes.get(manifest.theme.id, manifest.theme.version);
      const unlicensed = licenceProblem({ id: theme.id, price: theme.manifest.price }, manifest.theme.licence, manifest, licenceKeys);
      if (unlicensed) problems.push({ file, path: '/theme/licence', message: new GuildError('GUILD_ERR_LICENCE', theme.id, unlicensed).message });
      problems.push(...settingsValueProblems(theme.manifest, manifest.theme.settings ?? {}, file));
    } catch (error) {
      if (error instanceof ThemeInvalid) problems.push(...error.problems);
      else problems.push({ file, path: '/theme/id', message: `names a theme that cannot be loaded: ${describeError(error)}` });
    }
  }
  for (const check of await checkSitePlugins(manifest, file, plugins, licenceKeys)) problems.push(...check.problems);
  return problems;
}
