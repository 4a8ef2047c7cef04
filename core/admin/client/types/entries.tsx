/**
 * The entries of one content type (/admin/types/<type>): a table of them, drafts included, newest
 * first, a hundred to a page, each with its first telling field, status and last change; a button for a new one, and
 * on each row a link to change it and a button to delete it (after asking). On a phone each row
 * becomes a card, as plugins' own tables do.
 */
import { useState } from 'preact/hooks';
import { ApiError, del } from '../api.ts';
import { cellText } from '../plugins/blocks.tsx';
import type { ContentTypeInfo } from '../plugins/list.ts';
import '../plugins/plugins.css';
import { navigate, useLocation } from '../router.ts';
import { Button, Dialog, EmptyState, ErrorNotice, formatDate, FormError, Icon, Loading, PageHeader, Pager, relativeTime, useAction, useLoaded } from '../ui.tsx';
import { entriesPath, inSentence, TypeMissing, type EntryInfo } from './content-type.tsx';
import './types.css';

/** Field kinds short enough to tell entries apart in a table cell. */
const TELLING = new Set(['text', 'select', 'number', 'date', 'email', 'url']);

export function EntriesScreen(props: { type: string }) {
  const pageNumber = Number(useLocation().query.get('page')) || 1;
  const { data: answer, error, reload: load } = useLoaded<{ type: ContentTypeInfo; entries: EntryInfo[]; page: number; pages: number; total: number }>(`${entriesPath(props.type)}?page=${pageNumber}`);

  if (error instanceof ApiError && error.status === 404) return <TypeMissing name={props.type} />;
  if (error) return <ErrorNotice error={error} retry={load} />;
  if (!answer) return <Loading />;
  const { type, entries } = answer;
  const label = inSentence(type.label);
  const create = (text: string) => (
    <a class="button button-primary" href={`/admin/types/${type.name}/new`}>
      <Icon name="plus" /> {text}
    </a>
  );
  return (
    <section class="entries-screen">
      <PageHeader title={type.plural}>{create(`New ${label}`)}</PageHeader>
      {/* A later page emptied by deletes still offers the way back, not "none yet". */}
      {answer.total === 0 ? (
        <EmptyState title={`No ${inSentence(type.plural)} yet`} action={create(`Add the first ${label}`)}>
          Each {label} you add gets its own page on the site, at /{type.path}/<em>its-name</em>/, and a place in the list at /{type.path}/.
        </EmptyState>
      ) : (
        <>
          <p class="lead">
            Published ones are on the site at{' '}
            <a href={`/${type.path}/`} target="_blank" rel="noopener">/{type.path}/</a>; drafts are seen only here.
          </p>
          <EntriesTable type={type} entries={entries} onChanged={load} />
          <Pager page={answer.page} pages={answer.pages} onPage={(page) => navigate(`/types/${type.name}${page > 1 ? `?page=${page}` : ''}`)} />
        </>
      )}
    </section>
  );
}

function EntriesTable(props: { type: ContentTypeInfo; entries: EntryInfo[]; onChanged: () => void }) {
  const { type } = props;
  const telling = type.fields.find((field) => TELLING.has(field.type));
  return (
    <div class="plugin-table-wrap">
      <table class="plugin-table plugin-table-cards entries-table">
        <thead>
          <tr>
            <th scope="col">Title</th>
            {telling ? <th scope="col">{telling.label}</th> : null}
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr key={entry.id}>
              <td data-label="Title" class="entry-title">
                <a href={`/admin/types/${type.name}/${entry.id}`}>{entry.title}</a>
              </td>
              {telling ? <td data-label={telling.label}>{cellText(entry.fields[telling.name])}</td> : null}
              <td data-label="Status">
                <span class={`badge badge-${entry.status}`}>{entry.status === 'published' ? 'Published' : 'Draft'}</span>
              </td>
              <td data-label="Updated" class="entry-date" title={formatDate(entry.updated_at, { time: true })}>{relativeTime(entry.updated_at)}</td>
              <td class="row-actions">
                <a class="button button-small" href={`/admin/types/${type.name}/${entry.id}`} aria-label={`Edit “${entry.title}”`}>Edit</a>
                <DeleteEntry type={type} entry={entry} onDeleted={props.onChanged} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeleteEntry(props: { type: ContentTypeInfo; entry: EntryInfo; onDeleted: () => void }) {
  const { type, entry } = props;
  const [open, setOpen] = useState(false);
  const { busy, error, run } = useAction();
  const remove = async () => {
    const deleted = await run(() => del(entriesPath(type.name, entry.id)).then(() => true), { success: `Deleted “${entry.title}”.` });
    if (!deleted) return;
    setOpen(false);
    props.onDeleted();
  };
  return (
    <>
      <Button variant="danger" class="button-small" aria-label={`Delete “${entry.title}”`} onClick={() => setOpen(true)}>Delete</Button>
      {open ? (
        <Dialog
          title={`Delete “${entry.title}”?`}
          onClose={() => setOpen(false)}
          footer={
            <>
              <Button onClick={() => setOpen(false)}>Keep it</Button>
              <Button variant="danger" busy={busy} onClick={remove}>Delete for good</Button>
            </>
          }
        >
          <p>
            {entry.status === 'published' ? `Its page at ${entry.url} goes away at once. ` : ''}
            A deleted {inSentence(type.label)} cannot be brought back; to take it off the site but keep it, make it a draft instead.
          </p>
          <FormError error={error} />
        </Dialog>
      ) : null}
    </>
  );
}
