/** GT005: every partial a template includes must exist. */
import type { CheckRule } from '../check.ts';

export const unknownPartials: CheckRule = {
  code: 'GT005',
  name: 'unknown-partials',
  level: 'error',
  fatal: true,
  summary: 'every partial included with {{> name}} must exist in partials/',
  help: 'Create partials/<name>.hbs, or correct the name; partials in subfolders are named with their folder ({{> "cards/post"}}).',
  run({ files, parsed }) {
    return parsed.flatMap(({ template, usage }) => {
      const inline = new Set(usage.inlinePartials.map((use) => use.name));
      return usage.partials
        .filter((use) => use.name !== '@partial-block' && !inline.has(use.name) && !files.partials.has(use.name) && !files.defaultPartials.has(use.name))
        .map((use) => ({ file: template.file, line: use.line, message: `includes the partial "${use.name}", which does not exist` }));
    });
  },
};
