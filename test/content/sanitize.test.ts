// Issue 14: WordPress's block markup passes the sanitizer (figures, audio and video, its classes,
// inline styles rule by rule); whatever else a style holds is removed and said in words.
import { describe, expect, it } from 'vitest';
import { sanitizeContent } from '../../core/content/index.ts';

const COVER =
  '<div class="wp-block-cover has-pale-pink-background-color has-background-dim has-left-content aligncenter" style="background-image:url(https://wpthemetestdata.files.wordpress.com/2008/06/canola2.jpg)"><p class="wp-block-cover-text"><strong>A center aligned cover image block.</strong></p></div>';
const VIDEO_COVER =
  '<div class="wp-block-cover has-background-dim alignwide"><video class="wp-block-cover__video-background" autoplay muted loop src="https://example.com/slider.mov"></video><p class="wp-block-cover-text">A wide cover block with a video background.</p></div>';

describe("WordPress's block markup", () => {
  it.each([
    ['a cover block with its background image', COVER],
    ['a cover block with a video background', VIDEO_COVER],
    ['an image block', '<figure class="wp-block-image size-large is-style-rounded"><img src="https://example.com/a.jpg" alt="A" class="wp-image-12" /><figcaption class="wp-element-caption">Caption</figcaption></figure>'],
    ['a gallery', '<figure class="wp-block-gallery columns-3 is-cropped"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="/content/images/a.jpg" alt="" /></figure></li></ul></figure>'],
    ['columns with their widths', '<div class="wp-block-columns are-vertically-aligned-center"><div class="wp-block-column" style="flex-basis:33.33%"><p>One</p></div><div class="wp-block-column" style="flex-basis:66.66%"><p>Two</p></div></div>'],
    ['a button with its colours', '<div class="wp-block-button is-style-outline"><a class="wp-block-button__link has-text-color has-background" href="https://wordpress.org/" style="background-color:#cf2e2e;color:#1e0566;border-radius:28px">Button</a></div>'],
    ['a gradient', '<div class="wp-block-group has-background" style="background:linear-gradient(135deg,rgba(6,147,227,1) 0%,rgb(155,81,224) 100%)"><p>Gradient</p></div>'],
    ['aligned and sized text', '<p class="has-text-align-center has-large-font-size" style="text-align:center;font-size:46px">Big</p>'],
    ['a cover image placed by its focal point', '<img class="wp-block-cover__image-background" src="https://example.com/c.jpg" alt="" style="object-position:25% 75%;min-height:430px;max-width:100%" />'],
    ['audio and video with a caption track', '<figure class="wp-block-audio"><audio controls src="https://example.com/a.mp3"></audio></figure><figure class="wp-block-video"><video controls poster="https://example.com/p.jpg"><source src="https://example.com/v.mp4" type="video/mp4" /><track kind="captions" src="https://example.com/v.vtt" srclang="en" label="English" /></video></figure>'],
    ['a pull quote', '<figure class="wp-block-pullquote" style="border-color:#b80000"><blockquote class="has-text-color"><p>Quote</p><cite>Someone</cite></blockquote></figure>'],
    ['a definition list and a separator', '<dl><dt>Term</dt><dd>Definition</dd></dl><hr class="wp-block-separator has-alpha-channel-opacity is-style-wide" />'],
  ])('keeps %s as it is', (_, html) => {
    const clean = sanitizeContent(html);
    expect(clean.rejected).toEqual([]);
    expect(clean.html).toBe(html);
  });
});

describe('inline styles', () => {
  it.each([
    ['position:fixed;top:0;left:0;width:100%', 'position:fixed'],
    ['z-index:99999', 'z-index:99999'],
    ['background-image:url(javascript:alert(1))', 'url(javascript:alert(1))'],
    ['background:url("javascript:alert(1)")', 'javascript:'],
    ['background-image:url(java\\73 cript:alert(1))', '\\73'],
    ['background-image:url(data:image/svg+xml;base64,PHN2Zz4=)', 'data:'],
    ['background-image:url(//evil.example/track.png)', '//evil.example'],
    ['color:expression(alert(1))', 'expression'],
    ['width:expression(document.body.clientWidth)', 'expression'],
    ['behavior:url(script.htc)', 'behavior'],
    ['-moz-binding:url(https://evil.example/x.xml#x)', 'binding'],
    ['color:red/*x*/;', '/*'],
    ['margin-top:-500px', '-500px'],
    ['background:image-set(url(https://evil.example/a.png) 1x)', 'image-set'],
    ['content:attr(title)', 'attr('],
  ])('removes %s', (style, tell) => {
    const clean = sanitizeContent(`<p style="${style.replace(/"/g, '&quot;')}">Text</p>`);
    expect(clean.html).not.toContain(tell);
    expect(clean.rejected.some((part) => part.kind === 'style')).toBe(true);
    expect(clean.html).toContain('Text');
  });

  it('keeps the rules the site allows and removes the others, one by one', () => {
    const clean = sanitizeContent('<p style="color: #1e0566; position: fixed; text-align: center; z-index: 10">Hi</p>');
    expect(clean.html).toBe('<p style="color:#1e0566;text-align:center">Hi</p>');
    expect(clean.rejected.map((part) => part.value)).toEqual(['position:fixed', 'z-index:10']);
  });

  it('cannot close the attribute or the tag it is in', () => {
    const clean = sanitizeContent('<p style="color:red&quot; onmouseover=&quot;alert(1)">x</p><p style=\'color:red"><script>alert(1)</script>\'>y</p>');
    expect(clean.html).not.toMatch(/onmouseover=|<script/);
  });
});

describe('what was removed, in words', () => {
  it('says it in one sentence a client understands', () => {
    const clean = sanitizeContent('<div style="position:fixed;inset:0;color:red" class="wp-block-group odd"><script>alert(1)</script><p style="position:absolute">x</p></div>');
    expect(clean.summary).toBe("Removed a script, 3 style rules the site does not allow (position:fixed, inset:0, position:absolute) and a class that is not WordPress's or the theme's (odd).");
  });

  it('says nothing when nothing was removed', () => {
    expect(sanitizeContent(COVER).summary).toBe('');
  });
});

describe('cleaning twice', () => {
  it('changes nothing the second time, however broken the nesting was', () => {
    for (const html of ['<p>a<p>b</p></p>', '<p style="width:1px"><scr<script>ipt><p style="width:10px">', '<ul><li>a<li>b</ul><table><td>x</table>', COVER + VIDEO_COVER]) {
      const once = sanitizeContent(html).html;
      expect(sanitizeContent(once).html).toBe(once);
    }
  });
});
