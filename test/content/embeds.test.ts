// Issue 14 item 3: WordPress's embeds (blocks, and URLs alone on a line) show as the editor's
// privacy-friendly player for YouTube and Vimeo, and as a link card for anything else.
import { describe, expect, it } from 'vitest';
import { embedUrl, showEmbeds } from '../../core/content/index.ts';

const PLAYER = /^<figure class="embed"><iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/ex8fMxXJDJw" width="560" height="315" title="Video" loading="lazy"/;

describe('WordPress embeds on the page', () => {
  it('shows an embed block with a YouTube URL as the editor’s player, keeping its caption', () => {
    const block = '<figure class="wp-block-embed is-type-video is-provider-youtube"><div class="wp-block-embed__wrapper">\nhttps://youtu.be/ex8fMxXJDJw\n</div><figcaption>YouTube</figcaption></figure>';
    const shown = showEmbeds(block);
    expect(shown).toMatch(PLAYER);
    expect(shown).toContain('<figcaption>YouTube</figcaption></figure>');
  });

  it('shows an imported embed (its URL made a link, its classes gone) the same way, keeping its alignment', () => {
    const imported = '<figure class="alignwide"><div>\n<a href="https://youtu.be/ex8fMxXJDJw">https://youtu.be/ex8fMxXJDJw</a>\n</div></figure>';
    expect(showEmbeds(imported)).toMatch(/^<figure class="embed alignwide"><iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/ex8fMxXJDJw"/);
  });

  it('shows a YouTube or Vimeo URL alone in a paragraph as a player, as WordPress auto-embeds it', () => {
    expect(showEmbeds('<p><a href="https://www.youtube.com/watch?v=ex8fMxXJDJw&amp;t=3">https://www.youtube.com/watch?v=ex8fMxXJDJw&amp;t=3</a></p>')).toMatch(PLAYER);
    expect(showEmbeds('<p>https://vimeo.com/76979871</p>')).toContain('<iframe src="https://player.vimeo.com/video/76979871"');
  });

  it('shows other embeds as a link card that cannot widen the page', () => {
    const shown = showEmbeds('<figure class="wp-block-embed"><div class="wp-block-embed__wrapper"><a href="https://twitter.com/WordPress/status/1057136472321613824">https://twitter.com/WordPress/status/1057136472321613824</a></div><figcaption>Twitter</figcaption></figure>');
    expect(shown).toBe('<figure class="link-card"><a href="https://twitter.com/WordPress/status/1057136472321613824"><span class="link-card-host">twitter.com</span><span class="link-card-url">https://twitter.com/WordPress/status/1057136472321613824</span></a><figcaption>Twitter</figcaption></figure>');
  });

  it('leaves links in running text, and links whose text is not their address, alone', () => {
    const text = '<p>Watch <a href="https://youtu.be/ex8fMxXJDJw">https://youtu.be/ex8fMxXJDJw</a> today.</p><p><a href="https://youtu.be/ex8fMxXJDJw">our video</a></p>';
    expect(showEmbeds(text)).toBe(text);
  });

  it('knows YouTube and Vimeo addresses and nothing else', () => {
    expect(embedUrl('https://youtu.be/ex8fMxXJDJw')).toBe('https://www.youtube-nocookie.com/embed/ex8fMxXJDJw');
    expect(embedUrl('https://wordpress.tv/2018/10/14/talk/')).toBeUndefined();
  });
});
