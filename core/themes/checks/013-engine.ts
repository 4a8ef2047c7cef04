/** GT013: a theme that names the Guild versions it supports must include this one. */
import semver from 'semver';
import { GUILD_VERSION } from '../../version.ts';
import type { CheckRule } from '../check.ts';

export const engine: CheckRule = {
  code: 'GT013',
  name: 'engine',
  level: 'error',
  fatal: true,
  summary: `package.json "engines.guild" must include this Guild (${GUILD_VERSION})`,
  help: 'Install a version of the theme made for this Guild, or, as its author, test it here and widen "engines": {"guild": "..."}.',
  run({ files, manifest }) {
    const range = manifest?.engines?.guild;
    if (!range || semver.satisfies(GUILD_VERSION, range, { includePrerelease: true })) return [];
    return [{ file: files.manifestFile, message: `/engines/guild: supports Guild ${range}, but this is Guild ${GUILD_VERSION}` }];
  },
};
