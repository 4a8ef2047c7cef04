/**
 * Renders templates through the real engine for helper tests: a throwaway theme folder with the
 * given files, loaded with loadTheme, rendered with render data a site would hand in.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTheme, type RenderData, type TemplateContext, type ThemeContentSource } from '../../core/themes/index.ts';

export interface RenderOptions {
  readonly context?: TemplateContext;
  readonly data?: Partial<Omit<RenderData, 'site' | 'guild' | 'page'>> & { site?: Partial<RenderData['site']>; guild?: Partial<RenderData['guild']>; page?: Partial<RenderData['page']> };
  /** More theme files: partials/x.hbs, locales/de.json, package.json ... */
  readonly files?: Readonly<Record<string, string | object>>;
  readonly content?: ThemeContentSource;
}

const noContent: ThemeContentSource = {
  browse: () => Promise.reject(new Error('this test has no content source')),
  adjacent: () => Promise.reject(new Error('this test has no content source')),
};

export function renderData(overrides: RenderOptions['data'] = {}, content: ThemeContentSource = noContent): RenderData {
  return {
    custom: {},
    config: { posts_per_page: 5, image_sizes: { s: { width: 300 }, m: { width: 600, height: 400 } } },
    content,
    ...overrides,
    site: {
      id: 'test',
      title: 'Harbour Bakery',
      description: 'Bread and cakes by the sea.',
      url: 'http://bakery.localhost',
      locale: 'en',
      timezone: 'UTC',
      logo: null,
      icon: null,
      builtBy: 'tester',
      navigation: [],
      secondary_navigation: [],
      social: {},
      twitter: null,
      facebook: null,
      accent_color: '#FF1A75',
      cover_image: null,
      members_enabled: false,
      members_invite_only: false,
      paid_members_enabled: false,
      comments_enabled: false,
      recommendations_enabled: false,
      ...overrides.site,
    },
    page: { show_title_and_feature_image: true, ...overrides.page },
    guild: { title: 'Page title', description: 'Page description', head: '', foot: '', bodyClass: 'home-template', contexts: ['home', 'index'], listingPath: '/', path: '/', ...overrides.guild },
  };
}

/** Renders `source` as the theme's index.hbs and returns the HTML. */
export async function render(source: string, options: RenderOptions = {}): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guild-theme-'));
  const themeDir = path.join(dir, 'helper-test');
  const files: Record<string, string | object> = {
    'package.json': { name: 'helper-test', version: '1.0.0', config: { image_sizes: { s: { width: 300 }, m: { width: 600, height: 400 } }, custom: {} } },
    'post.hbs': '{{title}}',
    ...options.files,
    'index.hbs': source,
  };
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(themeDir, name)), { recursive: true });
      writeFileSync(path.join(themeDir, name), typeof content === 'string' ? content : JSON.stringify(content));
    }
    const theme = await loadTheme(themeDir);
    return await theme.render(theme.pick(['index'])!, options.context ?? {}, renderData(options.data, options.content));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const post = {
  id: 7,
  type: 'post',
  page: false,
  title: 'Sourdough at dawn',
  slug: 'sourdough-at-dawn',
  html: '<p>We start the <b>sourdough</b> at four.</p><p>By seven the first loaves are out.</p>',
  excerpt: 'We start the sourdough at four.',
  custom_excerpt: null,
  feature_image: '/content/images/2026/05/loaf.jpg',
  featured: true,
  status: 'published',
  published_at: '2026-05-14T05:30:00.000Z',
  updated_at: '2026-05-14T05:30:00.000Z',
  created_at: '2026-05-14T05:30:00.000Z',
  url: '/sourdough-at-dawn/',
  tags: [
    { id: 1, name: 'Bread', slug: 'bread', description: '', url: '/tag/bread/', visibility: 'public' },
    { id: 2, name: '#featured', slug: 'hash-featured', description: '', url: '/tag/hash-featured/', visibility: 'internal' },
    { id: 3, name: 'Mornings', slug: 'mornings', description: '', url: '/tag/mornings/', visibility: 'public' },
  ],
  primary_tag: { id: 1, name: 'Bread', slug: 'bread', description: '', url: '/tag/bread/', visibility: 'public' },
  authors: [
    { id: 1, name: 'Ada Baker', slug: 'ada', bio: '', profile_image: null, website: 'https://www.ada.example/', url: '/author/ada/' },
    { id: 2, name: 'Ben <Oven>', slug: 'ben', bio: '', profile_image: null, website: null, url: '/author/ben/' },
  ],
  primary_author: { id: 1, name: 'Ada Baker', slug: 'ada', bio: '', profile_image: null, website: 'https://www.ada.example/', url: '/author/ada/' },
};
