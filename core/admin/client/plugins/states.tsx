/**
 * The owner's Plugins screen: how each plugin listed in site.json is doing on this site (active,
 * failing with its last error, failed at start, switched off and why, inactive), with the button
 * that switches a switched-off plugin back on, and links to its pages and settings.
 */
import { useEffect, useState } from 'preact/hooks';
import { post } from '../api.ts';
import { can, session, toast } from '../state.ts';
import { Button, EmptyState, ErrorNotice, formatDate, Loading, PageHeader, relativeTime } from '../ui.tsx';
import { loadPlugins, plugins, type PluginInfo } from './list.ts';

const STATE_LABEL: Record<PluginInfo['state'], string> = {
  active: 'Active',
  failing: 'Failing',
  failed: 'Did not start',
  'switched-off': 'Switched off',
  inactive: 'Inactive',
};

export function PluginsScreen() {
  const list = plugins.use();
  const [error, setError] = useState<unknown>(null);
  const load = () => loadPlugins().then(() => setError(null), setError);
  useEffect(() => void load(), []);
  if (!can('plugins:manage')) {
    return <EmptyState title="Plugins are the owner’s to manage">Ask the site’s owner if a plugin’s page is missing from the menu.</EmptyState>;
  }
  if (error) return <ErrorNotice error={error} retry={load} />;
  if (!list) return <Loading />;
  return (
    <section class="narrow">
      <PageHeader title="Plugins" />
      <p class="lead">
        The plugins this site uses and how each is doing here. A plugin that keeps failing is switched off on this site alone, and the rest of the site goes on without it, until you switch it back on.
      </p>
      {list.length === 0 ? (
        <EmptyState title="This site uses no plugins">Plugins are listed in the site’s site.json; add one with <code>npx guild plugin activate</code>.</EmptyState>
      ) : (
        <ul class="plugin-list">
          {list.map((plugin) => <PluginCard key={plugin.id} plugin={plugin} />)}
        </ul>
      )}
    </section>
  );
}

function PluginCard(props: { plugin: PluginInfo }) {
  const { plugin } = props;
  const [busy, setBusy] = useState(false);
  const switchOn = async () => {
    setBusy(true);
    try {
      const answer = await post<{ switchedOn: boolean }>(`/plugins/${encodeURIComponent(plugin.id)}/switch-on`);
      await loadPlugins();
      toast(answer.switchedOn ? `${plugin.name} is back on.` : `${plugin.name} was not switched off.`, answer.switchedOn ? 'success' : 'info');
    } catch (caught) {
      toast((caught as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  const running = plugin.state === 'active' || plugin.state === 'failing';
  return (
    <li class={`plugin-card card plugin-${plugin.state}`} aria-labelledby={`plugin-${plugin.id}`}>
      <header class="plugin-card-head">
        <div>
          <h2 id={`plugin-${plugin.id}`}>{plugin.name}</h2>
          <small>
            {plugin.id}
            {plugin.version ? ` · ${plugin.version}` : ''}
            {running ? (plugin.isolated ? ' · runs in its own sandbox' : ' · runs in the host') : ''}
          </small>
        </div>
        <span class={`badge badge-plugin-${plugin.state}`}>{STATE_LABEL[plugin.state]}</span>
      </header>
      {plugin.description ? <p class="plugin-description">{plugin.description}</p> : null}
      <PluginProblem plugin={plugin} />
      {plugin.state === 'switched-off' ? (
        <Button variant="primary" busy={busy} onClick={switchOn}>Switch back on</Button>
      ) : null}
      {running && (plugin.pages.length || plugin.settings) ? (
        <p class="plugin-links">
          {plugin.pages.map((page) => <a key={page.path} href={`/admin/plugins/${plugin.id}/${page.path}`}>{page.title}</a>)}
          {plugin.settings ? <a href={`/admin/settings/plugins/${plugin.id}`}>Settings</a> : null}
        </p>
      ) : null}
    </li>
  );
}

function PluginProblem(props: { plugin: PluginInfo }) {
  const { plugin } = props;
  if (plugin.state === 'failing' && plugin.lastError) {
    return (
      <div class="notice notice-warning">
        <p>
          <strong>It failed {relativeTime(plugin.lastError.at)}</strong> in <code>{plugin.lastError.hook}</code>; that part was skipped and the page was still sent.
        </p>
        <p class="plugin-reason">{plugin.lastError.reason}</p>
      </div>
    );
  }
  if (plugin.state === 'switched-off') {
    return (
      <div class="notice notice-error">
        <p>
          <strong>Switched off {plugin.since ? formatDate(plugin.since, { time: true }) : ''}</strong>: the site runs without it. Switch it back on once the cause is fixed; it starts again at once.
        </p>
        {plugin.reason ? <p class="plugin-reason">{plugin.reason}</p> : null}
      </div>
    );
  }
  if (plugin.state === 'failed') {
    return (
      <div class="notice notice-error">
        <p><strong>It could not start</strong> when the site opened, so the site runs without it. Once the cause below is fixed, the site starts it when it next opens.</p>
        {plugin.reason ? <p class="plugin-reason">{plugin.reason}</p> : null}
      </div>
    );
  }
  if (plugin.state === 'inactive') {
    return <p class="plugin-note">Listed in site.json with <code>"active": false</code>. Activate it with <code>npx guild plugin activate {plugin.id} {session.get()?.site.id}</code>.</p>;
  }
  return null;
}
