/** GT012: {{#get}} must ask for a resource Guild has. */
import type { CheckRule } from '../check.ts';

const RESOURCES = new Set(['posts', 'pages', 'tags', 'authors']);
/** Ghost resources for features Guild does not have: they answer empty, which is fine. */
const EMPTY_RESOURCES = new Set(['tiers', 'newsletters']);

export const getResources: CheckRule = {
  code: 'GT012',
  name: 'get-resources',
  level: 'error',
  fatal: false,
  summary: '{{#get}} can read posts, pages, tags and authors',
  help: 'Use one of "posts", "pages", "tags" or "authors" as the first argument of {{#get}}; any other renders the {{else}} part.',
  run({ parsed }) {
    return parsed.flatMap(({ template, usage }) =>
      usage.getResources
        .filter((use) => !RESOURCES.has(use.name) && !EMPTY_RESOURCES.has(use.name))
        .map((use) => ({ file: template.file, line: use.line, message: `asks {{#get}} for "${use.name}", which is not a resource` })),
    );
  },
};
