// A render that multiplies past any page's size is stopped (core/themes/render-budget.ts), and the
// next render goes on as before. Each attack below would run for many seconds unstopped, so a
// limit that failed shows as a failed test, not a hung run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGuildError } from '../../core/errors.ts';
import { compilePartial, loadTheme } from '../../core/themes/index.ts';
import { render, renderData } from './support.ts';

/**
 * Partials p0 … p<depth>, each including the one before twice, with a different hash each time so
 * that no kept fragment serves the second call: 2^depth calls of p0.
 */
const doubling = (depth: number, name: (level: number) => string, include: (name: string, side: string) => string) =>
  Object.fromEntries(Array.from({ length: depth + 1 }, (_, level) => [name(level), level === 0 ? 'x' : `${include(name(level - 1), 'a')}${include(name(level - 1), 'b')}`]));

async function stopped(rendering: Promise<unknown>): Promise<unknown> {
  const error = await rendering.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(isGuildError(error, 'GUILD_ERR_THEME_RENDER_TIME')).toBe(true);
  return error;
}

describe('the time limit of a render', () => {
  it('stops a theme whose partials include each other twice over, then renders the next page', async () => {
    const partials = doubling(24, (level) => `partials/p${level}.hbs`, (file, side) => `{{> ${path.basename(file, '.hbs')} side="${side}"}}`);
    const error = await stopped(render('{{> p24}}', { files: partials }));
    expect(String(error)).toContain('Theme "helper-test" was stopped after 500 ms rendering one page');
    expect(await render('{{> p3}}', { files: partials })).toBe('x'.repeat(8));
  });

  it('stops {{#each}} blocks nested over the same list', async () => {
    const list = Array.from({ length: 100 }, (_, index) => index);
    await stopped(render('{{#each list}}{{#each ../list}}{{#each ../../list}}{{#each ../../../list}}.{{/each}}{{/each}}{{/each}}{{/each}}', { context: { list } }));
    expect(await render('{{#each list}}{{#each ../list}}.{{/each}}{{/each}}', { context: { list: [1, 2, 3] } })).toBe('.'.repeat(9));
  });

  it('stops a plugin’s partials that include each other', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'guild-theme-budget-'));
    try {
      const themeDir = path.join(dir, 'budget-test');
      mkdirSync(themeDir);
      writeFileSync(path.join(themeDir, 'package.json'), JSON.stringify({ name: 'budget-test', version: '1.0.0' }));
      writeFileSync(path.join(themeDir, 'post.hbs'), '{{title}}');
      writeFileSync(path.join(themeDir, 'index.hbs'), '[{{> "acme.cards/p24"}}]');
      const theme = await loadTheme(themeDir);
      const sources = doubling(24, (level) => `acme.cards/p${level}`, (name, side) => `{{> "${name}" side="${side}"}}`);
      const partials = Object.fromEntries(Object.entries(sources).map(([name, source]) => [name, compilePartial(source)]));
      await stopped(theme.render(theme.pick(['index'])!, {}, renderData(), { partials }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
