/**
 * Usage: {{#link href="/about/" class="nav-link" activeClass="active" target="_blank"}}About{{/link}},
 *        <li class="{{link_class for="/about/" class="nav-item"}}">
 * A link that knows whether it points at the page being shown: `activeClass` ("nav-current" by
 * default, false to turn off) when it does, `parentActiveClass` ("nav-current-parent") when the
 * page is below it. {{#link}} writes the <a> with every other argument as an attribute;
 * {{link_class}} only the classes.
 */
import { SafeString, escapeExpression, optionsOf, type Options } from './shared.ts';

const OWN = new Set(['href', 'for', 'class', 'activeClass', 'parentActiveClass']);

export function link(this: unknown, ...args: unknown[]): SafeString {
  const options = optionsOf(args);
  const href = String(options.hash.href ?? '/');
  // Handlebars hands the hash over last-to-first; reversing keeps the template's order.
  const attributes = Object.entries(options.hash)
    .reverse()
    .filter(([name, value]) => !OWN.has(name) && value !== undefined && value !== null && value !== false)
    .map(([name, value]) => ` ${name.replace(/[^\w-]/g, '')}="${escapeExpression(String(value))}"`)
    .join('');
  const classes = classesFor(href, options);
  const content = typeof options.fn === 'function' ? options.fn(this) : escapeExpression(href);
  return new SafeString(`<a href="${escapeExpression(href)}"${classes ? ` class="${escapeExpression(classes)}"` : ''}${attributes}>${content}</a>`);
}

export function link_class(...args: unknown[]): string {
  const options = optionsOf(args);
  return classesFor(String(options.hash.for ?? ''), options);
}

function classesFor(href: string, options: Options): string {
  const { hash, data } = options;
  const current = normalize(data.guild.path);
  const target = normalize(href.startsWith(data.site.url) ? href.slice(data.site.url.length) || '/' : href);
  const classes = String(hash.class ?? '').split(/\s+/).filter(Boolean);
  const active = hash.activeClass === undefined ? 'nav-current' : hash.activeClass;
  const parent = hash.parentActiveClass === undefined ? 'nav-current-parent' : hash.parentActiveClass;
  if (target === current) {
    if (active !== false && active !== 'false' && active !== '') classes.push(String(active));
  } else if (target !== '/' && target.startsWith('/') && current.startsWith(target)) {
    if (parent !== false && parent !== 'false' && parent !== '') classes.push(String(parent));
  }
  return classes.join(' ');
}

/** "/about" and "/about/" are the same page; queries and fragments do not change which. */
function normalize(path: string): string {
  const bare = path.split(/[?#]/)[0] ?? '';
  return bare.endsWith('/') ? bare : `${bare}/`;
}
