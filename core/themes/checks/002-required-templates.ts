/** GT002: every theme needs index.hbs (listings) and post.hbs (entries). */
import path from 'node:path';
import type { CheckRule } from '../check.ts';

const REQUIRED = ['index', 'post'];

export const requiredTemplates: CheckRule = {
  code: 'GT002',
  name: 'required-templates',
  level: 'error',
  fatal: true,
  summary: 'index.hbs and post.hbs must exist',
  help: 'Add the missing template at the top of the theme folder; index.hbs renders listings, post.hbs renders posts (and pages, when there is no page.hbs).',
  run({ files }) {
    return REQUIRED.filter((name) => !files.templates.has(name)).map((name) => ({
      file: path.join(files.dir, `${name}.hbs`),
      message: 'is missing',
    }));
  },
};
