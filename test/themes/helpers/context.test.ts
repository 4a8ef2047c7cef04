/**
 * is, match, if/unless, date, the outlets (body_class, post_class, meta_*, ghost_head/foot),
 * contentFor/block, the globals, and the helpers for features Guild does not have.
 */
import { describe, expect, it } from 'vitest';
import { post, render } from '../support.ts';

describe('is, match, if and unless', () => {
  it('{{#is}} tests the page’s contexts, as a block or inline', async () => {
    const on = (contexts: string[]) => ({ data: { guild: { contexts } } });
    expect(await render('{{#is "home"}}home{{else}}other{{/is}}', on(['home', 'index']))).toBe('home');
    expect(await render('{{#is "post, page"}}entry{{else}}other{{/is}}', on(['page']))).toBe('entry');
    expect(await render('{{#is "tag"}}tag{{else}}other{{/is}}', on(['author', 'paged']))).toBe('other');
    expect(await render('{{#if (is "paged")}}paged{{/if}}', on(['index', 'paged']))).toBe('paged');
  });

  it('{{#match}} compares with = != < > <= >= ~ ~^ ~$, tests one value, and works inline', async () => {
    const context = { page: 2, title: 'Sourdough at dawn', style: 'Left', empty: '', list: [] };
    const cases: Array<[string, string]> = [
      ['style "Left"', 'y'],
      ['style "!=" "Left"', 'n'],
      ['page ">" 1', 'y'],
      ['page "<=" 1', 'n'],
      ['page "2"', 'y'],
      ['title "~" "dough"', 'y'],
      ['title "~^" "Sour"', 'y'],
      ['title "~$" "dusk"', 'n'],
      ['title', 'y'],
      ['empty', 'n'],
      ['list', 'n'],
      ['true "true"', 'y'],
    ];
    for (const [args, expected] of cases) {
      expect(await render(`{{#match ${args}}}y{{else}}n{{/match}}`, { context }), args).toBe(expected);
    }
    expect(await render('{{#if (match page ">=" 2)}}inline{{/if}}', { context })).toBe('inline');
  });

  it('{{#if}} and {{#unless}} are Handlebars’ own, with includeZero', async () => {
    expect(await render('{{#if a}}a{{else}}no a{{/if}}{{#unless b}}no b{{/unless}}', { context: { a: 1, b: '' } })).toBe('ano b');
    expect(await render('{{#if n includeZero=true}}zero counts{{/if}}', { context: { n: 0 } })).toBe('zero counts');
  });
});

describe('date', () => {
  const at = { published_at: '2026-05-14T23:30:00.000Z' };

  it('formats the post’s date in the site’s time zone, "ll" by default', async () => {
    expect(await render('{{date}}', { context: at })).toBe('May 14, 2026');
    expect(await render('{{date format="D MMMM YYYY HH:mm"}}', { context: at, data: { site: { timezone: 'Europe/Berlin' } } })).toBe('15 May 2026 01:30');
    expect(await render('{{date published_at format="YYYY-MM-DD" timezone="America/New_York"}}', { context: at })).toBe('2026-05-14');
  });

  it('follows daylight saving time and zones off the hour', async () => {
    const winter = { published_at: '2026-01-15T23:30:00.000Z' };
    expect(await render('{{date format="D MMM HH:mm Z" timezone="Europe/Berlin"}}', { context: winter })).toBe('16 Jan 00:30 +01:00');
    expect(await render('{{date format="D MMM HH:mm Z" timezone="Europe/Berlin"}}', { context: at })).toBe('15 May 01:30 +02:00');
    expect(await render('{{date format="HH:mm Z" timezone="Asia/Kolkata"}}', { context: at })).toBe('05:00 +05:30');
    expect(await render('{{date format="HH:mm" timezone="Mars/Olympus"}}', { context: at })).toBe('23:30');
  });

  it('speaks the site’s language, and says how long ago with timeago', async () => {
    expect(await render('{{date format="D MMMM YYYY"}}', { context: at, data: { site: { locale: 'de-CH' } } })).toBe('14 Mai 2026');
    expect(await render('{{date format="dddd" locale="fr"}}', { context: at })).toBe('jeudi');
    const yesterday = new Date(Date.now() - 26 * 3600_000).toISOString();
    expect(await render('{{date d timeago="true"}}', { context: { d: yesterday } })).toBe('a day ago');
    expect(await render('[{{date "not a date"}}]')).toBe('[]');
  });

  it('without a date shows now, to the millisecond when the format asks for it', async () => {
    const before = Date.now();
    const year = await render('{{date format="YYYY-MM-DD HH:mm:ss" timezone="UTC"}}');
    const millis = Number(await render('{{date format="x"}}'));
    expect(Date.parse(`${year.replace(' ', 'T')}Z`)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(`${year.replace(' ', 'T')}Z`)).toBeLessThanOrEqual(Date.now());
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(Date.now());
  });
});

describe('outlets and classes', () => {
  it('writes what the site filled in through its hooks', async () => {
    const data = { guild: { title: 'Bread - Bakery', description: 'About <bread>', head: '<link rel="canonical" href="/">', foot: '<script>1</script>', bodyClass: 'post-template tag-bread' } };
    const html = await render('<title>{{meta_title}}</title>{{meta_description}}{{ghost_head}}|{{guild_head}}<body class="{{body_class}}">{{ghost_foot}}{{guild_foot}}', { data });
    expect(html).toBe('<title>Bread - Bakery</title>About &lt;bread&gt;<link rel="canonical" href="/">|<link rel="canonical" href="/"><body class="post-template tag-bread"><script>1</script><script>1</script>');
  });

  it('{{post_class}} names the post’s kind and tags', async () => {
    expect(await render('{{#post}}{{post_class}}{{/post}}', { context: { post } })).toBe('post featured tag-bread tag-hash-featured tag-mornings');
    expect(await render('{{post_class}}', { context: { page: true, tags: [] } })).toBe('post page no-image');
  });

  it('{{#contentFor}} hands markup to {{{block}}} in the layout', async () => {
    const html = await render('{{!< default}}{{#contentFor "scripts"}}<script src="/x.js"></script>{{/contentFor}}body', {
      files: { 'default.hbs': '<main>{{{body}}}</main>{{{block "scripts"}}}' },
    });
    expect(html).toBe('<main>body</main><script src="/x.js"></script>');
  });
});

describe('globals', () => {
  it('@site, @custom and @config are the site’s, the theme settings and the theme’s config', async () => {
    const html = await render('{{@site.title}}|{{@site.url}}|{{@site.timezone}}|{{@custom.accent}}|{{@config.posts_per_page}}|{{@config.image_sizes.s.width}}', {
      data: { custom: { accent: '#123456' } },
    });
    expect(html).toBe('Harbour Bakery|http://bakery.localhost|UTC|#123456|5|300');
  });

  it('@member is null and @site says members and comments are off, so Ghost themes hide them', async () => {
    expect(await render('{{#if @member}}member{{else}}visitor{{/if}}{{#if @site.members_enabled}}!{{/if}}{{#unless @site.comments_enabled}} no comments{{/unless}}')).toBe('visitor no comments');
  });
});

describe('helpers for features Guild does not have, and unknown helpers', () => {
  it('render nothing, or their {{else}} part as a block', async () => {
    const names = ['comments', 'comment_count', 'price', 'tiers', 'total_members', 'total_paid_members', 'recommendations', 'content_api_key', 'content_api_url'];
    for (const name of names) expect(await render(`[{{${name}}}]`), name).toBe('[]');
    expect(await render('{{#cancel_link}}cancel{{else}}nothing to cancel{{/cancel_link}}')).toBe('nothing to cancel');
  });

  it('an unknown helper renders nothing and never breaks the page', async () => {
    expect(await render('a{{no_such_helper "x" y=1}}b{{#no_such_block "x"}}c{{/no_such_block}}d{{concat (no_such_sub 1) "e"}}')).toBe('abde');
  });
});
