/** Theme settings: the form the admin shows, values checked by JSON path, and @custom in templates. */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import type { ThemeManifest } from '../../core/manifest/index.ts';
import { customValues, settingsFields, settingsValueProblems } from '../../core/themes/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const manifest: ThemeManifest = {
  name: 'shop',
  version: '1.0.0',
  config: {
    custom: {
      hero_title: { type: 'text', default: 'Welcome', group: 'homepage' },
      accent_color: { type: 'color', default: '#aa3300', description: 'Buttons' },
      layout: { type: 'select', options: ['Grid', 'List'], default: 'Grid' },
      show_author: { type: 'boolean', default: true, group: 'post' },
      hero_image: { type: 'image', group: 'homepage', visibility: 'layout:[Grid]' },
    },
  },
};

describe('theme settings', () => {
  it('describe the admin’s form: site-wide fields first, with labels, choices and defaults', () => {
    const fields = settingsFields(manifest);
    expect(fields.map((field) => [field.key, field.group])).toEqual([
      ['accent_color', 'site'],
      ['layout', 'site'],
      ['hero_title', 'homepage'],
      ['hero_image', 'homepage'],
      ['show_author', 'post'],
    ]);
    expect(fields[1]).toEqual({ key: 'layout', type: 'select', label: 'Layout', description: '', group: 'site', options: ['Grid', 'List'], default: 'Grid', visibility: null });
    expect(fields[0]).toMatchObject({ label: 'Accent color', description: 'Buttons' });
    expect(fields[3]).toMatchObject({ default: null, visibility: 'layout:[Grid]' });
  });

  it('name every wrong value by JSON path, with what is expected', () => {
    const problems = settingsValueProblems(manifest, {
      accent_colour: '#fff',
      layout: 'Masonry',
      show_author: 'yes',
      accent_color: 'red',
      hero_image: 'javascript:alert(1)',
      hero_title: 3,
    }, 'site.json');
    expect(problems.map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      '/theme/settings/accent_colour: is not a setting of theme "shop"; did you mean "accent_color"?',
      '/theme/settings/layout: must be one of: "Grid", "List"',
      '/theme/settings/show_author: must be true or false',
      '/theme/settings/accent_color: must be a hex colour like "#1a2b3c"',
      '/theme/settings/hero_image: must be an image URL or a path like "/content/images/hero.jpg", or null for none',
      '/theme/settings/hero_title: must be text',
    ]);
    expect(settingsValueProblems(manifest, { layout: 'List', hero_image: '/content/images/a.jpg', accent_color: '#abc' }, 'site.json')).toEqual([]);
  });

  it('give templates every declared setting, the site’s value or the default', () => {
    expect(customValues(manifest, { layout: 'List' })).toEqual({ hero_title: 'Welcome', accent_color: '#aa3300', layout: 'List', show_author: true, hero_image: null });
  });
});

describe('settings on a site', () => {
  let box: Sandbox;
  let host: Host | undefined;

  beforeEach(() => {
    box = sandbox();
  });

  afterEach(async () => {
    await box.remove();
    host = undefined;
  });

  it('reach templates as @custom, and a wrong value refuses the site naming the path', async () => {
    box.site('good', { theme: { id: 'journal', settings: { accent_color: '#123456', header_style: 'Left aligned' } } });
    box.site('typo', { theme: { id: 'journal', settings: { header_styel: 'Left aligned' } } });
    host = await box.host();
    const page = await request(host.app).get('/').set('Host', 'good.localhost');
    expect(page.text).toContain('--accent: #123456');
    expect(page.text).toContain('header-left');
    expect((await request(host.app).get('/').set('Host', 'typo.localhost')).status).toBe(503);
    const { reason } = await host.registry.status(host.registry.get('typo')!);
    expect(reason).toContain('The settings for theme "journal" in site.json "theme.settings" are not valid:');
    expect(reason).toContain('/theme/settings/header_styel: is not a setting of theme "journal"; did you mean "header_style"?');
  });
});
