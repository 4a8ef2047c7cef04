/** GT007: every @custom setting a template reads must be declared in package.json. */
import type { CheckRule } from '../check.ts';

export const customSettings: CheckRule = {
  code: 'GT007',
  name: 'custom-settings',
  level: 'error',
  fatal: false,
  summary: 'every @custom.<key> used in a template must be declared in package.json "config.custom"',
  help: 'Declare the setting in package.json under "config": {"custom": {"<key>": {"type": "text", "default": ""}}}, or correct the name. Undeclared settings are always empty.',
  run({ manifest, parsed }) {
    if (!manifest) return [];
    const declared = new Set(Object.keys(manifest.config?.custom ?? {}));
    return parsed.flatMap(({ template, usage }) =>
      usage.customKeys
        .filter((use) => !declared.has(use.name))
        .map((use) => ({ file: template.file, line: use.line, message: `reads @custom.${use.name}, which package.json does not declare` })),
    );
  },
};
