/** foreach, tags, authors/author, primary_tag/primary_author and has: the helpers over a post's lists. */
import { describe, expect, it } from 'vitest';
import { post, render } from '../support.ts';

const items = { items: ['a', 'b', 'c', 'd', 'e'] };

describe('foreach', () => {
  it('gives Ghost’s loop data: @index, @number, @first, @last, @odd, @even', async () => {
    const html = await render('{{#foreach items}}[{{@index}}{{@number}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}}{{#if @odd}}o{{/if}}{{#if @even}}e{{/if}}:{{this}}]{{/foreach}}', { context: items });
    expect(html).toBe('[01Fe:a][12o:b][23e:c][34o:d][45Le:e]');
  });

  it('takes limit, from and to, counting positions within the whole list as Ghost does', async () => {
    expect(await render('{{#foreach items limit="2"}}{{this}}{{/foreach}}', { context: items })).toBe('ab');
    expect(await render('{{#foreach items from="2" to="4"}}{{this}}{{#if @first}}!{{/if}}{{/foreach}}', { context: items })).toBe('b!cd');
    expect(await render('{{#foreach items from="3" limit="2"}}{{@index}}{{this}}{{#if @last}}.{{/if}}{{/foreach}}', { context: items })).toBe('2c3d.');
  });

  it('marks rows with columns', async () => {
    const html = await render('{{#foreach items columns="2"}}{{#if @rowStart}}<r>{{/if}}{{this}}{{#if @rowEnd}}</r>{{/if}}{{/foreach}}', { context: items });
    expect(html).toBe('<r>ab</r><r>cd</r><r>e');
  });

  it('renders {{else}} for an empty or missing list, and walks objects with @key', async () => {
    expect(await render('{{#foreach none}}x{{else}}empty{{/foreach}}', { context: { none: [] } })).toBe('empty');
    expect(await render('{{#foreach missing}}x{{else}}empty{{/foreach}}')).toBe('empty');
    expect(await render('{{#foreach map}}{{@key}}={{this}};{{/foreach}}', { context: { map: { a: 1, b: 2 } } })).toBe('a=1;b=2;');
  });

  it('leaves out internal tags unless visibility asks for them, and supports block params', async () => {
    expect(await render('{{#post}}{{#foreach tags}}{{name}},{{/foreach}}{{/post}}', { context: { post } })).toBe('Bread,Mornings,');
    expect(await render('{{#post}}{{#foreach tags visibility="all"}}{{name}},{{/foreach}}{{/post}}', { context: { post } })).toBe('Bread,#featured,Mornings,');
    expect(await render('{{#foreach items limit="2" as |letter i|}}{{i}}{{letter}}{{/foreach}}', { context: items })).toBe('0a1b');
  });
});

describe('tags and authors', () => {
  it('links a post’s public tags, with separator, prefix, suffix and limit', async () => {
    expect(await render('{{#post}}{{tags}}{{/post}}', { context: { post } })).toBe('<a href="/tag/bread/">Bread</a>, <a href="/tag/mornings/">Mornings</a>');
    expect(await render('{{#post}}{{tags separator=" | " prefix="In " suffix="." limit="1"}}{{/post}}', { context: { post } })).toBe('In <a href="/tag/bread/">Bread</a>.');
    expect(await render('{{#post}}{{tags autolink="false" from="2"}}{{/post}}', { context: { post } })).toBe('Mornings');
    expect(await render('{{tags}}', { context: { tags: [] } })).toBe('');
  });

  it('links authors, escaping their names; {{author}} is the primary one', async () => {
    expect(await render('{{#post}}{{authors}}{{/post}}', { context: { post } })).toBe('<a href="/author/ada/">Ada Baker</a>, <a href="/author/ben/">Ben &lt;Oven&gt;</a>');
    expect(await render('{{#post}}{{author}}|{{author autolink="false"}}{{/post}}', { context: { post } })).toBe('<a href="/author/ada/">Ada Baker</a>|Ada Baker');
  });

  it('{{#author}} renders with the archive’s author in context', async () => {
    expect(await render('{{#author}}{{name}}{{else}}none{{/author}}', { context: { author: { name: 'Ada' } } })).toBe('Ada');
    expect(await render('{{#author}}{{name}}{{else}}none{{/author}}')).toBe('none');
  });

  it('{{#primary_tag}} and {{#primary_author}} change context; inline they link', async () => {
    expect(await render('{{#post}}{{#primary_tag}}{{name}}{{/primary_tag}}/{{#primary_author}}{{slug}}{{/primary_author}}{{/post}}', { context: { post } })).toBe('Bread/ada');
    expect(await render('{{#post}}{{primary_tag}}{{/post}}', { context: { post } })).toBe('<a href="/tag/bread/">Bread</a>');
    expect(await render('{{#primary_tag}}x{{else}}no tag{{/primary_tag}}', { context: { primary_tag: null } })).toBe('no tag');
    expect(await render('{{#post}}{{primary_tag.name}}{{#if primary_author}}!{{/if}}{{/post}}', { context: { post } })).toBe('Bread!');
  });
});

describe('has', () => {
  const check = (args: string) => render(`{{#post}}{{#has ${args}}}yes{{else}}no{{/has}}{{/post}}`, { context: { post } });

  it('tests tags and authors by name or slug, and how many there are', async () => {
    expect(await check('tag="bread"')).toBe('yes');
    expect(await check('tag="Cake, Mornings"')).toBe('yes');
    expect(await check('tag="cake"')).toBe('no');
    expect(await check('tag="#featured"')).toBe('yes');
    expect(await check('tag="count:3"')).toBe('yes');
    expect(await check('tag="count:>3"')).toBe('no');
    expect(await check('author="ada"')).toBe('yes');
    expect(await check('author="count:<2"')).toBe('no');
  });

  it('tests slug, id, any and all; several conditions must all hold', async () => {
    expect(await check('slug="sourdough-at-dawn"')).toBe('yes');
    expect(await check('id="7"')).toBe('yes');
    expect(await check('any="custom_excerpt, feature_image"')).toBe('yes');
    expect(await check('all="custom_excerpt, feature_image"')).toBe('no');
    expect(await check('any="@site.title"')).toBe('yes');
    expect(await check('tag="bread" slug="other"')).toBe('no');
  });

  it('tests the position in a foreach with number and index (nth:N for every Nth)', async () => {
    const html = await render('{{#foreach items}}{{#has number="nth:2"}}[{{this}}]{{/has}}{{#has index="0"}}<{{this}}>{{/has}}{{/foreach}}', { context: items });
    expect(html).toBe('<a>[b][d]');
  });

  it('works inline in a subexpression', async () => {
    expect(await render('{{#post}}{{#if (has tag="bread")}}bread{{/if}}{{/post}}', { context: { post } })).toBe('bread');
  });
});
