/** The frame of every directory page: skip link, header with search, main landmark, footer. */
import { escapeHtml } from '../../../content/index.ts';
import { formatMoney } from '../../ledger.ts';
import type { Price } from '../../store/packages.ts';

export interface PageFrame {
  readonly title: string;
  readonly body: string;
  /** Which section the page belongs to, for aria-current in the navigation. */
  readonly section?: 'home' | 'plugins' | 'themes' | 'sites';
  /** The search text to keep in the search box. */
  readonly query?: string;
  readonly description?: string;
}

const SECTIONS = [
  ['plugins', '/search?kind=plugin', 'Plugins'],
  ['themes', '/search?kind=theme', 'Themes'],
  ['sites', '/sites', 'Sites'],
] as const;

export function layout(frame: PageFrame): string {
  const nav = SECTIONS.map(([key, href, label]) => `<li><a href="${href}"${frame.section === key ? ' aria-current="page"' : ''}>${label}</a></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(frame.title)} · Guild Directory</title>
${frame.description ? `<meta name="description" content="${escapeHtml(frame.description)}">` : ''}
<link rel="stylesheet" href="/directory.css">
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="top"><div class="wrap">
  <a class="brand" href="/">Guild <span>Directory</span></a>
  <nav class="main" aria-label="Sections"><ul>${nav}</ul></nav>
  <form class="search" action="/search" method="get" role="search">
    <label class="visually-hidden" for="q">Search plugins and themes</label>
    <input id="q" name="q" type="search" placeholder="Search plugins and themes" value="${escapeHtml(frame.query ?? '')}">
    <button type="submit">Search</button>
  </form>
</div></header>
<main id="content" tabindex="-1"><div class="wrap">
${frame.body}
</div></main>
<footer class="bottom"><div class="wrap">Every package here is signed by its author; paid ones come with a licence the host checks offline. The same data is JSON under <a href="/api/">/api/</a>.</div></footer>
</body>
</html>
`;
}

export function priceBadge(price: Price | null): string {
  return price ? `<span class="badge price">${escapeHtml(formatMoney(price.amount, price.currency))}${price.months ? ` / ${price.months} mo` : ''}</span>` : '<span class="badge free">Free</span>';
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function date(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.slice(0, 10))}</time>`;
}
