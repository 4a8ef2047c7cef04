/**
 * Writing a post or page: the title, the rich-text body, and a settings panel (address, excerpt,
 * tags, feature image, author). Drafts save themselves while the writer types; publishing,
 * scheduling and unpublishing are explicit. Parts the server's sanitizer removed are shown.
 */
import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post, put, del, type PostStatus, type RejectedPart, type SavedPost } from '../api.ts';
import { AuthorField, TagField } from '../editor/fields.tsx';
import { LinkDialog, PublishDialog, VideoDialog } from '../editor/dialogs.tsx';
import { afterDialog, createEditor, insertBlock, setBody } from '../editor/tiptap.ts';
import { Toolbar } from '../editor/toolbar.tsx';
import { EditorPanels, type PanelSaves } from '../plugins/panels.tsx';
import { navigate } from '../router.ts';
import { can, session, toast } from '../state.ts';
import { Button, Dialog, ErrorNotice, Field, formatDate, Icon, Loading, RejectedNotice, useLeaveWarning } from '../ui.tsx';
import { MediaPicker } from './media.tsx';
import { RevisionsDialog } from './revisions.tsx';

/** A new post keeps its editor when it gets its id on the first save: its path is the same screen. */
export const continuedScreens = new Map<string, string>();

interface Fields {
  title: string;
  html: string;
  slug: string;
  excerpt: string;
  tags: string[];
  featureImage: string | null;
  author: string;
  password: string;
}

type DialogName = 'publish' | 'image' | 'feature' | 'video' | 'link' | 'history' | 'delete' | null;

const fieldsOf = (saved: SavedPost): Fields => ({
  title: saved.title,
  html: saved.html,
  slug: saved.slug,
  excerpt: saved.excerpt ?? '',
  tags: saved.tags.map((tag) => tag.name),
  featureImage: saved.featureImage,
  author: saved.authors[0]?.slug ?? '',
  password: saved.password ?? '',
});

const AUTOSAVE_MS = 1500;

export function EditorScreen(props: { type: 'post' | 'page'; id: number | undefined }) {
  const plural = `${props.type}s`;
  const [saved, setSaved] = useState<SavedPost | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [fields, setFields] = useState<Fields | null>(props.id ? null : { title: '', html: '', slug: '', excerpt: '', tags: [], featureImage: null, author: session.get()?.user.author ?? '', password: '' });
  const [edits, setEdits] = useState(0);
  const [savedEdits, setSavedEdits] = useState(0);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [rejected, setRejected] = useState<{ parts: RejectedPart[]; summary: string }>({ parts: [], summary: '' });
  const [panel, setPanel] = useState(() => window.innerWidth >= 1100);
  const [dialog, setDialog] = useState<DialogName>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const title = useRef<HTMLTextAreaElement>(null);
  const panelSaves = useRef<PanelSaves>(new Set()).current;
  // The text as the server has it: a save sends the text only when it differs, so a post whose
  // title alone changed keeps its HTML exactly as it was stored.
  const storedBody = useRef<string | null>(null);
  const latest = useRef({ fields, saved, edits });
  latest.current = { fields, saved, edits };
  const dirty = edits !== savedEdits;

  useEffect(() => {
    // A new post that just got its id is already here.
    if (!props.id || latest.current.saved?.id === props.id) return;
    get<SavedPost>(`/${plural}/${props.id}`).then((answer) => {
      setSaved(answer);
      storedBody.current = answer.html;
      setFields(fieldsOf(answer));
    }, setLoadError);
  }, [props.id]);

  // The title grows with its text instead of scrolling inside one line.
  useEffect(() => {
    const fit = () => {
      const element = title.current;
      if (!element) return;
      element.style.height = 'auto';
      element.style.height = `${element.scrollHeight}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [fields?.title]);

  const ready = fields !== null;
  useEffect(() => {
    if (!ready || !host.current) return;
    const instance = createEditor(host.current, latest.current.fields!.html, {
      label: `${props.type === 'page' ? 'Page' : 'Post'} text`,
      editHtml: can('content:html'),
      onChange: (html) => change({ html }),
    });
    setEditor(instance);
    return () => instance.destroy();
  }, [ready]);

  useLeaveWarning(() => latest.current.edits !== savedEdits);

  // Drafts (and posts not saved yet) save themselves a moment after the writer stops typing.
  useEffect(() => {
    if (!dirty || saving || (saved && saved.status !== 'draft')) return;
    if (!saved && !fields?.title.trim() && !fields?.html) return;
    const timer = setTimeout(() => void persist('autosave'), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [edits, saving]);

  function change(changes: Partial<Fields>) {
    setFields((current) => (current ? { ...current, ...changes } : current));
    setEdits((count) => count + 1);
  }

  // Saves go one at a time: a publish while the first autosave is still creating the post must
  // update that post, not create a second one.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  function persist(mode: 'autosave' | 'save', status?: { status: PostStatus; publishedAt?: string | null }): Promise<SavedPost | undefined> {
    const run = queue.current.then(() => persistNow(mode, status));
    queue.current = run.catch(() => undefined);
    return run;
  }

  async function persistNow(mode: 'autosave' | 'save', status?: { status: PostStatus; publishedAt?: string | null }): Promise<SavedPost | undefined> {
    const { fields: current, saved: before, edits: editsAtStart } = latest.current;
    if (!current) return undefined;
    setSaving(true);
    setError(null);
    const sendsBody = !before || current.html !== storedBody.current;
    const body = {
      title: current.title,
      ...(sendsBody ? { html: current.html } : {}),
      excerpt: current.excerpt || null,
      tags: current.tags,
      featureImage: current.featureImage,
      password: current.password || null,
      ...(current.slug && current.slug !== before?.slug ? { slug: current.slug } : {}),
      ...(can('posts:all') && current.author ? { authors: [current.author] } : {}),
      ...status,
    };
    try {
      let answer: SavedPost;
      if (!before) {
        answer = await post<SavedPost>(`/${plural}`, { status: 'draft', ...body });
        continuedScreens.set(`/${plural}/${answer.id}`, `/${plural}/new`);
        history.replaceState(null, '', `/admin/${plural}/${answer.id}`);
      } else {
        answer = await put<SavedPost>(mode === 'autosave' ? `/${plural}/${before.id}/autosave` : `/${plural}/${before.id}`, body);
      }
      setSaved(answer);
      if (sendsBody) storedBody.current = current.html;
      // The next queued save may start before the screen renders again.
      latest.current = { ...latest.current, saved: answer };
      setSavedEdits(editsAtStart);
      setRejected({ parts: answer.rejected ?? [], summary: answer.rejectedSummary ?? '' });
      if (answer.rejected?.length && mode === 'save' && editor) {
        setBody(editor, answer.html);
        storedBody.current = answer.html;
      }
      setFields((latestFields) => (latestFields ? { ...latestFields, slug: answer.slug } : latestFields));
      if (mode === 'save') await Promise.all([...panelSaves].map((savePanel) => savePanel()));
      return answer;
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(0, 'UNKNOWN', String(caught));
      setError(apiError);
      if (mode === 'save' || apiError.status !== 422) toast(apiError.message, 'error');
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  const statusChange = async (status: PostStatus, publishedAt?: string | null, message?: string) => {
    const answer = await persist('save', { status, ...(publishedAt !== undefined ? { publishedAt } : {}) });
    if (answer && message) toast(message);
    setDialog(null);
  };

  // Closing one of the text's own dialogs, applied or not, puts the writer back where they were.
  const backToText = () => {
    setDialog(null);
    afterDialog(() => editor?.commands.focus());
  };

  const preview = async () => {
    if (dirty && (!saved || saved.status === 'draft')) await persist('autosave');
    const target = latest.current.saved;
    if (!target) return toast('Write something first: there is nothing to preview yet.', 'info');
    if (dirty && target.status !== 'draft') toast('The preview shows the last saved version; update to include your latest changes.', 'info');
    window.open(target.previewUrl, `preview-${target.id}`);
  };

  if (loadError) return <ErrorNotice error={loadError} />;
  if (!fields) return <Loading />;
  const status = saved?.status ?? 'draft';
  const saveState = saving ? 'Saving…' : dirty ? (status === 'draft' ? 'Unsaved' : 'Unsaved changes') : saved ? (status === 'draft' ? 'Saved' : 'All changes saved') : 'New';

  return (
    <div class={`editor-screen${panel ? ' with-panel' : ''}`}>
      <header class="editor-bar">
        <a class="icon-button" href={`/admin/${plural}`} aria-label={`Back to ${plural}`}>
          <Icon name="back" />
        </a>
        <span class={`badge badge-${status}`}>{status === 'draft' ? 'Draft' : status === 'scheduled' ? 'Scheduled' : 'Published'}</span>
        <span class="save-state" role="status">{saveState}</span>
        <span class="spacer" />
        <button type="button" class="icon-button" aria-label="Preview" title="Preview" onClick={preview}>
          <Icon name="eye" />
        </button>
        <button type="button" class="icon-button" aria-label="History" title="History" disabled={!saved} onClick={() => setDialog('history')}>
          <Icon name="history" />
        </button>
        <button type="button" class="icon-button" aria-label="Settings" title="Settings" aria-pressed={panel} aria-controls="post-settings" onClick={() => setPanel(!panel)}>
          <Icon name="sidebar" />
        </button>
        {status === 'draft' ? (
          <Button variant="primary" busy={saving} onClick={() => setDialog('publish')}>Publish…</Button>
        ) : (
          <Button variant="primary" busy={saving} disabled={!dirty} onClick={() => persist('save').then((answer) => answer && toast('Updated.'))}>
            Update
          </Button>
        )}
      </header>

      <div class="editor-main">
        {status !== 'draft' ? (
          <p class="notice notice-info">
            {status === 'scheduled' ? `Goes live ${formatDate(saved!.publishedAt, { time: true })}. ` : `Live since ${formatDate(saved!.publishedAt, { time: true })}. `}
            <a href={saved!.url} target="_blank" rel="noopener">{status === 'published' ? 'View it' : 'Its address'}</a>
            {' · '}
            <button type="button" class="link-button" onClick={() => statusChange('draft', null, status === 'scheduled' ? 'Unscheduled: it is a draft again.' : 'Unpublished: it is a draft again.')}>
              {status === 'scheduled' ? 'Unschedule' : 'Unpublish'}
            </button>
            {status === 'scheduled' ? (
              <>
                {' · '}
                <button type="button" class="link-button" onClick={() => statusChange('published', undefined, 'Published.')}>Publish now</button>
              </>
            ) : null}
          </p>
        ) : null}
        <RejectedNotice parts={rejected.parts} summary={rejected.summary} what={props.type} onDismiss={() => setRejected({ parts: [], summary: '' })} />
        {error && error.status === 422 ? <p class="notice notice-error" role="alert">{error.problems.map((p) => `${p.field}: ${p.message}`).join(' · ') || error.message}</p> : null}
        <label class="visually-hidden" for="post-title">Title</label>
        <textarea
          id="post-title"
          ref={title}
          class="title-input"
          rows={1}
          placeholder={props.type === 'page' ? 'Page title' : 'Post title'}
          value={fields.title}
          onInput={(event) => change({ title: event.currentTarget.value.replace(/\n/g, ' ') })}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              editor?.commands.focus('start');
            }
          }}
        />
        {editor ? <Toolbar editor={editor} onLink={() => setDialog('link')} onImage={() => setDialog('image')} onVideo={() => setDialog('video')} /> : null}
        <div
          class="editor-body"
          ref={host}
          onKeyDown={(event) => {
            if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
              event.preventDefault();
              setDialog('link');
            }
          }}
        />
      </div>

      <aside id="post-settings" class="settings-panel" aria-label={`${props.type === 'page' ? 'Page' : 'Post'} settings`} hidden={!panel}>
        <div class="panel-header">
          <h2>Settings</h2>
          <button type="button" class="icon-button" aria-label="Close settings" onClick={() => setPanel(false)}>
            <Icon name="close" />
          </button>
        </div>
        <Field label="Address" hint={<>{session.get()?.site.url}/<strong>{fields.slug || '…'}</strong>/</>} error={error?.field('slug')}>
          {(id, described) => <input id={id} value={fields.slug} aria-describedby={described} onInput={(e) => change({ slug: e.currentTarget.value })} onBlur={() => saved?.status !== 'draft' || persist('autosave')} />}
        </Field>
        <Field label="Excerpt" hint="A sentence or two for lists and search results. Left empty, the first words are used." error={error?.field('excerpt')}>
          {(id, described) => <textarea id={id} rows={3} maxLength={500} value={fields.excerpt} aria-describedby={described} onInput={(e) => change({ excerpt: e.currentTarget.value })} />}
        </Field>
        <Field label="Password" hint="Visitors must enter it to read this. Leave empty to open it to everyone." error={error?.field('password')}>
          {(id, described) => <input id={id} type="text" autocomplete="off" maxLength={255} value={fields.password} aria-describedby={described} onInput={(e) => change({ password: e.currentTarget.value })} />}
        </Field>
        {props.type === 'post' ? <TagField tags={fields.tags} onChange={(tags) => change({ tags })} /> : null}
        <div class="field">
          <span class="label">Feature image</span>
          {fields.featureImage ? (
            <div class="feature-image">
              <img src={fields.featureImage} alt="The feature image" />
              <div class="row">
                <Button onClick={() => setDialog('feature')}>Replace</Button>
                <Button variant="ghost" onClick={() => change({ featureImage: null })}>Remove</Button>
              </div>
            </div>
          ) : (
            <Button onClick={() => setDialog('feature')}>
              <Icon name="image" /> Choose an image
            </Button>
          )}
        </div>
        {can('posts:all') ? <AuthorField value={fields.author} onChange={(author) => change({ author })} /> : null}
        {can('plugins:pages') ? <EditorPanels type={props.type} postId={saved?.id} saves={panelSaves} /> : null}
        {saved ? (
          <div class="field danger-zone">
            <Button variant="danger" onClick={() => setDialog('delete')}>
              <Icon name="trash" /> Delete {props.type}
            </Button>
          </div>
        ) : null}
      </aside>

      {dialog === 'publish' ? <PublishDialog type={props.type} busy={saving} onClose={() => setDialog(null)} onPublish={(at) => (at ? statusChange('scheduled', at, `Scheduled for ${formatDate(at, { time: true })}.`) : statusChange('published', undefined, 'Published. It is live now.'))} /> : null}
      {dialog === 'image' ? <MediaPicker title="Insert an image" returnFocus={false} onClose={backToText} onPick={(item) => (backToText(), afterDialog(() => editor && insertBlock(editor, { type: 'image', attrs: { src: item.url, alt: item.alt } })))} /> : null}
      {dialog === 'feature' ? <MediaPicker title="Feature image" onClose={() => setDialog(null)} onPick={(item) => (change({ featureImage: item.url }), setDialog(null))} /> : null}
      {dialog === 'link' && editor ? <LinkDialog editor={editor} onClose={backToText} /> : null}
      {dialog === 'video' && editor ? <VideoDialog editor={editor} onClose={backToText} /> : null}
      {dialog === 'history' && saved ? (
        <RevisionsDialog
          base={`/${plural}/${saved.id}`}
          onClose={() => setDialog(null)}
          onRestored={(restored) => {
            setSaved(restored);
            setFields(fieldsOf(restored));
            storedBody.current = restored.html;
            if (editor) setBody(editor, restored.html);
            setSavedEdits(latest.current.edits);
          }}
        />
      ) : null}
      {dialog === 'delete' && saved ? (
        <Dialog
          title={`Delete “${saved.title}”?`}
          onClose={() => setDialog(null)}
          footer={
            <>
              <Button onClick={() => setDialog(null)}>Keep it</Button>
              <Button variant="danger" onClick={async () => {
                try {
                  await del(`/${plural}/${saved.id}`);
                  setSavedEdits(latest.current.edits);
                  toast('Deleted.');
                  navigate(`/${plural}`);
                } catch (caught) {
                  toast((caught as Error).message, 'error');
                }
              }}>Delete for good</Button>
            </>
          }
        >
          <p>It disappears from the site and its history is deleted with it. To take it off the site but keep it, unpublish it instead.</p>
        </Dialog>
      ) : null}
    </div>
  );
}
