/**
 * The site's menus, the main one and the secondary one (a footer menu in most themes): reorder with
 * buttons (or keys), rename, and link to pages, posts, tags or anywhere.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, put, type Page, type PostSummary } from '../api.ts';
import { toast } from '../state.ts';
import { Button, EmptyState, ErrorNotice, Icon, Loading, PageHeader } from '../ui.tsx';

interface Item {
  label: string;
  url: string;
}

interface Target {
  label: string;
  url: string;
  group: string;
}

const MENUS = { primary: 'The menu at the top of every page, in this order.', secondary: 'The secondary menu, which most themes show in the footer ({{navigation type="secondary"}}).' } as const;
type Menu = keyof typeof MENUS;

export function NavigationScreen() {
  const [menu, setMenu] = useState<Menu>('primary');
  const [items, setItems] = useState<Item[] | null>(null);
  const [targets, setTargets] = useState<Target[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);

  const query = menu === 'secondary' ? '?menu=secondary' : '';
  useEffect(() => {
    setItems(null);
    setDirty(false);
    get<{ items: Item[] }>(`/navigation${query}`).then((answer) => setItems(answer.items), setError);
  }, [query]);
  useEffect(() => {
    Promise.all([
      get<Page<PostSummary>>('/pages?status=published&limit=100').catch(() => ({ items: [] as PostSummary[] })),
      get<Page<PostSummary>>('/posts?status=published&limit=50&order=published').catch(() => ({ items: [] as PostSummary[] })),
      get<{ items: Array<{ name: string; slug: string }> }>('/tags').catch(() => ({ items: [] })),
    ]).then(([pages, posts, tags]) =>
      setTargets([
        { label: 'Home', url: '/', group: 'Site' },
        // A child page's address is nested under its parents' (`url` says where), not `/<slug>/`.
        ...pages.items.map((page) => ({ label: page.title, url: new URL(page.url).pathname, group: 'Pages' })),
        ...posts.items.map((post) => ({ label: post.title, url: `/${post.slug}/`, group: 'Posts' })),
        ...tags.items.map((tag) => ({ label: tag.name, url: `/tag/${tag.slug}/`, group: 'Tags' })),
      ]),
    );
  }, []);

  if (error) return <ErrorNotice error={error} />;
  if (!items) return <Loading />;

  const update = (next: Item[]) => {
    setItems(next);
    setDirty(true);
  };
  const move = (index: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    update(next);
    requestAnimationFrame(() => document.getElementById(`nav-label-${index + by}`)?.focus());
  };
  const save = async () => {
    setBusy(true);
    setProblems(null);
    try {
      const answer = await put<{ items: Item[] }>(`/navigation${query}`, { items });
      setItems(answer.items);
      setDirty(false);
      toast('Navigation saved. The site shows it now.');
    } catch (caught) {
      if (caught instanceof ApiError) setProblems(caught);
      toast((caught as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  const groups = [...new Set(targets.map((target) => target.group))];

  return (
    <section class="narrow">
      <PageHeader title="Navigation">
        <Button variant="primary" busy={busy} disabled={!dirty} onClick={save}>Save</Button>
      </PageHeader>
      <nav class="tabs" aria-label="Menus">
        {(['primary', 'secondary'] as const).map((name) => (
          <a key={name} href="#" aria-current={menu === name ? 'page' : undefined} onClick={(event) => { event.preventDefault(); if (!dirty || window.confirm('Leave this menu without saving its changes?')) setMenu(name); }}>
            {name === 'primary' ? 'Main menu' : 'Secondary menu'}
          </a>
        ))}
      </nav>
      <p class="lead">{MENUS[menu]}</p>
      {items.length === 0 ? <EmptyState title="The menu is empty">Add a first link below: visitors see no menu until then.</EmptyState> : null}
      <ol class="nav-items">
        {items.map((item, index) => (
          <li key={index} class="nav-item">
            <div class="nav-order">
              <button type="button" class="icon-button" aria-label={`Move “${item.label}” up`} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
              <button type="button" class="icon-button" aria-label={`Move “${item.label}” down`} disabled={index === items.length - 1} onClick={() => move(index, 1)}>↓</button>
            </div>
            <label class="nav-field">
              <span>Label</span>
              <input id={`nav-label-${index}`} value={item.label} aria-invalid={Boolean(problems?.field(`items.${index}.label`))} onInput={(e) => update(items.map((entry, i) => (i === index ? { ...entry, label: e.currentTarget.value } : entry)))} />
              {problems?.field(`items.${index}.label`) ? <small class="field-error">{problems.field(`items.${index}.label`)}</small> : null}
            </label>
            <label class="nav-field nav-url">
              <span>Link</span>
              <input list="nav-targets" value={item.url} aria-invalid={Boolean(problems?.field(`items.${index}.url`))} onInput={(e) => update(items.map((entry, i) => (i === index ? { ...entry, url: e.currentTarget.value } : entry)))} />
              {problems?.field(`items.${index}.url`) ? <small class="field-error">{problems.field(`items.${index}.url`)}</small> : null}
            </label>
            <button type="button" class="icon-button" aria-label={`Remove “${item.label}”`} onClick={() => update(items.filter((_, i) => i !== index))}>
              <Icon name="trash" />
            </button>
          </li>
        ))}
      </ol>
      <datalist id="nav-targets">
        {targets.map((target) => <option key={`${target.group}${target.url}`} value={target.url}>{`${target.group}: ${target.label}`}</option>)}
      </datalist>
      <div class="row">
        <Button onClick={() => update([...items, { label: '', url: '' }])}>
          <Icon name="plus" /> Add a link
        </Button>
        <label class="inline-select">
          <span class="visually-hidden">Add a page, post or tag</span>
          <select
            value=""
            onChange={(event) => {
              const target = targets.find((candidate) => `${candidate.group}:${candidate.url}` === event.currentTarget.value);
              if (target) update([...items, { label: target.label, url: target.url }]);
            }}
          >
            <option value="">Add a page, post or tag…</option>
            {groups.map((group) => (
              <optgroup key={group} label={group}>
                {targets.filter((target) => target.group === group).map((target) => <option key={target.url} value={`${target.group}:${target.url}`}>{target.label}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
