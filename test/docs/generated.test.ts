// The reference docs are generated from code; they must never drift from it.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ERRORS_DOC, errorsReference } from '../../scripts/docs/errors.ts';
import { HOOKS_DOC, hooksReference } from '../../scripts/docs/hooks.ts';

it('docs/hooks.md matches the hook catalog (run "npm run docs" after changing it)', () => {
  expect(readFileSync(HOOKS_DOC, 'utf8')).toBe(hooksReference());
});

it('docs/errors.md matches core/errors.ts (run "npm run docs" after changing it)', () => {
  expect(readFileSync(ERRORS_DOC, 'utf8')).toBe(errorsReference());
});
