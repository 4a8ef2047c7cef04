/**
 * The directory (owners): browse and search the host's directory for themes and plugins, and see
 * what this site runs (its theme, its plugins, the other themes on this host) with the actions
 * that change it. A package's own page is package.tsx (/directory/packages/<id>).
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, del, get, post } from '../api.ts';
import { toast } from '../state.ts';
import { Button, Dialog, EmptyState, ErrorNotice, Field, FormError, Loading, PageHeader, SearchBox, useAction } from '../ui.tsx';
import './directory.css';

export interface Price {
  amount: number;
  currency: string;
  months?: number | null;
  terms?: string | null;
}

export type Kind = 'plugin' | 'theme';

interface Summary {
  id: string;
  kind: Kind;
  owner: string;
  name: string;
  description: string;
  latest: string;
  price: Price | null;
  sites: number;
  onSite: Kind | null;
  installed: string | null;
}

interface HostPackage {
  kind: Kind;
  id: string;
  name: string;
  version: string | null;
  description: string;
  price: Price | null;
  installedFrom: string | null;
  problem: string | null;
}

interface PackageUpdate {
  id: string;
  current: string;
  range: string;
  wanted: string | null;
  latest: string;
}

interface OnSite {
  directory: string | null;
  theme: HostPackage;
  plugins: Array<HostPackage & { state: string; reason: string | null }>;
  themes: HostPackage[];
  /** Null when the directory could not be asked. */
  updates: PackageUpdate[] | null;
}

export function formatPrice(price: Price | null): string {
  if (!price) return 'Free';
  const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: price.currency }).format(price.amount / 100);
  return `${money} per site${price.months ? `, licence for ${price.months} months` : ''}`;
}

export const KIND_LABELS: Record<Kind, string> = { plugin: 'Plugin', theme: 'Theme' };

export function DirectoryScreen(props: { path: string }) {
  const tab = props.path === '/directory/installed' ? 'installed' : 'browse';
  return (
    <section class="directory">
      <PageHeader title="Themes & plugins" />
      <nav class="tabs" aria-label="Themes and plugins">
        <a href="/admin/directory" aria-current={tab === 'browse' ? 'page' : undefined}>Browse the directory</a>
        <a href="/admin/directory/installed" aria-current={tab === 'installed' ? 'page' : undefined}>On this site</a>
      </nav>
      {tab === 'browse' ? <Browse /> : <Installed />}
    </section>
  );
}

/** The directory's answer was that there is none, or another error: an empty state says which. */
export function DirectoryProblem(props: { error: unknown; retry?: () => void }) {
  if (props.error instanceof ApiError && props.error.code === 'GUILD_ERR_NO_DIRECTORY') {
    return <EmptyState title="No directory to install from">{props.error.message}</EmptyState>;
  }
  return <ErrorNotice error={props.error} {...(props.retry ? { retry: props.retry } : {})} />;
}

function Browse() {
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<'' | Kind>('');
  const [result, setResult] = useState<{ directory: string; items: Summary[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    setError(null);
    const timer = setTimeout(() => {
      const params = new URLSearchParams({ q: search, ...(kind ? { kind } : {}) });
      get<{ directory: string; items: Summary[] }>(`/packages?${params}`).then(setResult, setError);
    }, search ? 250 : 0);
    return () => clearTimeout(timer);
  }, [search, kind, reload]);

  return (
    <>
      <div class="filters">
        <SearchBox label="Search themes and plugins" placeholder="Search by name, id or description" value={search} onInput={setSearch} />
        <label>
          <span class="visually-hidden">Kind</span>
          <select value={kind} onChange={(event) => setKind(event.currentTarget.value as '' | Kind)}>
            <option value="">Themes and plugins</option>
            <option value="plugin">Plugins</option>
            <option value="theme">Themes</option>
          </select>
        </label>
      </div>
      {error ? <DirectoryProblem error={error} retry={() => setReload(reload + 1)} /> : null}
      {!result && !error ? <Loading label="Asking the directory…" /> : null}
      {result && !error ? (
        <>
          <p class="lead" role="status">
            {result.items.length === 1 ? '1 package' : `${result.items.length} packages`} in <a href={result.directory} target="_blank" rel="noopener">{result.directory.replace(/^https?:\/\//, '')}</a>, most used first.
          </p>
          {result.items.length === 0 ? (
            <EmptyState title={search ? 'Nothing matches' : 'The directory is empty'}>
              {search ? `No ${kind ? `${kind}s` : 'themes or plugins'} match “${search}”. Try fewer or other words.` : 'Nobody has published a theme or plugin there yet.'}
            </EmptyState>
          ) : (
            <ul class="package-grid">
              {result.items.map((item) => (
                <li key={item.id}>
                  <a class="package-card" href={`/admin/directory/packages/${encodeURIComponent(item.id)}`}>
                    <span class="package-card-head">
                      <strong>{item.name}</strong>
                      <span class="badge">{KIND_LABELS[item.kind]}</span>
                    </span>
                    <small class="package-id">{item.id} · by {item.owner}</small>
                    <span class="package-description">{item.description || 'No description.'}</span>
                    <span class="package-card-foot">
                      <span class={item.price ? 'price price-paid' : 'price'}>{formatPrice(item.price)}</span>
                      <span>{item.sites === 0 ? 'Not used yet' : item.sites === 1 ? 'Used on 1 site' : `Used on ${item.sites} sites`}</span>
                      {item.onSite ? <span class="badge badge-published">{item.onSite === 'theme' ? 'Theme of this site' : 'On this site'}</span> : null}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </>
  );
}

function Installed() {
  const [data, setData] = useState<OnSite | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [removing, setRemoving] = useState<HostPackage | null>(null);
  const [licensing, setLicensing] = useState<HostPackage | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = () => get<OnSite>('/installed').then(setData, setError);
  useEffect(() => void load(), []);
  if (error) return <DirectoryProblem error={error} retry={load} />;
  if (!data) return <Loading />;

  const useTheme = async (theme: HostPackage) => {
    if (theme.price) return setLicensing(theme);
    setBusy(theme.id);
    try {
      await post(`/themes/${encodeURIComponent(theme.id)}/use`, {});
      toast(`${theme.name} is now the site's theme.`);
      await load();
    } catch (caught) {
      toast((caught as Error).message, 'error');
    } finally {
      setBusy(null);
    }
  };

  const update = async (pkg: HostPackage, to: string) => {
    setBusy(`update:${pkg.id}`);
    try {
      await post(`/packages/${encodeURIComponent(pkg.id)}/update`, {});
      toast(`${pkg.name} is now at version ${to}.`);
      await load();
    } catch (caught) {
      toast((caught as Error).message, 'error');
    } finally {
      setBusy(null);
    }
  };
  const updateOf = (pkg: HostPackage) => {
    const found = data.updates?.find((candidate) => candidate.id === pkg.id);
    if (!found) return null;
    const canUpdate = found.wanted && found.wanted !== found.current;
    return (
      <span class="installed-update">
        {canUpdate ? (
          <Button busy={busy === `update:${pkg.id}`} onClick={() => update(pkg, found.wanted!)} aria-label={`Update ${pkg.name} to ${found.wanted}`}>
            Update to {found.wanted}
          </Button>
        ) : null}
        {found.latest !== found.wanted ? <small class="field-hint">Version {found.latest} is out, beyond this site's range {found.range}: your builder can move it there.</small> : null}
      </span>
    );
  };

  return (
    <>
      {data.updates === null ? <p class="field-hint">Updates could not be checked: the directory did not answer.</p> : null}
      <section class="card" aria-labelledby="theme-title">
        <h2 id="theme-title">Theme</h2>
        <div class="installed-row">
          <span class="installed-name">
            <strong>{data.theme.name}</strong>
            <small>{describe(data.theme)}</small>
          </span>
          {updateOf(data.theme)}
          <a class="button" href="/admin/settings/theme">Theme settings</a>
        </div>
        {data.themes.length > 1 ? (
          <>
            <h3 class="subhead">Other themes on this host</h3>
            <ul class="installed-list">
              {data.themes.filter((theme) => theme.id !== data.theme.id).map((theme) => (
                <li key={theme.id} class="installed-row">
                  <span class="installed-name">
                    <strong>{theme.name}</strong>
                    <small>{describe(theme)}{theme.price ? ` · ${formatPrice(theme.price)}` : ''}</small>
                    {theme.problem ? <small class="field-error">{theme.problem}</small> : null}
                  </span>
                  <Button busy={busy === theme.id} disabled={Boolean(theme.problem)} onClick={() => useTheme(theme)} aria-label={`Use ${theme.name} as this site's theme`}>
                    Use this theme
                  </Button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p class="field-hint">More themes: <a href="/admin/directory">browse the directory</a>. Switching keeps every post and page; the new theme starts from its own default settings.</p>
      </section>
      <section class="card" aria-labelledby="plugins-title">
        <h2 id="plugins-title">Plugins</h2>
        {data.plugins.length === 0 ? (
          <EmptyState title="No plugins yet" action={<a class="button button-primary" href="/admin/directory">Browse plugins</a>}>
            Plugins add forms, SEO, analytics and more. Find them in the directory.
          </EmptyState>
        ) : (
          <ul class="installed-list">
            {data.plugins.map((plugin) => (
              <li key={plugin.id} class="installed-row">
                <span class="installed-name">
                  <strong>{plugin.name}</strong>
                  <small>{describe(plugin)}</small>
                  {plugin.state !== 'active' ? <small class="field-error">{plugin.state === 'inactive' ? 'Turned off' : `Not running: ${plugin.reason ?? plugin.state}`}</small> : null}
                </span>
                {updateOf(plugin)}
                <Button variant="danger" onClick={() => setRemoving(plugin)} aria-label={`Remove ${plugin.name} from this site`}>
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {removing ? <RemoveDialog pkg={removing} onClose={() => setRemoving(null)} onRemoved={() => (setRemoving(null), void load())} /> : null}
      {licensing ? <LicenceDialog theme={licensing} onClose={() => setLicensing(null)} onUsed={() => (setLicensing(null), void load())} /> : null}
    </>
  );
}

function describe(pkg: HostPackage): string {
  const version = pkg.version ? `version ${pkg.version}` : 'version unknown';
  const source = pkg.installedFrom ? `from ${pkg.installedFrom.replace(/^https?:\/\//, '')}` : 'comes with this host';
  return `${pkg.id} · ${version} · ${source}`;
}

export function RemoveDialog(props: { pkg: { id: string; name: string }; onClose: () => void; onRemoved: () => void }) {
  const { busy, error, run } = useAction();
  const remove = async () => {
    const removed = await run(() => del<{ deleted: boolean }>(`/packages/${encodeURIComponent(props.pkg.id)}`));
    if (!removed) return;
    toast(`${props.pkg.name} is off this site.${removed.deleted ? ' No other site used it, so it left the host too.' : ''}`);
    props.onRemoved();
  };
  return (
    <Dialog
      title={`Remove ${props.pkg.name}?`}
      onClose={props.onClose}
      footer={
        <>
          <Button onClick={props.onClose}>Keep it</Button>
          <Button variant="danger" busy={busy} onClick={remove}>Remove</Button>
        </>
      }
    >
      <FormError error={error} />
      <p>The site stops using {props.pkg.name} at once. Its settings in site.json go with it; what it stored in the site's database stays, should you add it again.</p>
    </Dialog>
  );
}

function LicenceDialog(props: { theme: HostPackage; onClose: () => void; onUsed: () => void }) {
  const [licence, setLicence] = useState('');
  const { busy, error, run } = useAction();
  const use = async (event: Event) => {
    event.preventDefault();
    const done = await run(() => post(`/themes/${encodeURIComponent(props.theme.id)}/use`, { licence: licence.trim() }).then(() => true), { success: `${props.theme.name} is now the site's theme.` });
    if (done) props.onUsed();
  };
  return (
    <Dialog title={`Use ${props.theme.name}`} onClose={props.onClose}>
      <form onSubmit={use}>
        <p>{props.theme.name} is a paid theme ({formatPrice(props.theme.price)}). Paste this site's licence for it, or buy one from its page in the directory.</p>
        <FormError error={error} />
        <Field label="Licence" error={error?.field('licence')} hint="A token that starts with guild-licence.">
          {(id, described) => <textarea id={id} rows={4} required value={licence} aria-describedby={described} onInput={(event) => setLicence(event.currentTarget.value)} />}
        </Field>
        <div class="row">
          <Button type="submit" variant="primary" busy={busy}>Use this theme</Button>
        </div>
      </form>
    </Dialog>
  );
}
