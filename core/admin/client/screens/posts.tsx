/** The list of posts (or pages): search, filter by status and tag, select several for bulk actions. */
import { useEffect, useState } from 'preact/hooks';
import { get, post, type Page, type PostSummary } from '../api.ts';
import { navigate, useLocation } from '../router.ts';
import { toast } from '../state.ts';
import { Button, Dialog, EmptyState, ErrorNotice, formatDate, Icon, Loading, PageHeader, Pager, relativeTime, SearchBox } from '../ui.tsx';

interface Tag {
  name: string;
  slug: string;
}

const STATUS_LABELS: Record<string, string> = { draft: 'Draft', published: 'Published', scheduled: 'Scheduled' };

export function PostsScreen(props: { type: 'post' | 'page' }) {
  const plural = props.type === 'page' ? 'pages' : 'posts';
  const { query } = useLocation();
  const search = query.get('search') ?? '';
  const status = query.get('status') ?? 'any';
  const tag = query.get('tag') ?? '';
  const pageNumber = Number(query.get('page')) || 1;
  const [result, setResult] = useState<Page<PostSummary> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tags, setTags] = useState<Tag[]>([]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [searchText, setSearchText] = useState(search);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [reload, setReload] = useState(0);

  const setQuery = (changes: Record<string, string>) => {
    const next = new URLSearchParams(location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value && value !== 'any') next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    navigate(`/${plural}${next.size ? `?${next}` : ''}`, { replace: true });
  };

  useEffect(() => {
    setResult(null);
    setError(null);
    setSelected(new Set());
    const params = new URLSearchParams({ status, page: String(pageNumber), limit: '20' });
    if (search) params.set('search', search);
    if (tag) params.set('tag', tag);
    get<Page<PostSummary>>(`/${plural}?${params}`).then(setResult, setError);
  }, [plural, search, status, tag, pageNumber, reload]);

  useEffect(() => {
    get<{ items: Tag[] }>('/tags').then((answer) => setTags(answer.items), () => setTags([]));
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => searchText !== search && setQuery({ search: searchText }), 300);
    return () => clearTimeout(timer);
  }, [searchText]);

  const bulk = async (action: 'publish' | 'unpublish' | 'delete') => {
    setBusy(true);
    try {
      const answer = await post<{ done: number[]; failed: Array<{ id: number; message: string }> }>(`/${plural}/bulk`, { action, ids: [...selected] });
      const verb = { publish: 'Published', unpublish: 'Unpublished', delete: 'Deleted' }[action];
      toast(`${verb} ${answer.done.length} ${answer.done.length === 1 ? props.type : plural}.`);
      if (answer.failed.length) toast(`${answer.failed.length} could not be changed: ${answer.failed.map((item) => `#${item.id} ${item.message}`).join(', ')}`, 'error');
      setReload(reload + 1);
    } catch (caught) {
      toast((caught as Error).message, 'error');
    } finally {
      setBusy(false);
      setConfirmDelete(false);
    }
  };

  const items = result?.items ?? [];
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  const filtered = Boolean(search || tag || status !== 'any');
  const title = props.type === 'page' ? 'Pages' : 'Posts';

  return (
    <section>
      <PageHeader title={title}>
        <a class="button button-primary" href={`/admin/${plural}/new`}>
          <Icon name="plus" /> New {props.type}
        </a>
      </PageHeader>
      <div class="filters" role="search">
        <SearchBox label={`Search ${plural}`} placeholder={`Search ${plural}`} value={searchText} onInput={setSearchText} />
        <label>
          <span class="visually-hidden">Status</span>
          <select value={status} onChange={(e) => setQuery({ status: e.currentTarget.value })}>
            <option value="any">All statuses</option>
            <option value="draft">Drafts</option>
            <option value="scheduled">Scheduled</option>
            <option value="published">Published</option>
          </select>
        </label>
        {props.type === 'post' ? (
          <label>
            <span class="visually-hidden">Tag</span>
            <select value={tag} onChange={(e) => setQuery({ tag: e.currentTarget.value })}>
              <option value="">All tags</option>
              {tags.map((item) => (
                <option key={item.slug} value={item.slug}>{item.name}</option>
              ))}
            </select>
          </label>
        ) : null}
      </div>

      {selected.size ? (
        <div class="bulk-bar" role="region" aria-label="Bulk actions">
          <span>{selected.size} selected</span>
          <Button onClick={() => bulk('publish')} busy={busy}>Publish</Button>
          <Button onClick={() => bulk('unpublish')} busy={busy}>Unpublish</Button>
          <Button variant="danger" onClick={() => setConfirmDelete(true)} busy={busy}>Delete</Button>
          <Button variant="ghost" onClick={() => setSelected(new Set())}>Clear</Button>
        </div>
      ) : null}

      {error ? <ErrorNotice error={error} retry={() => setReload(reload + 1)} /> : null}
      {!result && !error ? <Loading /> : null}
      {result && items.length === 0 ? (
        filtered ? (
          <EmptyState title={`No ${plural} match`} action={<Button onClick={() => (setSearchText(''), navigate(`/${plural}`, { replace: true }))}>Clear the filters</Button>}>
            Nothing matches {search ? `“${search}”` : 'these filters'}.
          </EmptyState>
        ) : (
          <EmptyState title={`No ${plural} yet`} action={<a class="button button-primary" href={`/admin/${plural}/new`}>Write the first {props.type}</a>}>
            {props.type === 'page' ? 'Pages hold what rarely changes: about, contact, opening hours.' : 'Posts are the news and stories of the site, newest first.'}
          </EmptyState>
        )
      ) : null}

      {items.length ? (
        <div class="post-list" role="table" aria-label={title}>
          <div class="post-row post-head" role="row">
            <span role="columnheader">
              <input type="checkbox" aria-label={`Select all ${plural} on this page`} checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((item) => item.id)))} />
            </span>
            <span role="columnheader">Title</span>
            <span role="columnheader">Status</span>
            <span role="columnheader">Updated</span>
          </div>
          {items.map((item) => (
            <div class={`post-row${selected.has(item.id) ? ' is-selected' : ''}`} role="row" key={item.id}>
              <span role="cell">
                <input
                  type="checkbox"
                  aria-label={`Select “${item.title}”`}
                  checked={selected.has(item.id)}
                  onChange={() => {
                    const next = new Set(selected);
                    if (next.has(item.id)) next.delete(item.id);
                    else next.add(item.id);
                    setSelected(next);
                  }}
                />
              </span>
              <span role="cell" class="post-title">
                <a href={`/admin/${plural}/${item.id}`}>{item.title}</a>
                <small>
                  {item.authors.map((author) => author.name).join(', ')}
                  {item.tags.length ? ` · ${item.tags.map((t) => t.name).join(', ')}` : ''}
                </small>
              </span>
              <span role="cell">
                <span class={`badge badge-${item.status}`}>{STATUS_LABELS[item.status]}</span>
                {item.status === 'scheduled' ? <small class="badge-note">{formatDate(item.publishedAt, { time: true })}</small> : null}
              </span>
              <span role="cell" class="post-date" title={formatDate(item.updatedAt, { time: true })}>{relativeTime(item.updatedAt)}</span>
            </div>
          ))}
        </div>
      ) : null}

      {result ? <Pager page={result.page} pages={result.pages} onPage={(page) => setQuery({ page: String(page) })} /> : null}

      {confirmDelete ? (
        <Dialog
          title={`Delete ${selected.size} ${selected.size === 1 ? props.type : plural}?`}
          onClose={() => setConfirmDelete(false)}
          footer={
            <>
              <Button onClick={() => setConfirmDelete(false)}>Keep them</Button>
              <Button variant="danger" busy={busy} onClick={() => bulk('delete')}>Delete for good</Button>
            </>
          }
        >
          <p>Deleted {plural} and their history cannot be brought back. To take one off the site but keep it, unpublish it instead.</p>
        </Dialog>
      ) : null}
    </section>
  );
}
