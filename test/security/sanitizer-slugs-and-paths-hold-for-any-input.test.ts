// Keep it closed: random and adversarial input never gets script-capable HTML past the sanitizer,
// a slug that is not a plain path segment out of slugify, or a file outside its folder out of the
// static routes (fast-check).
import { Parser } from 'htmlparser2';
import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeContent, slugify } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const PIECES = [
  '<script>alert(1)</script>', '<script', '</script>', '<scr<script>ipt>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">', '<a href="jav&#x09;ascript:alert(1)">',
  '<a href="&#106;avascript:alert(1)">', '<a href=" javascript:alert(1)">', '<a href="vbscript:x">', '<a href="data:text/html,<script>alert(1)</script>">', '<svg onload=alert(1)>', '<math><mi xlink:href="javascript:x">',
  '<iframe src="https://evil.example/">', '<iframe src="//evil.example/">', '<iframe srcdoc="<script>alert(1)</script>">', '<style>*{}</style>', '<object data="x">', '<embed src="x">', '<form action="x">',
  '<p style="background:url(javascript:x)">', '<div onclick="x">', '<details open ontoggle=alert(1)>', '<!--', '-->', '<![CDATA[', ']]>', '"', "'", '>', '<', '=', ' ', 'text', '<p>', '</p>',
  '<base href="https://evil.example/">', '<meta http-equiv="refresh" content="0;url=javascript:x">', '<link rel="import" href="x">', '<video poster="javascript:x" src="x">', '<a href="https://ok.example/">ok</a>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '<div style="position:fixed;inset:0;z-index:9">', '<p style="color:expression(alert(1))">', '<p style="background-image:url(\\6a avascript:x)">',
  '<p style="background:url(data:text/html,x)">', '<p style="background-image:url(//evil.example/x.png)">', '<p style="width:10px;behavior:url(x.htc)">', '<p style="-moz-binding:url(x)">',
  '<p style="color:red/**/;x:y">', '<div style="background-image:url(https://ok.example/a.jpg)" class="wp-block-cover onclick">', '<p style="color:red}</style><script>x</script>">', '<textarea><script>x</script></textarea>', '<template><script>x</script></template>', '<img srcset="javascript:x 1x">',
];

const SCRIPT_TAGS = new Set(['script', 'style', 'object', 'embed', 'form', 'base', 'meta', 'link', 'svg', 'math', 'template', 'noscript', 'textarea', 'frame', 'frameset']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'action', 'formaction', 'xlink:href', 'data', 'cite']);

/**
 * Inline styles may stay (WordPress's blocks need them), but none that positions the text over the
 * page, runs code, or reaches an address other than a web or site-relative one.
 */
function safeStyle(style: string): boolean {
  if (/\\|expression|behavior|binding|javascript|position|z-index|@import|\/\*/i.test(style)) return false;
  const urls = [...style.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)].map((match) => match[2]!);
  return urls.every((url) => /^(https?:\/\/|\/(?!\/))/i.test(url)) && (style.match(/url\(/gi) ?? []).length === urls.length;
}

/** Everything in `html` a browser could run, as the browser-grade parser sanitize-html uses sees it. */
function runnable(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (SCRIPT_TAGS.has(name)) found.push(`<${name}>`);
      if (name === 'iframe' && !/^https:\/\/(www\.)?(youtube\.com|youtube-nocookie\.com|player\.vimeo\.com)\//.test(attributes.src ?? '')) found.push(`iframe ${attributes.src}`);
      for (const [attribute, value] of Object.entries(attributes)) {
        if (/^on/i.test(attribute) || attribute === 'srcdoc') found.push(`${name} ${attribute}`);
        if (attribute === 'style' && !safeStyle(value)) found.push(`${name} style=${value}`);
        if (URL_ATTRIBUTES.has(attribute) || attribute === 'srcset') {
          const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(value.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
          if (scheme && !['http', 'https', 'mailto', 'tel'].includes(scheme) && !(name === 'img' && scheme === 'data')) found.push(`${name} ${attribute}=${value}`);
        }
      }
    },
  }, { decodeEntities: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  return found;
}

describe('the HTML sanitizer', () => {
  it('never lets script-capable markup through, whatever pieces it is given', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 25 }), (pieces) => {
        const clean = sanitizeContent(pieces.join('')).html;
        expect(runnable(clean)).toEqual([]);
        // A second pass changes nothing: a post saved again is stored as it was.
        expect(sanitizeContent(clean).html).toBe(clean);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('slugs', () => {
  it('are always one plain path segment, never empty, never . or ..', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('.', '/', '\\', '%', '#', ' ', 'é', '\u0000', '-', 'a', '&', '\u202e') })), (text) => {
        const slug = slugify(text);
        expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(slug.length).toBeLessThanOrEqual(85);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('static paths', () => {
  let box: Sandbox;
  let host: Host;

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha');
    host = await box.host();
    await request(host.app).get('/').set('Host', 'alpha.localhost');
  });
  afterAll(() => box.remove());

  it("never serve the site's own files from /assets/ or /content/images/, however the path is spelt", async () => {
    const segment = fc.constantFrom('..', '%2e%2e', '.%2e', '%2e.', '..%2f', '..%5c', '..\\', '%252e%252e', '.', 'css', 'site.json', 'data', 'content.db', '%00', '');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/assets/', '/content/images/'), fc.array(segment, { minLength: 1, maxLength: 7 }), async (root, segments) => {
        const response = await request(host.app).get(`${root}${segments.join('/')}`).set('Host', 'alpha.localhost');
        expect(response.text ?? '').not.toContain('"builtBy"');
        expect(response.text ?? '').not.toContain('SQLite format');
      }),
      { numRuns: 300 },
    );
  });
});
