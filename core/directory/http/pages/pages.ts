/** The directory's pages: home, search, a package, a person, the sites, and not found. */
import { escapeHtml } from '../../../content/index.ts';
import type { DirectoryCounts, RegisteredSite } from '../../store/sites.ts';
import type { PackageKind, PackageSummary } from '../../store/packages.ts';
import type { PackagePage, PersonPage } from '../../queries.ts';
import { date, layout, plural, priceBadge } from './layout.ts';
import { packageCards, sitesTable } from './parts.ts';

export function homePage(input: { counts: DirectoryCounts; mostUsed: readonly PackageSummary[]; newest: readonly PackageSummary[] }): string {
  const { counts } = input;
  return layout({
    title: 'Plugins, themes and the people who build with them',
    section: 'home',
    description: 'Signed plugins and themes for Guild, who made them, and the client sites built with them.',
    body: `<section class="hero">
<h1>Plugins, themes and the people who build with them</h1>
<p class="lead">Every package is signed by its author. See who made it, which sites run it, and which freelancers build with it.</p>
<ul class="stats" aria-label="The directory in numbers">
  <li><strong>${counts.packages}</strong> packages</li><li><strong>${counts.people}</strong> people</li><li><strong>${counts.sites}</strong> registered sites</li>
</ul>
</section>
<section aria-labelledby="most-used"><h2 id="most-used">Most used</h2>${packageCards(input.mostUsed, 'Nothing published yet: publish the first package with "npx guild publish <dir>".')}</section>
<section aria-labelledby="newest"><h2 id="newest">Newly published</h2>${packageCards(input.newest, 'Nothing published yet.')}</section>`,
  });
}

export function searchPage(input: { query: string; kind: PackageKind | undefined; results: readonly PackageSummary[] }): string {
  const what = input.kind ? `${input.kind}s` : 'plugins and themes';
  const heading = input.query ? `${capitalise(what)} matching “${input.query}”` : capitalise(what);
  return layout({
    title: heading,
    query: input.query,
    section: input.kind === 'plugin' ? 'plugins' : input.kind === 'theme' ? 'themes' : undefined,
    body: `<h1>${escapeHtml(heading)}</h1>
<p class="lead" role="status">${plural(input.results.length, 'package')} found, most used first.</p>
${packageCards(input.results, `No ${what} match. Try fewer or other words.`)}`,
  });
}

export function packagePageHtml(page: PackagePage, readmeHtml: string): string {
  const pkg = page.package;
  const install = pkg.price
    ? `npx guild buy &lt;site&gt; ${escapeHtml(pkg.id)}\nnpx guild add &lt;site&gt; ${escapeHtml(pkg.id)}`
    : `npx guild add &lt;site&gt; ${escapeHtml(pkg.id)}`;
  const shots = pkg.screenshots.length
    ? `<h2>Screenshots</h2><ul class="shots">${pkg.screenshots
        .map((file, index) => {
          const src = `/packages/${encodeURIComponent(pkg.id)}/${encodeURIComponent(pkg.version)}/files/${file.split('/').map(encodeURIComponent).join('/')}`;
          return `<li><a href="${src}"><img src="${src}" alt="${escapeHtml(`${pkg.name} screenshot ${index + 1}`)}" loading="lazy"></a></li>`;
        })
        .join('')}</ul>`
    : '';
  const versions = page.versions
    .map((version) => `<tr><td>${escapeHtml(version.version)}${version.yanked ? ` <span class="badge yanked">yanked</span>${version.yankReason ? ` <small>${escapeHtml(version.yankReason)}</small>` : ''}` : ''}</td><td>${date(version.publishedAt)}</td><td>${escapeHtml(version.engine)}</td><td>${(version.size / 1024).toFixed(1)} KiB</td></tr>`)
    .join('');
  const sites = page.sites.length
    ? `<ul>${page.sites.map((site) => `<li>${escapeHtml(site.title)} <small>${escapeHtml(site.domain)}${site.version ? ` · ${escapeHtml(site.version)}` : ''}</small> by <a href="/people/${encodeURIComponent(site.builtBy)}">${escapeHtml(site.builtBy)}</a></li>`).join('')}</ul>`
    : '<p class="empty">No registered site uses it yet.</p>';
  const freelancers = page.freelancers.length
    ? `<ul>${page.freelancers.map((person) => `<li><a href="/people/${encodeURIComponent(person.handle)}">${escapeHtml(person.name ?? person.handle)}</a> <small>${plural(person.sites, 'site')}</small></li>`).join('')}</ul>`
    : '<p class="empty">No freelancer has registered a site with it yet.</p>';
  const capabilities = pkg.kind === 'plugin' ? `<dt>Capabilities</dt><dd>${pkg.capabilities.length ? pkg.capabilities.map(escapeHtml).join(', ') : 'none'}</dd>` : '';
  return layout({
    title: pkg.name,
    section: pkg.kind === 'plugin' ? 'plugins' : 'themes',
    description: pkg.description,
    body: `<h1>${escapeHtml(pkg.name)}</h1>
<p class="lead">${escapeHtml(pkg.description || 'No description yet.')}</p>
<div class="layout">
<div>
<pre class="install" aria-label="Install">${install}</pre>
${shots}
<h2>Readme</h2>
<div class="readme">${readmeHtml || '<p class="empty">This package has no readme.</p>'}</div>
<h2 id="versions">Versions</h2>
<div class="table-scroll"><table><caption class="visually-hidden">Published versions, newest first</caption><thead><tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">Guild</th><th scope="col">Size</th></tr></thead><tbody>${versions}</tbody></table></div>
<h2>Sites using it</h2>${sites}
<h2>Freelancers who build with it</h2>${freelancers}
</div>
<aside class="facts" aria-label="About this package"><dl>
<dt>Kind</dt><dd><span class="badge">${pkg.kind}</span></dd>
<dt>Id</dt><dd><code>${escapeHtml(pkg.id)}</code></dd>
<dt>Author</dt><dd><a href="/people/${encodeURIComponent(pkg.author.handle)}">${escapeHtml(pkg.author.name ?? pkg.author.handle)}</a></dd>
<dt>Version</dt><dd>${escapeHtml(pkg.version)} · ${date(pkg.publishedAt)}</dd>
<dt>Price</dt><dd>${priceBadge(pkg.price)}${pkg.price ? ` per site${pkg.price.months ? `, licence for ${pkg.price.months} months` : ', licence never expires'}` : ''}</dd>
${pkg.price?.terms ? `<dt>Terms</dt><dd>${escapeHtml(pkg.price.terms)}</dd>` : ''}
<dt>Licence</dt><dd>${escapeHtml(pkg.licence || 'not stated')}</dd>
<dt>Guild</dt><dd>${escapeHtml(pkg.engine)}</dd>
${capabilities}
<dt>Sites</dt><dd>${plural(page.sites.length, 'site')}</dd>
<dt>Integrity</dt><dd><code>${escapeHtml(pkg.integrity.slice(0, 22))}…</code></dd>
</dl></aside>
</div>`,
  });
}

export function personPageHtml(page: PersonPage): string {
  const { person } = page;
  const name = person.name ?? person.handle;
  const sites = page.sites.length;
  const made = `<section aria-labelledby="made"><h2 id="made">What ${escapeHtml(name)} made</h2>${packageCards(page.packages, `${name} has not published a package yet.`)}</section>`;
  const built = `<section aria-labelledby="built"><h2 id="built">Sites ${escapeHtml(name)} built</h2>${sitesTable(page.sites, { showBuilder: false, empty: `${name} has not registered a site yet.`, caption: `Sites built by ${name}` })}</section>`;
  // A freelancer's sites come first; a developer's packages do.
  const [first, second] = page.packages.length === 0 && sites > 0 ? [built, made] : [made, built];
  return layout({
    title: name,
    description: `${name} on the Guild directory: ${plural(page.packages.length, 'package')}, ${plural(sites, 'site')} built.`,
    body: `<h1>${escapeHtml(name)} <span class="handle">@${escapeHtml(person.handle)}</span></h1>
<p class="lead">${person.bio ? escapeHtml(person.bio) : `${plural(page.packages.length, 'package')} made, ${plural(sites, 'site')} built.`}${person.url ? ` <a href="${escapeHtml(safeUrl(person.url))}" rel="nofollow ugc noopener">${escapeHtml(person.url)}</a>` : ''}</p>
${first}
${second}
<p class="meta since">Member since ${date(person.createdAt)} · ${plural(person.keys.length, 'signing key')}</p>`,
  });
}

export function sitesPage(sites: readonly RegisteredSite[]): string {
  return layout({
    title: 'Sites built with Guild',
    section: 'sites',
    body: `<h1>Sites built with Guild</h1>
<p class="lead">Client sites their builders registered, with the theme and plugins each runs. Register one with <code>npx guild directory register &lt;site&gt;</code>.</p>
${sitesTable(sites, { showBuilder: true, empty: 'No site is registered yet.', caption: 'Registered sites' })}`,
  });
}

export function notFoundPage(what: string): string {
  return layout({ title: 'Not found', body: `<h1>Not found</h1><p class="lead">${escapeHtml(what)} is not in the directory.</p><p><a href="/">Back to the directory</a></p>` });
}

export function errorPage(): string {
  return layout({ title: 'Something went wrong', body: '<h1>Something went wrong</h1><p class="lead">The error has been logged. Please try again in a little while.</p>' });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Only http(s) links from what people typed about themselves. */
function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}
