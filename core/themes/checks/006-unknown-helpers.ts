/** GT006: helpers a template calls should exist; an unknown one renders as nothing. */
import type { CheckRule } from '../check.ts';

export const unknownHelpers: CheckRule = {
  code: 'GT006',
  name: 'unknown-helpers',
  level: 'error',
  fatal: false,
  summary: 'every helper called with arguments must be one Guild knows',
  help: 'Correct the name (core/themes/README.md lists every helper), or remove the call. An unknown helper renders as nothing rather than breaking the page.',
  run({ parsed, knownHelpers }) {
    return parsed.flatMap(({ template, usage }) =>
      usage.helpers
        .filter((use) => !knownHelpers.has(use.name))
        .map((use) => ({ file: template.file, line: use.line, message: `calls the helper "${use.name}", which does not exist` })),
    );
  },
};
