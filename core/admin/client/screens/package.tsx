/**
 * One package of the directory (owners): what it is and does (readme, screenshots, capabilities,
 * versions, price, the sites using it) and the install panel: install a free one, buy a paid one
 * on invoice or install it with a licence, remove it. A refusal shows the installer's message.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.ts';
import { toast } from '../state.ts';
import { Button, formatDate, Field, Icon, Loading, useAction } from '../ui.tsx';
import { DirectoryProblem, formatPrice, KIND_LABELS, RemoveDialog, type Kind, type Price } from './directory.tsx';

interface Version {
  version: string;
  publishedAt: string;
  engine: string;
  size: number;
  price: Price | null;
  yanked: boolean;
  yankReason: string | null;
  fits: boolean;
}

interface Detail {
  directory: string;
  url: string;
  package: {
    id: string;
    kind: Kind;
    name: string;
    description: string;
    version: string;
    author: { handle: string; name: string | null };
    price: Price | null;
    capabilities: string[];
    engine: string;
    licence: string;
    screenshots: string[];
    readmeHtml: string;
    publishedAt: string;
  };
  versions: Version[];
  sites: Array<{ domain: string; title: string; builtBy: string; version: string | null }>;
  freelancers: Array<{ handle: string; name: string | null; sites: number }>;
  latest: string | null;
  onSite: Kind | null;
  installed: string | null;
  engine: string;
}

type Purchase =
  | { status: 'licensed'; installed: { version: string }; licence: { sites: string[]; expires: string | null } }
  | { status: 'pending'; order: { id: string; amount: number; currency: string; instructions: string; buyer: string } };

/** What each capability lets a plugin do, in the words an owner would use. */
const CAPABILITIES: Record<string, string> = {
  hooks: 'Changes what pages show and reacts to what happens on the site',
  settings: 'Has settings you can change in the admin',
  routes: 'Adds public pages under /p/',
  admin: 'Adds pages and actions to this admin',
  helpers: 'Adds template helpers for themes',
  partials: 'Adds template parts for themes',
  'content-types': 'Adds content of its own, with public pages',
  storage: 'Keeps data of its own in the site’s database',
  jobs: 'Runs work on a timer',
  mail: 'Sends email',
};

export function PackageScreen(props: { id: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => get<Detail>(`/packages/${encodeURIComponent(props.id)}`).then(setDetail, setError);
  useEffect(() => void load(), []);

  const back = (
    <a class="back-link" href="/admin/directory">
      <Icon name="back" size={16} /> Themes & plugins
    </a>
  );
  if (error) return <section class="directory">{back}<DirectoryProblem error={error} retry={load} /></section>;
  if (!detail) return <Loading label="Asking the directory…" />;
  const pkg = detail.package;

  return (
    <section class="directory package-page">
      {back}
      <header class="package-header">
        <h1>{pkg.name}</h1>
        <span class="badge">{KIND_LABELS[pkg.kind]}</span>
        {detail.onSite ? <span class="badge badge-published">{detail.onSite === 'theme' ? 'Theme of this site' : 'On this site'}</span> : null}
        <p class="package-byline">
          {pkg.id} · version {pkg.version} · by {pkg.author.name ?? pkg.author.handle}
        </p>
        {pkg.description ? <p class="package-lead">{pkg.description}</p> : null}
      </header>
      <div class="package-layout">
        <InstallPanel detail={detail} onChanged={load} />
        <div class="package-main">
          {pkg.screenshots.length ? (
            <ul class="screenshots" aria-label="Screenshots">
              {pkg.screenshots.map((src, index) => (
                <li key={src}>
                  <a href={src} target="_blank" rel="noopener">
                    <img src={src} alt={`${pkg.name}, screenshot ${index + 1}`} loading="lazy" />
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          <dl class="facts package-facts">
            <dt>Price</dt>
            <dd>{formatPrice(pkg.price)}{pkg.price?.terms ? `. ${pkg.price.terms}` : ''}</dd>
            {pkg.kind === 'plugin' ? (
              <>
                <dt>It may</dt>
                <dd>
                  {pkg.capabilities.length ? (
                    <ul class="capabilities">
                      {pkg.capabilities.map((capability) => <li key={capability}>{CAPABILITIES[capability] ?? capability} <code>{capability}</code></li>)}
                    </ul>
                  ) : 'Nothing beyond being listed'}
                </dd>
              </>
            ) : null}
            <dt>Works with</dt>
            <dd>Guild {pkg.engine} (this host runs {detail.engine})</dd>
            <dt>Licence</dt>
            <dd>{pkg.licence}</dd>
            <dt>Published</dt>
            <dd>{formatDate(pkg.publishedAt)}</dd>
          </dl>
          {pkg.readmeHtml.trim() ? <div class="readme" dangerouslySetInnerHTML={{ __html: pkg.readmeHtml }} /> : null}
          <h2 class="section-title">Versions</h2>
          <div class="table-scroll">
            <table class="versions">
              <thead>
                <tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">Works with</th></tr>
              </thead>
              <tbody>
                {detail.versions.map((version) => (
                  <tr key={version.version}>
                    <td>
                      {version.version}
                      {version.yanked ? <span class="badge badge-failed">withdrawn</span> : null}
                      {version.yankReason ? <small class="badge-note">{version.yankReason}</small> : null}
                    </td>
                    <td>{formatDate(version.publishedAt)}</td>
                    <td>Guild {version.engine}{version.fits ? '' : ' (not this host)'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 class="section-title">Sites using it</h2>
          {detail.sites.length ? (
            <ul class="using-sites">
              {detail.sites.map((site) => (
                <li key={site.domain}>
                  <strong>{site.title}</strong> <small>{site.domain}{site.version ? ` · ${site.version}` : ''} · built by {site.builtBy}</small>
                </li>
              ))}
            </ul>
          ) : (
            <p class="report-line">No site listed in the directory uses it yet.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function InstallPanel(props: { detail: Detail; onChanged: () => void }) {
  const { detail } = props;
  const pkg = detail.package;
  const open = detail.versions.filter((version) => !version.yanked);
  const [version, setVersion] = useState(detail.latest ?? open.find((candidate) => candidate.fits)?.version ?? '');
  const [licence, setLicence] = useState('');
  const [order, setOrder] = useState<Extract<Purchase, { status: 'pending' }>['order'] | null>(null);
  const [removing, setRemoving] = useState(false);
  const installing = useAction();
  const buying = useAction();
  const chosen = open.find((candidate) => candidate.version === version);

  const install = async (event?: Event) => {
    event?.preventDefault();
    const body = { ...(version && version !== detail.latest ? { version } : {}), ...(licence.trim() ? { licence: licence.trim() } : {}) };
    const done = await installing.run(() => post<{ installed: { version: string } }>(`/packages/${encodeURIComponent(pkg.id)}/install`, body));
    if (!done) return;
    toast(pkg.kind === 'theme' ? `${pkg.name} ${done.installed.version} is installed and is now the site's theme.` : `${pkg.name} ${done.installed.version} is installed and running on this site.`);
    setLicence('');
    props.onChanged();
  };

  const buy = async () => {
    const purchase = await buying.run(() => post<Purchase>(`/packages/${encodeURIComponent(pkg.id)}/buy`));
    if (!purchase) return;
    if (purchase.status === 'pending') return setOrder(purchase.order);
    setOrder(null);
    toast(`Licence issued for ${purchase.licence.sites.join(', ')}. ${pkg.name} ${purchase.installed.version} is installed on this site.`);
    props.onChanged();
  };

  const installLabel = detail.onSite && detail.installed === version ? 'Install again' : detail.onSite ? `Install version ${version}` : pkg.kind === 'theme' ? 'Install and use this theme' : 'Install on this site';
  const error = installing.error ?? buying.error;
  return (
    <aside class="card install-panel" aria-labelledby="install-title">
      <h2 id="install-title">{detail.onSite ? `On this site${detail.installed ? ` · ${detail.installed}` : ''}` : 'Add to this site'}</h2>
      <p class={pkg.price ? 'price price-paid' : 'price'}>{formatPrice(pkg.price)}</p>
      {error ? (
        <div class="notice notice-error" role="alert">
          <p>{error.message}</p>
          {error.code !== 'UNKNOWN' ? <p><small>{error.code}</small></p> : null}
        </div>
      ) : null}
      {open.length === 0 ? <p class="notice notice-warning">Every version has been withdrawn; there is nothing to install.</p> : (
        <form onSubmit={install}>
          <Field label="Version" hint={chosen && !chosen.fits ? `Needs Guild ${chosen.engine}; this host runs ${detail.engine}.` : undefined}>
            {(id, described) => (
              <select id={id} value={version} aria-describedby={described} onChange={(event) => setVersion(event.currentTarget.value)}>
                {open.map((candidate) => (
                  <option key={candidate.version} value={candidate.version}>
                    {candidate.version}{candidate.version === detail.latest ? ' (latest)' : ''}{candidate.fits ? '' : ' — needs another Guild'}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {pkg.price && !detail.onSite ? (
            <>
              {order ? (
                <div class="notice notice-info" role="status">
                  <p><strong>Order {order.id} is waiting for payment</strong> ({formatPrice({ amount: order.amount, currency: order.currency })}, as {order.buyer}).</p>
                  <p>{order.instructions}</p>
                  <p>Once it is paid, check again to get the licence and install.</p>
                </div>
              ) : null}
              <Button variant="primary" class="button-block" busy={buying.busy} onClick={buy}>
                {order ? 'Check payment' : 'Buy for this site'}
              </Button>
              <details class="licence-box">
                <summary>I have a licence</summary>
                <Field label="Licence" error={installing.error?.field('licence')} hint="A token that starts with guild-licence., for this site's domain.">
                  {(id, described) => <textarea id={id} rows={3} value={licence} aria-describedby={described} onInput={(event) => setLicence(event.currentTarget.value)} />}
                </Field>
                <Button type="submit" busy={installing.busy} disabled={!licence.trim()}>Install with this licence</Button>
              </details>
            </>
          ) : (
            // On the site already, a paid package installs again with the licence site.json holds.
            <Button type="submit" variant="primary" class="button-block" busy={installing.busy}>
              {installLabel}
            </Button>
          )}
        </form>
      )}
      {detail.onSite === 'plugin' ? (
        <Button variant="danger" class="button-block remove-button" onClick={() => setRemoving(true)}>
          Remove from this site
        </Button>
      ) : null}
      <p class="field-hint">
        Everything is checked before anything changes: the archive's hash, its author's signature, the Guild version it needs and, for a paid one, the licence.
      </p>
      <a class="brand-link" href={detail.url} target="_blank" rel="noopener">
        Open in the directory <Icon name="external" size={14} />
      </a>
      {removing ? <RemoveDialog pkg={pkg} onClose={() => setRemoving(false)} onRemoved={() => (setRemoving(false), props.onChanged())} /> : null}
    </aside>
  );
}
