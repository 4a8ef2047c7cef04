/** `npm run docs`: regenerates the reference docs that are made from code. */
import { writeFileSync } from 'node:fs';
import { ERRORS_DOC, errorsReference } from './errors.ts';
import { HOOKS_DOC, hooksReference } from './hooks.ts';

for (const [file, text] of [
  [HOOKS_DOC, hooksReference()],
  [ERRORS_DOC, errorsReference()],
] as const) {
  writeFileSync(file, text);
  console.log(`Wrote ${file}`);
}
