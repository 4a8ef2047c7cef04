// Converting WordPress content: automatic paragraphs, shortcodes and links, case by case.
import { describe, expect, it } from 'vitest';
import { autop } from '../../core/wxr/html/autop.ts';
import { LinkMap } from '../../core/wxr/html/links.ts';
import { renderShortcodes, type ShortcodeContext } from '../../core/wxr/html/shortcodes.ts';

describe('automatic paragraphs', () => {
  it('makes paragraphs of blank-line-separated text and <br /> of single line breaks', () => {
    expect(autop('One\ntwo\n\nThree')).toBe('<p>One<br />\ntwo</p>\n<p>Three</p>');
  });

  it('leaves block elements alone, and a line that fills one stays bare', () => {
    expect(autop('<h2>Title</h2>\nText\n<ul>\n<li>One</li>\n</ul>')).toBe('<h2>Title</h2>\n<p>Text</p>\n<ul><li>One</li>\n</ul>');
  });

  it('keeps preformatted text, scripts and styles exactly as written', () => {
    expect(autop('<pre>a\n\nb</pre>\n\nafter')).toBe('<pre>a\n\nb</pre>\n<p>after</p>');
    expect(autop('<style>\n.a{}\n\n.b{}\n</style>')).toBe('<style>\n.a{}\n\n.b{}\n</style>');
  });

  it('gives a quote its paragraph, as WordPress does', () => {
    expect(autop('<blockquote>Quoted</blockquote>')).toBe('<blockquote><p>Quoted</p>\n</blockquote>');
  });

  it('does not add a second break after an existing <br />', () => {
    expect(autop('one<br />\ntwo')).toBe('<p>one<br />\ntwo</p>');
  });
});

describe('shortcodes', () => {
  const kept: string[] = [];
  const context: ShortcodeContext = { postId: '1', attachment: () => undefined, attachmentsOf: () => [], kept: (name) => kept.push(name) };

  it('keeps unknown shortcodes as written and counts them, and unescapes [[...]]', () => {
    expect(renderShortcodes('<p>[newsletter list="7"] and [[gallery]]</p>', context)).toBe('<p>[newsletter list="7"] and [gallery]</p>');
    expect(kept).toEqual(['newsletter']);
  });

  it('does not take bracketed words for shortcodes', () => {
    kept.length = 0;
    expect(renderShortcodes('<p>An [edge case] here.</p>', context)).toBe('<p>An [edge case] here.</p>');
    expect(kept).toEqual([]);
  });

  it('renders [audio] and [video] with a source, and keeps them without one', () => {
    expect(renderShortcodes('<p>[audio src="https://a.example/x.mp3"]</p>', context)).toBe(
      '<audio class="wp-audio-shortcode" controls preload="metadata" src="https://a.example/x.mp3"><a href="https://a.example/x.mp3">https://a.example/x.mp3</a></audio>',
    );
    expect(renderShortcodes('[video]', context)).toBe('[video]');
  });
});

describe('links to the old site', () => {
  const links = new LinkMap(['https://old.example/blog']);
  links.add('https://old.example/blog/2020/01/02/hello/', '/hello/');
  links.add('/blog/?p=7', '/seven/');

  it('finds a page by any of its addresses: scheme, www, trailing slash, short link, tracking query', () => {
    expect(links.resolve('http://www.old.example/blog/2020/01/02/hello')).toBe('/hello/');
    expect(links.resolve('https://old.example/blog/2020/01/02/hello/?utm_source=x#top')).toBe('/hello/#top');
    expect(links.resolve('https://old.example/blog/?p=7')).toBe('/seven/');
    expect(links.resolve('https://other.example/blog/2020/01/02/hello/')).toBeUndefined();
  });

  it('rewrites only links, not images', () => {
    expect(links.rewrite('<a href="https://old.example/blog/2020/01/02/hello/">x</a><img src="https://old.example/blog/2020/01/02/hello/">')).toBe(
      '<a href="/hello/">x</a><img src="https://old.example/blog/2020/01/02/hello/">',
    );
  });
});
