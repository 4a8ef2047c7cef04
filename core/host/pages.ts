/** The host's own pages: an unknown host name, a refused site, and the network's index. */
import { escapeHtml } from '../content/index.ts';
import { plainPage } from '../site/index.ts';
import type { Addresses } from './addresses.ts';
import type { SiteRegistry } from './registry.ts';


export function unknownHostPage(hostname: string): string {
  return plainPage(
    '404 · No site here',
    'There is no site at this address',
    `<p><code>${escapeHtml(hostname)}</code> is not the address of any site on this Guild host. Check the address, or add it to a site's <code>domains</code> in its site.json.</p>`,
  );
}

/** What a visitor of a refused site sees. The reason itself stays in the log and `guild site list`. */
export function refusedSitePage(): string {
  return plainPage('503 · Site unavailable', 'This site is temporarily unavailable', '<p>Its owner has been told why. Please try again in a little while.</p>');
}

/** What a visitor of a disabled site sees (`guild site disable`), with the owner's message if any. */
export function maintenancePage(title: string, message: string | undefined): string {
  return plainPage('503 · Down for maintenance', `${title} is down for maintenance`, `<p>${escapeHtml(message ?? 'It will be back shortly. Please try again in a little while.')}</p>`);
}

export function errorPage(): string {
  return plainPage('500 · Error', 'Something went wrong', '<p>The error has been logged. Please try again in a little while.</p>');
}

export function networkIndexPage(registry: SiteRegistry, addresses: Addresses): string {
  const rows = registry
    .entries()
    .map((entry) => {
      // Its name under the network's, which resolves even where its domains do not point here yet.
      const url = addresses.url(`${entry.slug}.${addresses.baseHost}`);
      const title = entry.manifest?.title ?? entry.slug;
      const state = registry.refusal(entry) ? ' <small>(refused: see <code>guild site list</code>)</small>' : '';
      return `<li><a href="${escapeHtml(url)}/">${escapeHtml(title)}</a> <small>${escapeHtml(url)}</small>${state}</li>`;
    })
    .join('\n');
  return plainPage(
    'Guild',
    'This Guild host serves these sites',
    rows ? `<ul>${rows}</ul>` : '<p>No sites yet. Create one with <code>npx guild site new &lt;slug&gt; --title "…" --domain &lt;host&gt; --built-by &lt;handle&gt;</code>.</p>',
  );
}
