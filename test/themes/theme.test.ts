/**
 * A theme's template calls share one Handlebars set-up, made once per theme and set of plugin
 * extras (core/themes/theme.ts, preparedRuntime): render after render, with a layout and a
 * partial a helper renders, Handlebars' own rules still hold: `lookup`, a section over a list,
 * an unknown name rendering nothing, and no reading through an object's prototype.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTheme, type Theme } from '../../core/themes/index.ts';
import { renderData } from './support.ts';

class Loaf {
  constructor(readonly name: string) {}
  get secret(): string {
    return 'inherited getter';
  }
}

describe('a theme’s set-up, made once', () => {
  let dir: string;
  let theme: Theme;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'guild-theme-setup-'));
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'setup-test', version: '1.0.0', config: { posts_per_page: 2 } }),
      'default.hbs': '<main>{{{body}}}</main>',
      'post.hbs': '{{title}}',
      'index.hbs': '{{!< default}}[{{lookup this "heading"}}][{{#items}}<{{name}}|{{secret}}|{{lookup this "constructor"}}>{{/items}}][{{nothing.here}}][{{pagination}}][{{extra}}]',
      'partials/pagination.hbs': 'page {{page}} of {{pages}}',
    };
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, 'setup-test', name)), { recursive: true });
      writeFileSync(path.join(dir, 'setup-test', name), content);
    }
    theme = await loadTheme(path.join(dir, 'setup-test'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const renderIndex = (heading: string, extras = {}) =>
    theme.render(theme.pick(['index'])!, { heading, items: [new Loaf('rye'), new Loaf('spelt')], pagination: { page: 2, pages: 3 } }, renderData(), extras);

  it('renders page after page with the same rules, and with a site’s plugin helpers beside the theme’s', async () => {
    const expected = (heading: string, extra: string) => `<main>[${heading}][<rye||><spelt||>][][page 2 of 3][${extra}]</main>`;
    expect(await renderIndex('First')).toBe(expected('First', ''));
    expect(await renderIndex('Second')).toBe(expected('Second', ''));
    const extras = { helpers: { extra: () => 'from a plugin' } };
    expect(await renderIndex('Third', extras)).toBe(expected('Third', 'from a plugin'));
    expect(await renderIndex('Fourth', extras)).toBe(expected('Fourth', 'from a plugin'));
    expect(await renderIndex('Fifth')).toBe(expected('Fifth', ''));
  });
});
