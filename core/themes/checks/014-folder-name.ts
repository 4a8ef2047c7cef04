/**
 * GT014: the theme's folder should be named as its package.json says. Ghost accepts a theme whose
 * folder differs (a download unpacked as "Casper-main"), and so does Guild: sites name the theme
 * by its folder. The warning is there because publishing and updates go by the package name.
 */
import type { CheckRule } from '../check.ts';

export const folderName: CheckRule = {
  code: 'GT014',
  name: 'folder-name',
  level: 'warning',
  fatal: false,
  summary: 'the folder should be named as package.json "name" says',
  help: 'Rename the folder to the package name (sites then name the theme by it in site.json "theme.id"), or change "name" in package.json. The theme works as it is: sites name it by its folder.',
  run({ files, manifest }) {
    if (!manifest || manifest.name === files.id) return [];
    return [{ file: files.manifestFile, message: `/name: is "${manifest.name}" but the folder is "${files.id}"; sites use the theme as "${files.id}"` }];
  },
};
