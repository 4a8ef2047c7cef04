/** GT011: translation files in locales/ must be JSON objects of strings. */
import type { CheckRule } from '../check.ts';

export const locales: CheckRule = {
  code: 'GT011',
  name: 'locales',
  level: 'error',
  fatal: false,
  summary: 'each locales/<language>.json must be a JSON object of phrases and translations',
  help: 'Make the file like {"Read more": "Weiterlesen", "{count} posts": "{count} Beiträge"}. A broken file is ignored and {{t}} shows the phrases untranslated.',
  run({ files }) {
    return [...files.locales.values()].filter((locale) => locale.error).map((locale) => ({ file: locale.file, message: locale.error! }));
  },
};
