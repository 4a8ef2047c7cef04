/** GT008: the templates most themes want, so no page falls back to a less fitting one. */
import path from 'node:path';
import type { CheckRule } from '../check.ts';

const RECOMMENDED: ReadonlyArray<{ names: string[]; why: string }> = [
  { names: ['page'], why: 'pages fall back to post.hbs' },
  { names: ['tag'], why: 'tag archives fall back to index.hbs' },
  { names: ['author'], why: 'author archives fall back to index.hbs' },
  { names: ['error-404', 'error-4xx', 'error'], why: 'visitors of a missing page see Guild\'s plain error page' },
];

export const recommendedTemplates: CheckRule = {
  code: 'GT008',
  name: 'recommended-templates',
  level: 'recommendation',
  fatal: false,
  summary: 'page.hbs, tag.hbs, author.hbs and an error template let every page look its best',
  help: 'Add the template named; core/themes/README.md shows which template renders which page.',
  run({ files }) {
    return RECOMMENDED.filter(({ names }) => !names.some((name) => files.templates.has(name))).map(({ names, why }) => ({
      file: path.join(files.dir, `${names[0]}.hbs`),
      message: `is missing: ${why}`,
    }));
  },
};
