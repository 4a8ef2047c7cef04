/**
 * Plugins' panels in the post editor's settings (the admin:editor-panels filter): each a small
 * form of the plugin's own values for this post, read and saved through the plugin's admin route.
 * A panel saves with its own button, and with the post when the writer updates or publishes it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminEditorPanel } from '../../../hooks/payloads.ts';
import { ApiError, get, post } from '../api.ts';
import { FieldInput } from '../fields.tsx';
import { toast } from '../state.ts';
import { Button, ErrorNotice } from '../ui.tsx';
import { actionPath } from './list.ts';
import './plugins.css';

type Values = Record<string, unknown>;

/** Saves that run when the post is saved; each panel adds its own while it is on screen. */
export type PanelSaves = Set<() => Promise<void>>;

export function EditorPanels(props: { type: 'post' | 'page'; postId: number | undefined; saves: PanelSaves }) {
  const [panels, setPanels] = useState<AdminEditorPanel[]>([]);
  useEffect(() => {
    get<{ items: AdminEditorPanel[] }>(`/plugins/editor-panels?type=${props.type}`).then((answer) => setPanels(answer.items), () => setPanels([]));
  }, [props.type]);
  return (
    <>
      {panels.map((panel) => (
        <EditorPanel key={`${panel.plugin}:${panel.path}`} panel={panel} postId={props.postId} saves={props.saves} />
      ))}
    </>
  );
}

function EditorPanel(props: { panel: AdminEditorPanel; postId: number | undefined; saves: PanelSaves }) {
  const { panel, postId } = props;
  const [values, setValues] = useState<Values | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const path = postId ? actionPath(panel.plugin, panel.path, { post: postId }) : undefined;
  const latest = useRef({ values, dirty, path });
  latest.current = { values, dirty, path };
  const headingId = `panel-${panel.plugin}-${panel.path}`.replace(/[^\w-]+/g, '-');

  useEffect(() => {
    if (!path) return;
    get<Values>(path).then((answer) => {
      setValues(Object.fromEntries(panel.fields.map((field) => [field.name, answer[field.name] ?? undefined])));
      setDirty(false);
    }, setLoadError);
  }, [path]);

  const save = async (): Promise<void> => {
    const current = latest.current;
    if (!current.path || !current.values) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await post<Values>(current.path, current.values);
      setValues(Object.fromEntries(panel.fields.map((field) => [field.name, saved?.[field.name] ?? undefined])));
      setDirty(false);
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : new ApiError(0, 'UNKNOWN', String(caught));
      setError(failure);
      toast(`${panel.title}: ${failure.problems.length ? 'some fields need a fix.' : failure.message}`, 'error');
      throw failure;
    } finally {
      setBusy(false);
    }
  };

  // Saving the post saves this panel too, when it has changes.
  useEffect(() => {
    const withPost = () => (latest.current.dirty ? save().catch(() => undefined) : Promise.resolve());
    props.saves.add(withPost);
    return () => void props.saves.delete(withPost);
  }, []);

  return (
    <section class="editor-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{panel.title}</h3>
      {panel.description ? <p class="field-hint">{panel.description}</p> : null}
      {!postId ? (
        <p class="field-hint">Available once the draft is saved, which happens as soon as you start writing.</p>
      ) : loadError ? (
        <ErrorNotice error={loadError} />
      ) : values ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save().then(() => toast(`${panel.title} saved.`), () => undefined);
          }}
        >
          {panel.fields.map((field) => (
            <FieldInput
              key={field.name}
              field={field}
              value={values[field.name]}
              error={error?.field(field.name)}
              onChange={(value) => {
                setValues({ ...values, [field.name]: value });
                setDirty(true);
              }}
            />
          ))}
          <div class="row">
            <Button type="submit" busy={busy} disabled={!dirty}>
              Save<span class="visually-hidden"> {panel.title}</span>
            </Button>
            <span class="panel-state" role="status">{dirty ? 'Unsaved changes' : ''}</span>
          </div>
        </form>
      ) : (
        <p class="field-hint">Loading…</p>
      )}
    </section>
  );
}
