/** GT003: every template and partial must compile. */
import Handlebars from 'handlebars';
import type { CheckFailure, CheckRule } from '../check.ts';

export const templateSyntax: CheckRule = {
  code: 'GT003',
  name: 'template-syntax',
  level: 'error',
  fatal: true,
  summary: 'templates and partials must be valid Handlebars',
  help: 'Fix the template at the line shown: usually a block opened and not closed ({{#if}} without {{/if}}), a closing tag that names another block, or a stray "{{".',
  run({ files }) {
    const failures: CheckFailure[] = [];
    for (const template of [...files.templates.values(), ...files.partials.values()]) {
      if (template.error) {
        failures.push({ file: template.file, ...(template.error.line ? { line: template.error.line } : {}), message: `template does not compile: ${template.error.message}` });
        continue;
      }
      try {
        Handlebars.precompile(template.ast!);
      } catch (error) {
        failures.push({ file: template.file, message: `template does not compile: ${(error as Error).message.split('\n')[0]}` });
      }
    }
    return failures;
  },
};
