// The hook reference in docs/ is generated from the catalog; it must never drift from it.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { HOOKS_DOC, hooksReference } from '../../scripts/docs/hooks.ts';

it('docs/hooks.md matches the hook catalog (run "npm run docs:hooks" after changing it)', () => {
  expect(readFileSync(HOOKS_DOC, 'utf8')).toBe(hooksReference());
});
