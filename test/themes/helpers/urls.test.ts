/** url, img_url, asset, page_url, link/link_class, social_url, navigation and pagination. */
import { describe, expect, it } from 'vitest';
import { post, render } from '../support.ts';

describe('url and img_url', () => {
  it('{{url}} is relative, or absolute with the site’s address', async () => {
    expect(await render('{{#post}}{{url}} {{url absolute="true"}}{{/post}}', { context: { post } })).toBe('/sourdough-at-dawn/ http://bakery.localhost/sourdough-at-dawn/');
  });

  it('{{img_url}} gives Ghost’s size and format URLs for media-library images', async () => {
    const image = (args: string) => render(`{{#post}}{{img_url feature_image ${args}}}{{/post}}`, { context: { post } });
    expect(await image('')).toBe('/content/images/2026/05/loaf.jpg');
    expect(await image('size="s"')).toBe('/content/images/size/w300/2026/05/loaf.jpg');
    expect(await image('size="m" format="webp"')).toBe('/content/images/size/w600h400/format/webp/2026/05/loaf.jpg');
    expect(await image('size="s" absolute="true"')).toBe('http://bakery.localhost/content/images/size/w300/2026/05/loaf.jpg');
    expect(await image('size="xl"')).toBe('/content/images/2026/05/loaf.jpg');
    expect(await image('format="webp"')).toBe('/content/images/2026/05/loaf.jpg');
  });

  it('{{img_url}} leaves SVGs and other sites’ images alone, sizes Unsplash’s, and is empty without an image', async () => {
    expect(await render('{{img_url "/content/images/logo.svg" size="s"}}')).toBe('/content/images/logo.svg');
    expect(await render('{{img_url "https://cdn.example/a.jpg" size="s"}}')).toBe('https://cdn.example/a.jpg');
    expect(await render('{{img_url "https://images.unsplash.com/photo-1?q=80" size="m" format="webp"}}')).toBe('https://images.unsplash.com/photo-1?q=80&amp;w=600&amp;h=400&amp;fm=webp');
    expect(await render('{{img_url "http://bakery.localhost/content/images/a.png" size="s"}}')).toBe('/content/images/size/w300/a.png');
    expect(await render('[{{img_url feature_image size="s"}}]', { context: { feature_image: null } })).toBe('[]');
  });

  it('{{asset}} versions the URL of a theme file', async () => {
    expect(await render('{{asset "css/screen.css"}}')).toMatch(/^\/assets\/css\/screen\.css\?v=[0-9a-f]{10}$/);
  });

  it('{{page_url}} builds the URL of a listing page', async () => {
    const pagination = { page: 2, pages: 3, next: 3, prev: 1 };
    const html = await render('{{page_url 1}} {{page_url 3}} {{page_url "next"}} {{page_url "prev"}}', { context: { pagination }, data: { guild: { listingPath: '/tag/news/' } } });
    expect(html).toBe('/tag/news/ /tag/news/page/3/ /tag/news/page/3/ /tag/news/');
  });
});

describe('link and link_class', () => {
  const at = (path: string) => ({ data: { guild: { path } } });

  it('{{#link}} marks the link to the current page, and its parents', async () => {
    expect(await render('{{#link href="/about/" class="nav"}}About{{/link}}', at('/about/'))).toBe('<a href="/about/" class="nav nav-current">About</a>');
    expect(await render('{{#link href="/tag/" activeClass="on"}}Tags{{/link}}', at('/tag/news/'))).toBe('<a href="/tag/" class="nav-current-parent">Tags</a>');
    expect(await render('{{#link href="/" target="_blank" rel="noopener"}}Home{{/link}}', at('/about/'))).toBe('<a href="/" target="_blank" rel="noopener">Home</a>');
    expect(await render('{{#link href="/about" activeClass=false}}A{{/link}}', at('/about/'))).toBe('<a href="/about">A</a>');
  });

  it('{{link_class}} gives only the classes', async () => {
    expect(await render('{{link_class for="/about/" class="item"}}', at('/about/'))).toBe('item nav-current');
    expect(await render('{{link_class for="http://bakery.localhost/about/"}}', at('/about/'))).toBe('nav-current');
    expect(await render('{{link_class for="/blog/" class="item"}}', at('/about/'))).toBe('item');
  });
});

describe('social_url', () => {
  const social = { data: { site: { social: { instagram: 'harbourbakery', twitter: '@harbour', mastodon: '@bakery@mastodon.social', facebook: 'https://facebook.com/harbour' } } } };

  it('turns the site’s handles into profile URLs, keeps full URLs, and is empty without a profile', async () => {
    expect(await render('{{social_url type="instagram"}}', social)).toBe('https://www.instagram.com/harbourbakery');
    expect(await render('{{social_url type="mastodon"}}', social)).toBe('https://mastodon.social/@bakery');
    expect(await render('{{social_url type="facebook"}}', social)).toBe('https://facebook.com/harbour');
    expect(await render('{{twitter_url}}', social)).toBe('https://x.com/harbour');
    expect(await render('{{twitter_url "guild"}}', social)).toBe('https://x.com/guild');
    expect(await render('[{{social_url type="linkedin"}}]', social)).toBe('[]');
  });

  it('prefers the profile of the person in context', async () => {
    expect(await render('{{#author}}{{social_url type="instagram"}}{{/author}}', { ...social, context: { author: { instagram: 'ada.bakes' } } })).toBe('https://www.instagram.com/ada.bakes');
  });
});

describe('navigation and pagination', () => {
  const menu = (label: string, url: string, current = false) => ({ label, url, slug: label.toLowerCase(), current });

  it('{{navigation}} renders the primary or secondary menu through the default partial, or the theme’s', async () => {
    const data = { site: { navigation: [menu('Home', '/', true), menu('About', '/about/')], secondary_navigation: [menu('Imprint', '/imprint/')] } };
    const primary = await render('{{navigation}}', { data });
    expect(primary).toContain('<li class="nav-home nav-current"><a href="/" aria-current="page">Home</a></li>');
    expect(primary).toContain('<li class="nav-about"><a href="/about/">About</a></li>');
    expect(await render('{{navigation type="secondary"}}', { data, files: { 'partials/navigation.hbs': '{{#if isSecondary}}S:{{/if}}{{#foreach navigation}}{{label}}{{/foreach}}' } })).toBe('S:Imprint');
    expect(await render('[{{navigation type="secondary"}}]')).toBe('[]');
  });

  it('{{pagination}} renders newer and older links', async () => {
    const html = await render('{{pagination}}', { context: { pagination: { page: 2, pages: 3, total: 12, limit: 5, next: 3, prev: 1 } } });
    expect(html).toContain('<a class="newer-posts" href="/">');
    expect(html).toContain('Page 2 of 3');
    expect(html).toContain('<a class="older-posts" href="/page/3/">');
  });
});
