/**
 * Both first-party themes, and a theme written only to Ghost's documented conventions, on a real
 * host: every kind of page renders, the checker has nothing to say, and Ghost's template
 * hierarchy picks the template a Ghost theme author expects.
 */
import path from 'node:path';
import { cpSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { createServices, resolveConfig } from '../../core/host/index.ts';
import { silentLogger } from '../../core/log/index.ts';
import { validateSite } from '../../core/site/index.ts';
import { checkTheme } from '../../core/themes/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

const seed = {
  authors: [
    { slug: 'ada', name: 'Ada Baker', bio: 'Bakes at dawn.', website: 'https://www.ada.example/' },
    { slug: 'ben', name: 'Ben Miller', bio: 'Mills the flour.' },
  ],
  tags: [{ name: 'Bread', description: 'Loaves of every kind.' }, { name: 'work' }, { name: '#service' }, { name: '#testimonial' }, { name: '#recipe' }],
  posts: Array.from({ length: 14 }, (_, i) => ({
    title: `Story number ${i + 1}`,
    slug: `story-${i + 1}`,
    html: `<p>Paragraph one of story ${i + 1}.</p><p>Paragraph two.</p>`,
    tags: i % 2 ? ['Bread', '#recipe'] : ['work'],
    authors: i % 3 ? ['ada'] : ['ben'],
    featured: i === 2,
    featureImage: i % 4 === 0 ? `/content/images/2026/0${(i % 9) + 1}/story-${i + 1}.jpg` : null,
    publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
    ...(i === 5 ? { template: 'custom-wide' } : {}),
  })),
  pages: [
    { title: 'About us', slug: 'about', html: '<p>Who we are.</p>' },
    { title: 'Wedding cakes', slug: 'wedding-cakes', tags: ['#service'], customExcerpt: 'Three tiers or five.' },
    { title: 'Rosa Lima', slug: 'rosa-lima', tags: ['#testimonial'], customExcerpt: 'Bride', html: '<p>The best cake we ever had.</p>' },
  ],
  navigation: [{ label: 'Home', url: '/' }, { label: 'About', url: '/about/' }],
  secondaryNavigation: [{ label: 'Imprint', url: '/about/' }],
};

const PAGES: Array<[string, string, number]> = [
  ['home', '/', 200],
  ['paged archive', '/page/2/', 200],
  ['post', '/story-3/', 200],
  ['page', '/about/', 200],
  ['tag', '/tag/bread/', 200],
  ['paged tag', '/tag/bread/page/2/', 200],
  ['author', '/author/ada/', 200],
  ['404', '/no-such-page/', 404],
];

let box: Sandbox;
let host: Host;

const get = async (site: string, route: string) => {
  const response = await request(host.app).get(route).set('Host', `${site}.localhost`);
  return { status: response.status, text: response.text };
};

beforeAll(async () => {
  box = sandbox();
  cpSync(path.join(REPO, 'test', 'fixtures', 'themes', 'ghost-conventions'), path.join(box.themesDir, 'ghost-conventions'), { recursive: true });
  for (const theme of ['journal', 'atelier', 'ghost-conventions']) box.site(`on-${theme}`, { title: `Bakery on ${theme}`, theme: { id: theme } }, seed);
  host = await box.host();
});

afterAll(() => box.remove());

describe.each(['journal', 'atelier', 'ghost-conventions'])('the %s theme', (theme) => {
  it('passes the checker with nothing to report ({{comments}} shows Guild’s comments)', async () => {
    const dir = theme === 'ghost-conventions' ? path.join(box.themesDir, theme) : path.join(REPO, 'themes', theme);
    expect((await checkTheme(dir)).results.map((result) => result.code)).toEqual([]);
  });

  it.each(PAGES)('renders the %s page (%s)', async (_name, route, status) => {
    const page = await get(`on-${theme}`, route);
    expect(page.status).toBe(status);
    expect(page.text).toMatch(/^<!DOCTYPE html>/i);
    expect(page.text).toContain(`Bakery on ${theme}`);
    expect(page.text).not.toMatch(/\[object Object\]|undefined|NaN/);
  });
});

describe('a theme written to Ghost’s conventions', () => {
  const site = 'on-ghost-conventions';

  it('uses home.hbs for the first page and index.hbs for the next', async () => {
    expect((await get(site, '/')).text).toContain('<section class="home-cover">');
    expect((await get(site, '/')).text).toContain('<section class="featured"><a class="featured-post" href="/story-3/">Story number 3</a></section>');
    const paged = await get(site, '/page/2/');
    expect(paged.text).toContain('index-feed');
    expect(paged.text).not.toContain('home-cover');
  });

  it('uses custom-{name}.hbs chosen for a post, and author-{slug}.hbs for that author', async () => {
    expect((await get(site, '/story-6/')).text).toContain('<h1 class="wide-title">Story number 6</h1>');
    expect((await get(site, '/story-7/')).text).toContain('<h1 class="article-title">Story number 7</h1>');
    expect((await get(site, '/author/ada/')).text).toContain("Ada's kitchen");
    expect((await get(site, '/author/ben/')).text).toContain('<h1>Ben Miller</h1>');
  });

  it('renders a post with Ghost’s helpers: images in sizes, tags, authors, prev/next and related posts', async () => {
    const { text } = await get(site, '/story-5/');
    expect(text).toContain('srcset="/content/images/size/w300/2026/05/story-5.jpg 300w, /content/images/size/w600/2026/05/story-5.jpg 600w');
    expect(text).toContain('<p class="tags">Tagged: <a href="/tag/work/">work</a></p>');
    expect(text).toContain('<a class="prev" href="/story-4/">&larr; Story number 4</a>');
    expect(text).toContain('<a class="next" href="/story-6/">Story number 6 &rarr;</a>');
    expect(text).toMatch(/<aside class="related"><h3>Read more<\/h3>(.|\n)*Story number 13/);
    expect(text).not.toContain('Story number 5</h2>'); // related posts leave out the post itself
    expect(text).toContain('<script>/* post scripts */</script>');
    expect((await get(site, '/story-4/')).text).toContain('Printable recipe card available.');
  });

  it('hides member and comment features Guild does not have', async () => {
    const { text } = await get(site, '/story-4/');
    expect(text).not.toContain('Subscribe');
    expect(text).not.toContain('#/portal');
  });

  it('uses error-404.hbs for a missing page', async () => {
    const page = await get(site, '/no-such-page/');
    expect(page.text).toContain('<h1 class="error-code">404</h1>');
  });
});

describe('the demo sites', () => {
  it.each(['harbour-bakery', 'studio-nord'])('%s is valid, theme settings included', async (slug) => {
    const config = resolveConfig({ sitesDir: path.join(REPO, 'sites') });
    const services = createServices(config, silentLogger(), (name) => `http://${name}`);
    expect(await validateSite(path.join(REPO, 'sites', slug), services.themes, services.plugins, services.licenceKeys())).toEqual([]);
  });
});
