/** GT001: package.json must be valid: the schema and settings that make sense (the folder's name is GT014's). */
import type { CheckFailure, CheckRule } from '../check.ts';

export const packageJson: CheckRule = {
  code: 'GT001',
  name: 'package-json',
  level: 'error',
  fatal: true,
  summary: 'package.json must be valid: a name, a semver version, a well-formed "config"',
  help: 'Correct package.json at the path shown; core/manifest/schemas/theme.schema.json describes every field (point "$schema" at it for editor hints).',
  run({ files, manifest }) {
    if (!files.manifest.ok) return files.manifest.problems.map((problem) => ({ file: problem.file, message: `${problem.path}: ${problem.message}` }));
    const failures: CheckFailure[] = [];
    const at = (path: string, message: string) => failures.push({ file: files.manifestFile, message: `${path}: ${message}` });
    for (const [key, setting] of Object.entries(manifest!.config?.custom ?? {})) {
      const path = `/config/custom/${key}`;
      if (setting.type === 'select') {
        if (!setting.options?.length) at(`${path}/options`, 'is required for a select: list the choices');
        else if (setting.default !== undefined && !setting.options.includes(String(setting.default))) at(`${path}/default`, `must be one of the options: ${setting.options.join(', ')}`);
      }
      if (setting.type === 'boolean' && setting.default !== undefined && typeof setting.default !== 'boolean') at(`${path}/default`, 'must be true or false');
      if (setting.type === 'color' && setting.default !== undefined && !/^#[0-9a-f]{6}$/i.test(String(setting.default))) at(`${path}/default`, 'must be a hex colour like "#1a2b3c"');
    }
    return failures;
  },
};
