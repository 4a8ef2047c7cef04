/**
 * Issue 15: what Ghost themes read from Ghost 5, served by a real host. The accent colour as
 * --ghost-accent-color (Casper's header is white on white without it), @site and @page fields,
 * posts that are public and readable (no padlock), related posts through an interpolated filter,
 * {{social_accounts}}, {{search}}, and the owner's code injection.
 */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

let box: Sandbox;
let host: Host;

const seed = {
  posts: [
    { title: 'Rye', slug: 'rye', tags: ['Bread'], html: `<p>${'word '.repeat(600)}</p>`, publishedAt: '2026-01-01T00:00:00Z' },
    { title: 'Spelt', slug: 'spelt', tags: ['Bread', 'Grain'], publishedAt: '2026-01-02T00:00:00Z' },
    { title: 'Sponge', slug: 'sponge', tags: ['Cake'], publishedAt: '2026-01-03T00:00:00Z' },
    { title: 'Lonely', slug: 'lonely', tags: [], publishedAt: '2026-01-04T00:00:00Z' },
  ],
  pages: [{ title: 'About us', slug: 'about' }],
  secondaryNavigation: [{ label: 'Imprint', url: '/imprint/' }],
};

const page = async (path: string) => (await request(host.app).get(path).set('Host', 'ghosty.localhost')).text;

beforeEach(() => {
  box = sandbox();
  box.write('themes/ghosty/package.json', { name: 'ghosty', version: '1.0.0' });
  box.write('themes/ghosty/default.hbs', '<html><head>{{ghost_head}}</head><body>{{{body}}}{{ghost_foot}}</body></html>');
  box.write('themes/ghosty/index.hbs', '{{!< default}}[site {{@site.accent_color}} {{@site.cover_image}} {{@site.members_enabled}} {{@site.locale}} {{#foreach @site.secondary_navigation}}{{label}}{{/foreach}}]{{#social_accounts @site}}<a class="social" href="{{href}}">{{name}}@{{@number}}</a>{{else}}no accounts{{/social_accounts}}{{search}}');
  box.write(
    'themes/ghosty/post.hbs',
    '{{!< default}}{{#post}}{{#if @page.show_title_and_feature_image}}<h1>{{title}}</h1>{{/if}}[{{access}} {{visibility}} {{this.reading_time}} {{primary_tag.name}}]{{#unless access}}PADLOCK{{/unless}}{{/post}}' +
      '{{#get "posts" filter="tags:[{{post.tags}}]+id:-{{post.id}}" limit="3"}}related:{{#foreach posts}}{{title}};{{/foreach}}{{else}}no related{{/get}}',
  );
  box.write('themes/ghosty/page.hbs', '{{!< default}}{{#post}}{{#if @page.show_title_and_feature_image}}<h1>{{title}}</h1>{{/if}}{{/post}}');
});

afterEach(async () => {
  await box.remove();
});

describe('Ghost theme API', () => {
  it('defines --ghost-accent-color, canonical, meta and structured data in {{ghost_head}}, Ghost’s default colour when none is set', async () => {
    box.site('ghosty', { domains: ['ghosty.localhost'], theme: { id: 'ghosty' }, description: 'Bread by the sea' }, seed);
    host = await box.host();
    const html = await page('/rye/');
    expect(html).toContain('<style>:root {--ghost-accent-color: #FF1A75;}</style>');
    expect(html).toContain('<link rel="canonical" href="http://ghosty.localhost/rye/">');
    expect(html).toContain('<meta property="og:type" content="article">');
    const data = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(data).toMatchObject({ '@context': 'https://schema.org', '@type': 'Article', headline: 'Rye', url: 'http://ghosty.localhost/rye/' });
  });

  it('reads the site’s accent colour, cover image, social accounts and code injection from site.json', async () => {
    box.site(
      'ghosty',
      {
        domains: ['ghosty.localhost'],
        theme: { id: 'ghosty' },
        accentColor: '#1a2b3c',
        coverImage: '/content/images/cover.jpg',
        social: { instagram: 'harbour', twitter: '@harbourbakery' },
        codeInjection: { head: '<meta name="owner-head" content="1">', foot: '<script>window.ownerFoot = 1</script>' },
      },
      seed,
    );
    host = await box.host();
    const html = await page('/');
    expect(html).toContain('--ghost-accent-color: #1a2b3c;');
    expect(html).toContain('[site #1a2b3c /content/images/cover.jpg false en Imprint]');
    expect(html).toContain('<a class="social" href="https://x.com/harbourbakery">X@1</a><a class="social" href="https://www.instagram.com/harbour">Instagram@2</a>');
    expect(html).toContain('<meta name="owner-head" content="1"></head>');
    expect(html).toContain('<script>window.ownerFoot = 1</script></body>');
    expect(html).toContain('data-ghost-search');
  });

  it('shows titles through @page, marks every post public and readable, and finds related posts by interpolated tags', async () => {
    box.site('ghosty', { domains: ['ghosty.localhost'], theme: { id: 'ghosty' } }, seed);
    host = await box.host();
    const rye = await page('/rye/');
    expect(rye).toContain('<h1>Rye</h1>[true public 2 Bread]');
    expect(rye).not.toContain('PADLOCK');
    expect(rye).toContain('related:Spelt;');
    expect(rye).not.toContain('Sponge;');
    expect(await page('/lonely/')).toContain('no related');
    expect(await page('/about/')).toContain('<h1>About us</h1>');
    expect(await page('/')).toContain('no accounts');
  });
});
