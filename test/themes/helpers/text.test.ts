/** content, excerpt, title, concat, split, json, raw, encode, plural, readable_url, reading_time, t, lang. */
import { describe, expect, it } from 'vitest';
import { post, render } from '../support.ts';

describe('content and excerpt', () => {
  it('{{content}} writes the HTML; words and characters cut it, keeping and closing the markup', async () => {
    expect(await render('{{#post}}{{content}}{{/post}}', { context: { post } })).toBe(post.html);
    expect(await render('{{#post}}{{content words="4"}}{{/post}}', { context: { post } })).toBe('<p>We start the <b>sourdough</b></p>');
    expect(await render('{{#post}}{{content characters="15"}}{{/post}}', { context: { post } })).toBe('<p>We start the <b>so</b></p>');
  });

  it('{{excerpt}} is plain text: the custom excerpt, or the start of the post', async () => {
    expect(await render('{{#post}}{{excerpt words="3"}}{{/post}}', { context: { post } })).toBe('We start the');
    expect(await render('{{#post}}{{excerpt characters="8"}}{{/post}}', { context: { post } })).toBe('We start');
    expect(await render('{{excerpt}}', { context: { custom_excerpt: 'Mine & <yours>', html: '<p>Body</p>' } })).toBe('Mine &amp; &lt;yours&gt;');
  });

  it('{{title}} is the post’s title or an archive’s name, escaped', async () => {
    expect(await render('{{title}}', { context: { title: 'Bread & <Butter>' } })).toBe('Bread &amp; &lt;Butter&gt;');
    expect(await render('{{#tag}}{{title}}{{/tag}}', { context: { tag: { name: 'News' } } })).toBe('News');
  });

  it('{{reading_time}} counts words at 275 a minute, with Ghost’s wording', async () => {
    const long = `<p>${'word '.repeat(1100)}</p>`;
    expect(await render('{{reading_time}}', { context: { html: '<p>Short</p>' } })).toBe('1 min read');
    expect(await render('{{reading_time}}', { context: { html: long } })).toBe('4 min read');
    expect(await render('{{reading_time minutes="% minutes"}}', { context: { html: long } })).toBe('4 minutes');
  });
});

describe('string helpers', () => {
  it('{{concat}} joins values, for filters and classes', async () => {
    expect(await render('{{concat "tag:" slug "+featured:true"}}', { context: { slug: 'bread' } })).toBe('tag:bread+featured:true');
    expect(await render('{{concat "a" "b" separator=", "}}')).toBe('a, b');
  });

  it('{{split}} makes a list for foreach, or renders once per item as a block', async () => {
    expect(await render('{{#foreach (split "bread, cake,coffee")}}[{{this}}]{{/foreach}}')).toBe('[bread][cake][coffee]');
    expect(await render('{{#split "a|b" separator="|"}}{{@index}}{{this}}{{/split}}')).toBe('0a1b');
    expect(await render('{{#split ""}}x{{else}}none{{/split}}')).toBe('none');
  });

  it('{{json}} writes JSON that cannot end a script element', async () => {
    const html = await render('<script type="application/ld+json">{{json data}}</script>', { context: { data: { name: '</script><b>', n: 1 } } });
    expect(html).toBe('<script type="application/ld+json">{"name":"\\u003c/script\\u003e\\u003cb\\u003e","n":1}</script>');
    expect(JSON.parse(html.slice(35, -9))).toEqual({ name: '</script><b>', n: 1 });
  });

  it('{{{{raw}}}} keeps mustaches as typed', async () => {
    expect(await render('{{{{raw}}}}{{title}} {{#if x}}{{/if}}{{{{/raw}}}}', { context: { title: 'T' } })).toBe('{{title}} {{#if x}}{{/if}}');
  });

  it('{{encode}} escapes for URLs; {{readable_url}} strips the scheme, www and trailing slash', async () => {
    expect(await render('{{encode title}}', { context: { title: 'Bread & butter?' } })).toBe('Bread%20%26%20butter%3F');
    expect(await render('{{readable_url "https://www.ada.example/"}}|{{readable_url "http://shop.example/path/"}}')).toBe('ada.example|shop.example/path');
  });

  it('{{plural}} picks the wording for a count', async () => {
    const template = '{{plural n empty="No posts" singular="% post" plural="% posts"}}';
    expect(await render(template, { context: { n: 0 } })).toBe('No posts');
    expect(await render(template, { context: { n: 1 } })).toBe('1 post');
    expect(await render(template, { context: { n: 12 } })).toBe('12 posts');
  });
});

describe('translations and language', () => {
  const files = {
    'locales/en.json': { 'Read more': 'Read more' },
    'locales/de.json': { 'Read more': 'Weiterlesen', '{count} posts': '{count} Beiträge' },
  };

  it('{{t}} translates into the site’s language, falling back to the base language, then the phrase', async () => {
    expect(await render('{{t "Read more"}}', { files, data: { site: { locale: 'de' } } })).toBe('Weiterlesen');
    expect(await render('{{t "Read more"}}', { files, data: { site: { locale: 'de-CH' } } })).toBe('Weiterlesen');
    expect(await render('{{t "{count} posts" count=3}}', { files, data: { site: { locale: 'de' } } })).toBe('3 Beiträge');
    expect(await render('{{t "Untranslated <b>"}}', { files, data: { site: { locale: 'fr' } } })).toBe('Untranslated &lt;b&gt;');
  });

  it('{{lang}} is the site’s locale', async () => {
    expect(await render('<html lang="{{lang}}">', { data: { site: { locale: 'de-CH' } } })).toBe('<html lang="de-CH">');
  });
});

describe('reading time', () => {
  it('counts the words of the text, not galleries, captions or markup', async () => {
    const { readingTime } = await import('../../../core/content/text.ts');
    const figure = (n: number) => `<figure class="gallery-item"><a href="/i${n}.jpg"><img src="/i${n}.jpg" alt=""></a><figcaption>${'caption words '.repeat(40)}</figcaption></figure>`;
    const shortcodeGallery = `<div class="gallery gallery-columns-3">${Array.from({ length: 27 }, (_, n) => figure(n)).join('')}</div>`;
    const blockGallery = `<figure class="wp-block-gallery has-nested-images"><figure class="wp-block-image"><img src="/a.jpg"><figcaption>${'x '.repeat(500)}</figcaption></figure><figure class="wp-block-image"><img src="/b.jpg"></figure></figure>`;
    // Ten galleries of 27 images (WordPress's "Post Format: Gallery") are ten pictures to look at: 2 minutes, not 54.
    expect(readingTime(`<p>${'word '.repeat(30)}</p>${shortcodeGallery.repeat(10)}`)).toBe(2);
    expect(readingTime(blockGallery.repeat(5))).toBe(1);
    // Captions outside galleries are not read either; the text around them still is.
    expect(readingTime(`<figure><img src="/a.jpg"><figcaption>${'caption '.repeat(2000)}</figcaption></figure><p>${'word '.repeat(1100)}</p>`)).toBe(4);
    expect(readingTime(`<p class="${'x '.repeat(3000)}">${'word '.repeat(550)}</p>`)).toBe(2);
  });
});
