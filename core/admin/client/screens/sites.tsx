/**
 * Sites: the freelancer's overview of every site they own or built on this host (state, failing
 * plugins, domains, updates, last backup, links to each admin), and for this site's owners its
 * controls: maintenance, domains, and removal (an archive is written first).
 */
import { useState } from 'preact/hooks';
import { del, post } from '../api.ts';
import { can, session } from '../state.ts';
import { Button, ErrorNotice, Field, FormError, formatDate, Loading, PageHeader, useAction, useLoaded } from '../ui.tsx';
import './sites.css';

interface SiteOverview {
  slug: string;
  title: string | null;
  role: 'owner' | 'builder';
  state: 'serving' | 'refused' | 'disabled' | 'stopped';
  reason: string | null;
  manifestProblems: string[];
  disabled: { since: string; message?: string } | null;
  domains: string[];
  theme: string | null;
  pluginsFailing: Array<{ id: string; state: string; reason: string }>;
  urls: { site: string; admin: string };
  updates: unknown[] | null;
  lastBackup: string | null;
}

const STATE_LABELS: Record<SiteOverview['state'], string> = { serving: 'Serving', refused: 'Refused', disabled: 'Maintenance', stopped: 'Stopped' };

export function SitesScreen() {
  const { data, error, reload } = useLoaded<{ sites: SiteOverview[] }>('/network/sites');
  const current = session.get()?.site;
  return (
    <section class="sites">
      <PageHeader title="Your sites" />
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {!data && !error ? <Loading label="Asking the host about your sites" /> : null}
      {data && data.sites.length === 0 ? <p class="lead">You own or built no site on this host.</p> : null}
      {data && data.sites.length > 0 ? (
        <table class="site-overview">
          <caption class="visually-hidden">Every site you own or built, with its state</caption>
          <thead>
            <tr><th scope="col">Site</th><th scope="col">State</th><th scope="col">Domains</th><th scope="col">Updates</th><th scope="col">Last backup</th><th scope="col">Links</th></tr>
          </thead>
          <tbody>
            {data.sites.map((site) => (
              <tr key={site.slug} data-site={site.slug}>
                <th scope="row">{site.title ?? site.slug}<small>{site.slug} · {site.role}</small></th>
                <td>
                  <span class={`badge badge-site-${site.state}`}>{STATE_LABELS[site.state]}</span>
                  {site.reason ? <span class="badge-note">{site.reason}</span> : null}
                  {site.manifestProblems.length ? <span class="badge-note">site.json is broken; the last valid version serves: {site.manifestProblems.join('; ')}</span> : null}
                  {site.pluginsFailing.map((plugin) => <span key={plugin.id} class="badge-note">Plugin {plugin.id} {plugin.state}: {plugin.reason}</span>)}
                </td>
                <td class="site-domains-cell">{site.domains.join(', ')}</td>
                <td>{site.updates === null ? 'Not tracked on this host' : site.updates.length ? `${site.updates.length} available` : 'Up to date'}</td>
                <td>{site.lastBackup ? formatDate(site.lastBackup, { time: true }) : 'None recorded'}</td>
                <td class="site-links">
                  <a href={site.urls.site} target="_blank" rel="noopener">View</a> <a href={site.urls.admin}>Admin</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {current && can('site:manage') ? <ThisSite slug={current.id} onChange={reload} /> : null}
    </section>
  );
}

/** This site's controls, for its owners. */
function ThisSite(props: { slug: string; onChange: () => void }) {
  const { data, error, reload } = useLoaded<SiteOverview>('/site/state');
  const [message, setMessage] = useState('');
  const [domain, setDomain] = useState('');
  const [confirm, setConfirm] = useState('');
  const action = useAction();
  const changed = () => {
    reload();
    props.onChange();
  };
  if (error) return <ErrorNotice error={error} retry={reload} />;
  if (!data) return <Loading />;
  return (
    <div class="card this-site">
      <h2>This site: {props.slug}</h2>
      <FormError error={action.error} />
      {data.manifestProblems.length ? (
        <div class="notice notice-error" role="alert">
          Its site.json is broken; the last valid version keeps serving until it is fixed:
          <ul>{data.manifestProblems.map((problem) => <li key={problem}><code>{problem}</code></li>)}</ul>
        </div>
      ) : null}
      <h3>Maintenance</h3>
      {data.disabled ? (
        <p>
          Visitors see a maintenance page since {formatDate(data.disabled.since, { time: true })}.{' '}
          <Button busy={action.busy} onClick={() => action.run(() => post('/site/enable'), { success: 'The site is back online.' }).then(changed)}>Put back online</Button>
        </p>
      ) : (
        <form onSubmit={(event) => (event.preventDefault(), action.run(() => post('/site/disable', message ? { message } : {}), { success: 'Visitors now see the maintenance page.' }).then(changed))}>
          <Field label="Message for visitors (optional)" error={action.error?.field('message')}>
            {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={message} maxLength={500} onInput={(event) => setMessage(event.currentTarget.value)} />}
          </Field>
          <Button type="submit" busy={action.busy}>Take offline for maintenance</Button>
        </form>
      )}
      <h3>Domains</h3>
      <ul class="site-domains">
        {data.domains.filter((host) => host !== `${props.slug}.localhost`).map((host) => (
          <li key={host}>
            {host} <Button variant="ghost" busy={action.busy} onClick={() => action.run(() => del(`/site/domains/${encodeURIComponent(host)}`), { success: `${host} removed.` }).then(changed)}>Remove</Button>
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => (event.preventDefault(), action.run(() => post('/site/domains', { domain }), { success: `${domain} added.` }).then((done) => (done && setDomain(''), changed())))}>
        <Field label="Add a domain" error={action.error?.field('domain')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={domain} placeholder="shop.example" onInput={(event) => setDomain(event.currentTarget.value)} />}
        </Field>
        <Button type="submit" busy={action.busy}>Add domain</Button>
      </form>
      <h3>Remove this site</h3>
      <form onSubmit={(event) => (event.preventDefault(), action.run(() => post<{ archive?: string }>('/site/remove', { confirm })).then((done) => done && (location.href = '/')))}>
        <Field label={`Type "${props.slug}" to remove the site; an archive is written first`} error={action.error?.field('confirm')}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={confirm} onInput={(event) => setConfirm(event.currentTarget.value)} />}
        </Field>
        <Button type="submit" variant="danger" busy={action.busy} disabled={confirm !== props.slug}>Remove site</Button>
      </form>
    </div>
  );
}
