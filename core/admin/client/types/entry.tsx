/**
 * One entry of a content type, new (/admin/types/<type>/new) or to change (/admin/types/<type>/<id>):
 * its title, the type's own fields drawn by the admin's one field control, then whether it is on
 * the site and at which address. Fields the API refuses are marked with its words and everything
 * typed stays; a new entry, once added, is shown in its list.
 */
import { useState } from 'preact/hooks';
import { ApiError, post, put, type RejectedPart } from '../api.ts';
import { FieldInput } from '../fields.tsx';
import type { ContentTypeInfo } from '../plugins/list.ts';
import { navigate } from '../router.ts';
import { Button, ErrorNotice, Field, FormError, Icon, Loading, PageHeader, RejectedNotice, useAction, useLeaveWarning, useLoaded } from '../ui.tsx';
import { entriesPath, inSentence, TypeMissing, useContentType, type EntryInfo } from './content-type.tsx';
import './types.css';

type Saved = EntryInfo & { rejected: Array<RejectedPart & { field: string }> };

interface Values {
  title: string;
  slug: string;
  status: EntryInfo['status'];
  fields: Record<string, unknown>;
}

export function EntryScreen(props: { type: string; id?: number }) {
  const { type, error: typeError } = useContentType(props.type);
  const { data: entry, error, reload: load } = useLoaded<EntryInfo>(props.id === undefined ? null : entriesPath(props.type, props.id));

  if (typeError) return <ErrorNotice error={typeError} />;
  if (type === null) return <TypeMissing name={props.type} />;
  if (error instanceof ApiError && error.status === 404) return <EntryMissing type={type} />;
  if (error) return <ErrorNotice error={error} retry={load} />;
  if (type === undefined || (props.id !== undefined && !entry)) return <Loading />;
  return <EntryForm type={type} entry={entry} />;
}

function EntryMissing(props: { type: ContentTypeInfo | undefined }) {
  const { type } = props;
  return (
    <section class="narrow">
      {type ? <BackLink type={type} /> : null}
      <p class="notice notice-info">This entry is not here any more; it may have been deleted.</p>
    </section>
  );
}

function BackLink(props: { type: ContentTypeInfo }) {
  return (
    <a class="back-link" href={`/admin/types/${props.type.name}`}>
      <Icon name="back" size={16} /> {props.type.plural}
    </a>
  );
}

function EntryForm(props: { type: ContentTypeInfo; entry: EntryInfo | null }) {
  const { type } = props;
  const [entry, setEntry] = useState(props.entry);
  const [rejected, setRejected] = useState<Saved['rejected']>([]);
  const [values, setValues] = useState<Values>(() => valuesOf(entry));
  // What the server holds, to tell whether leaving the page would lose anything.
  const [saved, setSaved] = useState(() => JSON.stringify(valuesOf(entry)));
  useLeaveWarning(() => JSON.stringify(values) !== saved);
  const { busy, error, run } = useAction();
  const label = inSentence(type.label);
  const change = (next: Partial<Values>) => setValues((current) => ({ ...current, ...next }));
  const changeField = (name: string, value: unknown) => setValues((current) => ({ ...current, fields: { ...current.fields, [name]: value } }));

  const submit = async (event: Event) => {
    event.preventDefault();
    // An empty slug is made from the title (new) or left as it is (a change).
    const body = { title: values.title, status: values.status, fields: values.fields, ...(values.slug.trim() ? { slug: values.slug.trim() } : {}) };
    const answer = await run(() => (entry ? put<Saved>(entriesPath(type.name, entry.id), body) : post<Saved>(entriesPath(type.name), body)), {
      success: entry ? `Saved “${values.title}”.` : `Added “${values.title}”.`,
      toastErrors: true,
    });
    if (!answer) return;
    const labels = new Map(type.fields.map((field) => [field.name, field.label]));
    setRejected(answer.rejected.map((part) => ({ ...part, field: labels.get(part.field) ?? part.field })));
    setSaved(JSON.stringify(valuesOf(answer)));
    if (!entry && !answer.rejected.length) return navigate(`/types/${type.name}`);
    // Kept on the form to read what was removed; the address becomes the entry's own without a reload.
    if (!entry) history.replaceState(null, '', `/admin/types/${type.name}/${answer.id}`);
    setEntry(answer);
    setValues(valuesOf(answer));
  };

  const slug = values.slug.trim() || entry?.slug;
  const slugHint = slug ? `Its address: /${type.path}/${slug}/` : 'Left empty, it is made from the title.';
  return (
    <section class="narrow entry-screen">
      <BackLink type={type} />
      <PageHeader title={entry ? entry.title : `New ${label}`}>
        {entry?.status === 'published' ? (
          <a class="button" href={entry.url} target="_blank" rel="noopener">
            View on site <Icon name="external" size={16} />
          </a>
        ) : null}
      </PageHeader>
      <form class="card entry-form" onSubmit={submit} aria-label={entry ? `Edit ${label}` : `New ${label}`}>
        <Field label="Title" error={error?.field('title')}>
          {(id, described) => <input id={id} aria-describedby={described} required value={values.title} onInput={(e) => change({ title: e.currentTarget.value })} />}
        </Field>
        {type.fields.map((field) => (
          <FieldInput key={field.name} field={field} value={values.fields[field.name]} error={error?.field(field.name)} onChange={(value) => changeField(field.name, value)} />
        ))}
        <div class="two-columns entry-publishing">
          <Field label="Status" hint={values.status === 'published' ? 'Shown on the site.' : 'Seen only here, in the admin.'} error={error?.field('status')}>
            {(id, described) => (
              <select id={id} aria-describedby={described} value={values.status} onChange={(e) => change({ status: e.currentTarget.value as Values['status'] })}>
                <option value="published">Published</option>
                <option value="draft">Draft</option>
              </select>
            )}
          </Field>
          <Field label="Slug" hint={slugHint} error={error?.field('slug')}>
            {(id, described) => <input id={id} aria-describedby={described} value={values.slug} placeholder={entry ? undefined : 'made from the title'} onInput={(e) => change({ slug: e.currentTarget.value })} />}
          </Field>
        </div>
        <RejectedNotice parts={rejected} what={label} onDismiss={() => setRejected([])} />
        <FormError error={error} />
        <div class="row">
          <Button type="submit" variant="primary" busy={busy}>{entry ? 'Save changes' : `Add ${label}`}</Button>
          <a class="button button-ghost" href={`/admin/types/${type.name}`}>{entry ? 'Back to the list' : 'Cancel'}</a>
        </div>
      </form>
    </section>
  );
}

function valuesOf(entry: EntryInfo | null): Values {
  return { title: entry?.title ?? '', slug: entry?.slug ?? '', status: entry?.status ?? 'published', fields: { ...entry?.fields } };
}
