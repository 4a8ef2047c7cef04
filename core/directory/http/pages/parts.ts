/** Pieces several pages show: a package card, a list of sites with their packages. */
import { escapeHtml } from '../../../content/index.ts';
import type { PackageSummary } from '../../store/packages.ts';
import type { RegisteredSite } from '../../store/sites.ts';
import { plural, priceBadge } from './layout.ts';

export function packageCards(packages: readonly PackageSummary[], empty: string): string {
  if (packages.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const cards = packages.map(
    (pkg) => `<li class="card">
  <h3><a href="/packages/${encodeURIComponent(pkg.id)}">${escapeHtml(pkg.name)}</a></h3>
  <p>${escapeHtml(pkg.description || 'No description yet.')}</p>
  <ul class="meta">
    <li><span class="badge">${pkg.kind}</span></li>
    <li>${priceBadge(pkg.price)}</li>
    <li>by <a href="/people/${encodeURIComponent(pkg.owner)}">${escapeHtml(pkg.owner)}</a></li>
    <li>v${escapeHtml(pkg.latest)}</li>
    <li>${plural(pkg.sites, 'site')}</li>
  </ul>
</li>`,
  );
  return `<ul class="grid">${cards.join('\n')}</ul>`;
}

export function packageLink(id: string, listed: boolean): string {
  return listed ? `<a href="/packages/${encodeURIComponent(id)}">${escapeHtml(id)}</a>` : escapeHtml(id);
}

/** A table of sites: domain, title, builder (unless given), theme and plugins with versions. */
export function sitesTable(sites: readonly RegisteredSite[], options: { showBuilder: boolean; empty: string; caption: string }): string {
  if (sites.length === 0) return `<p class="empty">${escapeHtml(options.empty)}</p>`;
  const rows = sites.map((site) => {
    const theme = site.packages.filter((pkg) => pkg.kind === 'theme');
    const plugins = site.packages.filter((pkg) => pkg.kind === 'plugin');
    const list = (items: typeof site.packages) =>
      items.length ? items.map((pkg) => `${packageLink(pkg.id, pkg.listed)}${pkg.version ? ` <small>${escapeHtml(pkg.version)}</small>` : ''}`).join(', ') : '<span class="empty">none</span>';
    return `<tr><td data-label="Site">${escapeHtml(site.title)}<br><small>${escapeHtml(site.domain)}</small></td>${options.showBuilder ? `<td data-label="Built by"><a href="/people/${encodeURIComponent(site.builtBy)}">${escapeHtml(site.builtBy)}</a></td>` : ''}<td data-label="Theme">${list(theme)}</td><td data-label="Plugins">${list(plugins)}</td></tr>`;
  });
  return `<div class="table-scroll"><table class="stack"><caption class="visually-hidden">${escapeHtml(options.caption)}</caption>
<thead><tr><th scope="col">Site</th>${options.showBuilder ? '<th scope="col">Built by</th>' : ''}<th scope="col">Theme</th><th scope="col">Plugins</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>`;
}
