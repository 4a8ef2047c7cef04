/** GT009: the outlets plugins write into ({{ghost_head}}/{{guild_head}} and the foot) must be in the theme. */
import path from 'node:path';
import type { CheckRule } from '../check.ts';

const OUTLETS = [
  { names: ['ghost_head', 'guild_head'], where: 'before </head>' },
  { names: ['ghost_foot', 'guild_foot'], where: 'before </body>' },
];

export const headAndFoot: CheckRule = {
  code: 'GT009',
  name: 'head-and-foot',
  level: 'warning',
  fatal: false,
  summary: 'the layout should output {{ghost_head}} and {{ghost_foot}} (or {{guild_head}} and {{guild_foot}})',
  help: 'Put {{ghost_head}} just before </head> and {{ghost_foot}} just before </body> in default.hbs; without them plugins cannot add meta tags, feeds or scripts.',
  run({ files, parsed }) {
    const used = new Set(parsed.flatMap(({ usage }) => usage.mustaches.map((use) => use.name)));
    return OUTLETS.filter(({ names }) => !names.some((name) => used.has(name))).map(({ names, where }) => ({
      file: files.templates.get('default')?.file ?? path.join(files.dir, 'default.hbs'),
      message: `has no {{${names[0]}}} (${where})`,
    }));
  },
};
