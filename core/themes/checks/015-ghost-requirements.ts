/**
 * GT015: what Ghost 5's own checker (gscan) calls an error and the other rules do not cover, so
 * a theme that passes Guild's checker passes gscan too and can go back to Ghost: package.json
 * `author.email` (GS010-PJ-AUT-EM-REQ), no `{{lang}}` (GS001-DEPR-LANG; Guild still renders it as
 * the site's language), and styles for the editor's wide and full-width cards, `.kg-width-wide`
 * and `.kg-width-full` (GS050-CSS-KGWW, GS050-CSS-KGWF).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckFailure, CheckRule } from '../check.ts';

const CARD_CLASSES = ['kg-width-wide', 'kg-width-full'];

export const ghostRequirements: CheckRule = {
  code: 'GT015',
  name: 'ghost-requirements',
  level: 'error',
  fatal: false,
  summary: "what Ghost's gscan requires of a Ghost 5 theme: author.email, no {{lang}}, styles for .kg-width-wide and .kg-width-full",
  help: 'Add "author": {"name": "...", "email": "..."} to package.json, write {{@site.locale}} for {{lang}}, and style .kg-width-wide and .kg-width-full in the theme\'s CSS. Guild renders the theme either way; Ghost and its theme directory refuse it without these.',
  run({ files, manifest, parsed }) {
    const failures: CheckFailure[] = [];
    const author = (manifest as { author?: unknown } | null)?.author;
    if (manifest && !(author && typeof author === 'object' && typeof (author as { email?: unknown }).email === 'string')) {
      failures.push({ file: files.manifestFile, message: '/author/email: is required by Ghost (gscan GS010-PJ-AUT-EM-REQ)' });
    }
    for (const { template, usage } of parsed) {
      const lang = usage.mustaches.find((use) => use.name === 'lang');
      if (lang) failures.push({ file: template.file, line: lang.line, message: 'uses {{lang}}, which Ghost 5 no longer has: write {{@site.locale}} (gscan GS001-DEPR-LANG; Guild renders both as the site\'s language)' });
    }
    const styles = [...cssFiles(path.join(files.dir, 'assets')).map((file) => readFileSync(file, 'utf8')), ...parsed.map(({ template }) => template.source)].join('\n');
    for (const name of CARD_CLASSES) {
      if (!styles.includes(`.${name}`)) failures.push({ file: path.join(files.dir, 'assets'), message: `has no style for .${name}, the editor's ${name === 'kg-width-wide' ? 'wide' : 'full-width'} cards (gscan ${name === 'kg-width-wide' ? 'GS050-CSS-KGWW' : 'GS050-CSS-KGWF'})` });
    }
    return failures;
  },
};

function cssFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.css'))
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}
