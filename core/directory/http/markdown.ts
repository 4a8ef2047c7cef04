/**
 * Readmes rendered safely: markdown-it with raw HTML turned off (so a readme's <script> or
 * onerror= arrives as text), its link checker refusing javascript:, vbscript:, file: and data:
 * URLs, and every link marked as untrusted for search engines.
 */
import MarkdownIt from 'markdown-it';

export function createMarkdown(): (source: string) => string {
  const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
  const renderToken = markdown.renderer.renderToken.bind(markdown.renderer);
  markdown.renderer.rules.link_open = (tokens, index, options) => {
    tokens[index]!.attrSet('rel', 'nofollow ugc noopener');
    return renderToken(tokens, index, options);
  };
  // A readme's own top heading repeats the package name the page already shows as its h1.
  markdown.renderer.rules.heading_open = (tokens, index, options) => {
    const token = tokens[index]!;
    const level = Math.min(Number(token.tag.slice(1)) + 1, 6);
    token.tag = `h${level}`;
    return renderToken(tokens, index, options);
  };
  markdown.renderer.rules.heading_close = (tokens, index, options) => {
    const token = tokens[index]!;
    token.tag = `h${Math.min(Number(token.tag.slice(1)) + 1, 6)}`;
    return renderToken(tokens, index, options);
  };
  return (source) => markdown.render(source);
}
