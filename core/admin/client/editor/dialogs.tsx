/** The editor's dialogs: publishing (now or at a set time), links, and video embeds. */
import type { Editor } from '@tiptap/core';
import { useState } from 'preact/hooks';
import { Button, Dialog, Field } from '../ui.tsx';
import { afterDialog, embedUrl, insertBlock } from './tiptap.ts';

export function PublishDialog(props: { type: string; busy: boolean; onClose: () => void; onPublish: (at: string | null) => void }) {
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setHours(9, 0, 0, 0);
  const [at, setAt] = useState(toLocalInput(tomorrow));
  const future = Date.parse(at) > Date.now();
  return (
    <Dialog
      title={`Publish this ${props.type}`}
      onClose={props.onClose}
      footer={
        <>
          <Button onClick={props.onClose}>Not yet</Button>
          <Button variant="primary" busy={props.busy} disabled={when === 'later' && !future} onClick={() => props.onPublish(when === 'later' ? new Date(at).toISOString() : null)}>
            {when === 'now' ? 'Publish now' : 'Schedule'}
          </Button>
        </>
      }
    >
      <fieldset class="choices">
        <legend class="visually-hidden">When</legend>
        <label>
          <input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} /> Now
        </label>
        <label>
          <input type="radio" name="when" checked={when === 'later'} onChange={() => setWhen('later')} /> Later, at a set time
        </label>
      </fieldset>
      {when === 'later' ? (
        <Field label="Date and time" hint={`Your time (${Intl.DateTimeFormat().resolvedOptions().timeZone}). The site publishes it then, whether or not anyone is visiting.`} error={future ? undefined : 'Pick a time in the future.'}>
          {(id, described) => <input id={id} type="datetime-local" value={at} aria-describedby={described} onInput={(e) => setAt(e.currentTarget.value)} />}
        </Field>
      ) : null}
    </Dialog>
  );
}

function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function LinkDialog(props: { editor: Editor; onClose: () => void }) {
  const current = (props.editor.getAttributes('link').href as string | undefined) ?? '';
  const [href, setHref] = useState(current);
  const apply = (event: Event) => {
    event.preventDefault();
    const value = href.trim();
    props.onClose();
    afterDialog(() => {
      const chain = props.editor.chain().focus().extendMarkRange('link');
      if (!value) chain.unsetLink().run();
      else chain.setLink({ href: /^(https?:|mailto:|tel:|\/|#)/i.test(value) ? value : `https://${value}` }).run();
    });
  };
  return (
    <Dialog title={current ? 'Edit link' : 'Add a link'} onClose={props.onClose} returnFocus={false}>
      <form onSubmit={apply}>
        <Field label="Link to" hint="A web address, a page of this site like /about/, or mailto:someone@example.com. Leave it empty to remove the link.">
          {(id, described) => <input id={id} type="text" inputMode="url" value={href} aria-describedby={described} onInput={(e) => setHref(e.currentTarget.value)} autoFocus />}
        </Field>
        <div class="row">
          <Button type="submit" variant="primary">{href.trim() ? 'Apply' : 'Remove link'}</Button>
        </div>
      </form>
    </Dialog>
  );
}

export function VideoDialog(props: { editor: Editor; onClose: () => void }) {
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const insert = (event: Event) => {
    event.preventDefault();
    const src = embedUrl(link);
    if (!src) return setProblem('Paste the address of a YouTube or Vimeo video, like https://www.youtube.com/watch?v=…');
    props.onClose();
    afterDialog(() => insertBlock(props.editor, { type: 'embed', attrs: { src } }));
  };
  return (
    <Dialog title="Embed a video" onClose={props.onClose} returnFocus={false}>
      <form onSubmit={insert}>
        <Field label="Video address" hint="YouTube or Vimeo." error={problem}>
          {(id, described) => <input id={id} type="url" value={link} aria-describedby={described} onInput={(e) => setLink(e.currentTarget.value)} autoFocus />}
        </Field>
        <div class="row">
          <Button type="submit" variant="primary">Embed</Button>
        </div>
      </form>
    </Dialog>
  );
}
