/**
 * Fragment caching (core/themes/fragments.ts): a card rendered for the same post view and page is
 * kept, yet every input it can show still reaches the page: the post view itself, the loop
 * position, the page's contexts, the globals, and anything a plugin's helper answers.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTheme, type Theme } from '../../core/themes/index.ts';
import { post, renderData, type RenderOptions } from './support.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function themeWith(partials: Record<string, string>): Promise<Theme> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guild-fragments-'));
  dirs.push(dir);
  const themeDir = path.join(dir, 'fragments-test');
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'fragments-test', version: '1.0.0', config: { custom: { layout: { type: 'select', options: ['Grid', 'List'], default: 'Grid' } } } }),
    'post.hbs': '{{title}}',
    'index.hbs': '{{#foreach posts}}{{> "card"}}{{/foreach}}',
    ...Object.fromEntries(Object.entries(partials).map(([name, source]) => [`partials/${name}.hbs`, source])),
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(themeDir, name)), { recursive: true });
    writeFileSync(path.join(themeDir, name), content);
  }
  return loadTheme(themeDir);
}

function renderIndex(theme: Theme, posts: object[], data: RenderOptions['data'] = {}, extras = {}): Promise<string> {
  return theme.render(theme.pick(['index'])!, { posts }, renderData({ custom: { layout: 'Grid' }, ...data }), extras);
}

describe('fragment caching of partials', () => {
  it('renders a kept card again for a new post view, another place in the loop, another page kind or other settings', async () => {
    const theme = await themeWith({ card: '[{{title}}{{#is "home"}} home{{/is}}{{#has number="1"}} first{{/has}} {{@custom.layout}}]' });
    const first = { ...post, title: 'One' };
    const second = { ...post, title: 'Two' };
    expect(await renderIndex(theme, [first, second])).toBe('[One home first Grid][Two home Grid]');
    expect(await renderIndex(theme, [first, second])).toBe('[One home first Grid][Two home Grid]');
    // The site hands a new view when the post changes: the new title shows at once.
    expect(await renderIndex(theme, [{ ...first, title: 'One, edited' }, second])).toBe('[One, edited home first Grid][Two home Grid]');
    expect(await renderIndex(theme, [second, first])).toBe('[Two home first Grid][One home Grid]');
    expect(await renderIndex(theme, [first], { guild: { contexts: ['tag'] } })).toBe('[One first Grid]');
    expect(await renderIndex(theme, [first], { custom: { layout: 'List' } })).toBe('[One home first List]');
    // An open site hands every page the same frozen settings; opened again after a change, new ones.
    const grid = Object.freeze({ layout: 'Grid' });
    expect(await renderIndex(theme, [first], { custom: grid })).toBe('[One home first Grid]');
    expect(await renderIndex(theme, [first], { custom: grid })).toBe('[One home first Grid]');
    expect(await renderIndex(theme, [first], { custom: Object.freeze({ layout: 'List' }) })).toBe('[One home first List]');
  });

  it('renders every time a card that reads the page outside its inputs or calls a helper with side effects', async () => {
    const theme = await themeWith({ card: '[{{title}} {{@root.note}}{{#contentFor "x"}}{{/contentFor}}]' });
    const one = { ...post, title: 'One' };
    expect(await theme.render(theme.pick(['index'])!, { posts: [one], note: 'a' }, renderData())).toBe('[One a]');
    expect(await theme.render(theme.pick(['index'])!, { posts: [one], note: 'b' }, renderData())).toBe('[One b]');
  });

  it('renders every time a card that calls a plugin’s helper, whose answer may change from one page to the next', async () => {
    const theme = await themeWith({ card: '[{{title}} {{views}}]', 'plain': '{{title}}' });
    const one = { ...post, title: 'One' };
    let views = 0;
    const extras = { helpers: { views: () => String(++views) } };
    expect(await renderIndex(theme, [one], {}, extras)).toBe('[One 1]');
    expect(await renderIndex(theme, [one], {}, extras)).toBe('[One 2]');
  });
});
