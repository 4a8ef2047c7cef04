/**
 * Settings in tabs: the site's own (title, description, logo, icon, timezone, language, accent
 * colour, cover image, social accounts), the theme's custom settings, for owners the code added to
 * every page and the Content API key, and the pages plugins contribute. Each form marks every field the
 * server refused, and keeps what was typed.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, post, put, type Session } from '../api.ts';
import { signedIn } from '../app.tsx';
import { can, session } from '../state.ts';
import type { AdminSettingsField } from '../../../hooks/payloads.ts';
import { FieldInput, ImageField, settingsFieldSpec } from '../fields.tsx';
import { Button, ErrorNotice, Field, Loading, PageHeader, useAction } from '../ui.tsx';

type Values = Record<string, unknown>;

interface ThemeSetting {
  key: string;
  label: string;
  type: 'select' | 'boolean' | 'color' | 'image' | 'text';
  options: string[];
  default: unknown;
  group: string;
  description: string;
  /** Ghost's condition for showing the field, e.g. "hero_layout:[Split image, Full bleed]". */
  visibility: string | null;
  value: unknown;
}

/** Whether a field's visibility condition holds for the values in the form. */
function visible(setting: ThemeSetting, values: Values): boolean {
  const condition = setting.visibility && /^(\w+):(?:\[(.*)\]|(.*))$/.exec(setting.visibility);
  if (!condition) return true;
  const allowed = (condition[2] ?? condition[3] ?? '').split(',').map((value) => value.trim());
  return allowed.includes(String(values[condition[1]!]));
}

interface PluginPage {
  plugin: string;
  title: string;
  description?: string;
  fields: AdminSettingsField[];
  values: Values;
}

export function SettingsScreen(props: { path: string }) {
  const [plugins, setPlugins] = useState<PluginPage[]>([]);
  useEffect(() => {
    get<{ items: PluginPage[] }>('/plugin-settings').then((answer) => setPlugins(answer.items), () => setPlugins([]));
  }, []);
  const tabs = [
    ...(can('settings:edit') ? [{ path: '/settings', label: 'General' }, { path: '/settings/theme', label: 'Theme' }] : []),
    ...(can('site:code') ? [{ path: '/settings/code', label: 'Code & API' }] : []),
    ...plugins.map((page) => ({ path: `/settings/plugins/${page.plugin}`, label: page.title })),
  ];
  const current = props.path === '/settings' && !can('settings:edit') && tabs[0] ? tabs[0].path : props.path;
  const plugin = /^\/settings\/plugins\/(.+)$/.exec(current)?.[1];
  const page = plugins.find((candidate) => candidate.plugin === plugin);
  return (
    <section class="narrow">
      <PageHeader title="Settings" />
      <nav class="tabs" aria-label="Settings">
        {tabs.map((tab) => (
          <a key={tab.path} href={`/admin${tab.path}`} aria-current={current === tab.path ? 'page' : undefined}>{tab.label}</a>
        ))}
      </nav>
      {current === '/settings' ? <GeneralSettings /> : null}
      {current === '/settings/theme' ? <ThemeSettings /> : null}
      {current === '/settings/code' ? <CodeSettings /> : null}
      {plugin ? page ? <PluginSettings key={plugin} page={page} onSaved={(next) => setPlugins(plugins.map((p) => (p.plugin === next.plugin ? next : p)))} /> : <Loading /> : null}
    </section>
  );
}

interface General {
  title: string;
  description: string;
  logo: string | null;
  icon: string | null;
  timezone: string;
  language: string;
  accent_color: string | null;
  cover_image: string | null;
  social: Record<string, string>;
}

/** The social networks of the form, in Ghost's order, with how each is written. */
const NETWORKS: ReadonlyArray<[key: string, label: string, example: string]> = [
  ['twitter', 'X (Twitter)', '@harbourbakery'],
  ['facebook', 'Facebook', 'harbourbakery'],
  ['linkedin', 'LinkedIn', 'harbour-bakery'],
  ['bluesky', 'Bluesky', 'harbour.bsky.social'],
  ['threads', 'Threads', '@harbourbakery'],
  ['mastodon', 'Mastodon', '@harbour@mastodon.social'],
  ['tiktok', 'TikTok', '@harbourbakery'],
  ['youtube', 'YouTube', '@harbourbakery'],
  ['instagram', 'Instagram', 'harbourbakery'],
];

function GeneralSettings() {
  const [values, setValues] = useState<General | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const { busy, error, run } = useAction();
  useEffect(() => {
    get<General>('/settings').then(setValues, setLoadError);
  }, []);
  if (loadError) return <ErrorNotice error={loadError} />;
  if (!values) return <Loading />;
  const set = (changes: Partial<General>) => setValues({ ...values, ...changes });
  const zones = Intl.supportedValuesOf('timeZone');
  const save = async (event: Event) => {
    event.preventDefault();
    const saved = await run(() => put<General>('/settings', values), { success: 'Settings saved. The site shows them now.', toastErrors: true });
    if (saved) {
      const current = session.get();
      if (current) signedIn({ ...current, site: { ...current.site, title: saved.title, logo: saved.logo, icon: saved.icon, timezone: saved.timezone, locale: saved.language } } as Session);
    }
  };
  return (
    <form onSubmit={save} class="card">
      <Field label="Site title" error={error?.field('title')}>
        {(id, described) => <input id={id} required maxLength={200} value={values.title} aria-describedby={described} onInput={(e) => set({ title: e.currentTarget.value })} />}
      </Field>
      <Field label="Description" hint="One sentence about the site, for search engines and the theme." error={error?.field('description')}>
        {(id, described) => <textarea id={id} rows={2} maxLength={500} value={values.description} aria-describedby={described} onInput={(e) => set({ description: e.currentTarget.value })} />}
      </Field>
      <ImageField label="Logo" hint="Shown in the header instead of the title." value={values.logo} error={error?.field('logo')} onChange={(logo) => set({ logo })} />
      <ImageField label="Icon" hint="A square image for browser tabs and home screens." value={values.icon} error={error?.field('icon')} onChange={(icon) => set({ icon })} />
      <ImageField label="Cover image" hint="A large image some themes show at the top of the home page." value={values.cover_image} error={error?.field('cover_image')} onChange={(cover_image) => set({ cover_image })} />
      <Field label="Accent colour" hint="The brand colour themes use for buttons, links and headers (Ghost themes read it as --ghost-accent-color). Empty: Ghost's pink, #FF1A75." error={error?.field('accent_color')}>
        {(id, described) => (
          <div class="two-columns">
            <input id={id} value={values.accent_color ?? ''} placeholder="#FF1A75" pattern="#[0-9a-fA-F]{6}" aria-describedby={described} onInput={(e) => set({ accent_color: e.currentTarget.value || null })} />
            <input type="color" aria-label="Pick the accent colour" value={values.accent_color ?? '#ff1a75'} onInput={(e) => set({ accent_color: e.currentTarget.value })} />
          </div>
        )}
      </Field>
      <fieldset class="group">
        <legend>Social accounts</legend>
        {NETWORKS.map(([key, label, example]) => (
          <Field key={key} label={label} hint={`A handle like ${example}, or the address of the profile.`} error={error?.field(`social.${key}`)}>
            {(id, described) => <input id={id} value={values.social[key] ?? ''} maxLength={500} aria-describedby={described} onInput={(e) => set({ social: { ...values.social, [key]: e.currentTarget.value } })} />}
          </Field>
        ))}
      </fieldset>
      <div class="two-columns">
        <Field label="Time zone" hint="Dates on the site are shown in it." error={error?.field('timezone')}>
          {(id, described) => (
            <select id={id} value={values.timezone} aria-describedby={described} onChange={(e) => set({ timezone: e.currentTarget.value })}>
              {(zones.includes(values.timezone) ? zones : [values.timezone, ...zones]).map((zone) => <option key={zone} value={zone}>{zone}</option>)}
            </select>
          )}
        </Field>
        <Field label="Language" hint="A code like en, pt or de-CH." error={error?.field('language')}>
          {(id, described) => <input id={id} value={values.language} aria-describedby={described} onInput={(e) => set({ language: e.currentTarget.value })} />}
        </Field>
      </div>
      <Button type="submit" variant="primary" busy={busy}>Save settings</Button>
    </form>
  );
}

function CodeSettings() {
  const [code, setCode] = useState<{ head: string; foot: string } | null>(null);
  const [api, setApi] = useState<{ key: string | null; path: string } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const { busy, error, run } = useAction();
  const keyAction = useAction();
  useEffect(() => {
    get<{ head: string; foot: string }>('/settings/code-injection').then(setCode, setLoadError);
    get<{ key: string | null; path: string }>('/settings/content-api').then(setApi, setLoadError);
  }, []);
  if (loadError) return <ErrorNotice error={loadError} />;
  if (!code || !api) return <Loading />;
  const save = (event: Event) => {
    event.preventDefault();
    void run(() => put('/settings/code-injection', code), { success: 'Code saved. Every page carries it now.', toastErrors: true });
  };
  const rotate = async () => {
    if (api.key && !window.confirm('Make a new key? Front ends using the old one stop working until they get the new one.')) return;
    const answer = await keyAction.run(() => post<{ key: string; path: string }>('/settings/content-api/key', {}), { success: api.key ? 'New key made; the old one no longer works.' : 'Key made.', toastErrors: true });
    if (answer) setApi(answer);
  };
  return (
    <>
      <form onSubmit={save} class="card">
        <p class="lead">HTML added to every page of the site, as Ghost's code injection: analytics, fonts, a chat widget. It runs with the site's full trust, so only owners change it.</p>
        <Field label="Before </head>" hint="Printed by {{ghost_head}}, after the site's own tags." error={error?.field('head')}>
          {(id, described) => <textarea id={id} rows={6} class="code" spellcheck={false} value={code.head} aria-describedby={described} onInput={(e) => setCode({ ...code, head: e.currentTarget.value })} />}
        </Field>
        <Field label="Before </body>" hint="Printed by {{ghost_foot}}." error={error?.field('foot')}>
          {(id, described) => <textarea id={id} rows={6} class="code" spellcheck={false} value={code.foot} aria-describedby={described} onInput={(e) => setCode({ ...code, foot: e.currentTarget.value })} />}
        </Field>
        <Button type="submit" variant="primary" busy={busy}>Save code</Button>
      </form>
      <section class="card" aria-labelledby="content-api-title">
        <h2 id="content-api-title">Content API</h2>
        <p>Ghost's Content API at <code>{location.origin.replace(/\/admin.*$/, '')}{api.path}</code> lets headless front ends and Ghost's own client read the site's published content.</p>
        {api.key ? (
          <p>
            Content API key: <code aria-label="Content API key">{api.key}</code>
          </p>
        ) : (
          <p>The site has no key yet.</p>
        )}
        <Button busy={keyAction.busy} onClick={rotate}>{api.key ? 'Make a new key' : 'Make a key'}</Button>
      </section>
    </>
  );
}

function ThemeSettings() {
  const [theme, setTheme] = useState<{ id: string; version: string; description: string; settings: ThemeSetting[] } | null>(null);
  const [values, setValues] = useState<Values>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  const { busy, error, run } = useAction();
  useEffect(() => {
    get<{ id: string; version: string; description: string; settings: ThemeSetting[] }>('/theme').then((answer) => {
      setTheme(answer);
      setValues(Object.fromEntries(answer.settings.map((setting) => [setting.key, setting.value])));
    }, setLoadError);
  }, []);
  if (loadError) return <ErrorNotice error={loadError} />;
  if (!theme) return <Loading />;
  const save = (event: Event) => {
    event.preventDefault();
    void run(() => put('/theme/settings', { values }), { success: 'Theme settings saved.', toastErrors: true });
  };
  const groups = [...new Set(theme.settings.map((setting) => setting.group))];
  return (
    <form onSubmit={save} class="card">
      <p class="lead">
        <strong>{theme.id}</strong> {theme.version} · {theme.description}
      </p>
      {theme.settings.length === 0 ? <p>This theme has no settings of its own.</p> : null}
      {groups.map((group) => (
        <fieldset key={group} class="group">
          <legend>{group === 'site' ? 'Whole site' : group === 'homepage' ? 'Home page' : 'Posts'}</legend>
          {theme.settings.filter((setting) => setting.group === group && visible(setting, values)).map((setting) => (
            <FieldInput key={setting.key} field={settingsFieldSpec({ key: setting.key, label: setting.label, type: setting.type, options: setting.options, help: setting.description })} value={values[setting.key]} error={error?.field(setting.key)} onChange={(value) => setValues({ ...values, [setting.key]: value })} />
          ))}
        </fieldset>
      ))}
      <Button type="submit" variant="primary" busy={busy}>Save theme settings</Button>
    </form>
  );
}

function PluginSettings(props: { page: PluginPage; onSaved: (page: PluginPage) => void }) {
  const [values, setValues] = useState<Values>(props.page.values);
  const { busy, error, run } = useAction();
  const save = async (event: Event) => {
    event.preventDefault();
    const changed = Object.fromEntries(props.page.fields.map((field) => [field.key, values[field.key] ?? null]));
    const saved = await run(() => put<PluginPage>(`/plugin-settings/${props.page.plugin}`, { values: changed }), { success: `${props.page.title} settings saved.`, toastErrors: true });
    if (saved) props.onSaved(saved);
  };
  return (
    <form onSubmit={save} class="card">
      {props.page.description ? <p class="lead">{props.page.description}</p> : null}
      {props.page.fields.map((field) => (
        <FieldInput key={field.key} field={settingsFieldSpec(field)} value={values[field.key]} error={error?.field(field.key)} onChange={(value) => setValues({ ...values, [field.key]: value })} />
      ))}
      <Button type="submit" variant="primary" busy={busy}>Save</Button>
    </form>
  );
}
