/** GT004: a layout named with {{!< name}} must exist, and layouts must not wrap themselves. */
import type { CheckFailure, CheckRule } from '../check.ts';

export const layouts: CheckRule = {
  code: 'GT004',
  name: 'layouts',
  level: 'error',
  fatal: true,
  summary: 'every layout named with {{!< name}} must exist, without a loop',
  help: 'Create <name>.hbs at the top of the theme (usually default.hbs, with {{{body}}} where pages go), or correct the name in {{!< ...}}.',
  run({ files }) {
    const failures: CheckFailure[] = [];
    for (const template of files.templates.values()) {
      const seen = new Set([template.name]);
      for (let layout = template.layout; layout; layout = files.templates.get(layout)?.layout ?? null) {
        if (!files.templates.has(layout)) {
          failures.push({ file: template.file, line: 1, message: `uses the layout "${layout}", but ${layout}.hbs does not exist` });
          break;
        }
        if (seen.has(layout)) {
          failures.push({ file: template.file, line: 1, message: `is wrapped in a loop of layouts (${[...seen, layout].join(' → ')})` });
          break;
        }
        seen.add(layout);
      }
    }
    return failures;
  },
};
