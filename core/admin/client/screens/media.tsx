/**
 * The media library: upload (button or drop), browse and search, alt text, delete with a warning
 * when a file is still used. The same grid serves as the picker the editor and settings open.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, del, get, put, type MediaItem, type Page } from '../api.ts';
import { toast } from '../state.ts';
import { Button, Dialog, EmptyState, ErrorNotice, Field, Icon, Loading, PageHeader, SearchBox } from '../ui.tsx';

interface Use {
  kind: string;
  title: string;
  id?: number;
}

/** Uploads files one by one; answers the items stored, reporting each refusal. */
async function uploadFiles(files: FileList | File[]): Promise<MediaItem[]> {
  const stored: MediaItem[] = [];
  for (const file of Array.from(files)) {
    const form = new FormData();
    form.append('file', file);
    try {
      stored.push(await api<MediaItem>('POST', '/media', form));
    } catch (error) {
      toast(`${file.name}: ${(error as Error).message}`, 'error');
    }
  }
  if (stored.length) toast(`Uploaded ${stored.length} file${stored.length === 1 ? '' : 's'}.`);
  return stored;
}

function Library(props: { onPick?: (item: MediaItem) => void; selectable?: boolean }) {
  const [search, setSearch] = useState('');
  const [result, setResult] = useState<Page<MediaItem> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [open, setOpen] = useState<MediaItem | null>(null);
  const [reload, setReload] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      get<Page<MediaItem>>(`/media?limit=60${search ? `&search=${encodeURIComponent(search)}` : ''}`).then(setResult, setError);
    }, search ? 250 : 0);
    return () => clearTimeout(timer);
  }, [search, reload]);

  const upload = async (files: FileList | File[]) => {
    setUploading(true);
    const stored = await uploadFiles(files);
    setUploading(false);
    setReload(reload + 1);
    if (props.onPick && stored.length === 1) props.onPick(stored[0]!);
  };

  return (
    <div
      class={`library${dragging ? ' is-dragging' : ''}`}
      onDragOver={(event) => (event.preventDefault(), setDragging(true))}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        if (event.dataTransfer?.files.length) void upload(event.dataTransfer.files);
      }}
    >
      <div class="filters">
        <SearchBox label="Search the media library" placeholder="Search by name or alt text" value={search} onInput={setSearch} />
        <input ref={input} type="file" accept="image/jpeg,image/png,image/gif,image/webp,image/avif" multiple class="visually-hidden" id="media-upload" onChange={(e) => e.currentTarget.files && upload(e.currentTarget.files)} />
        <Button variant="primary" busy={uploading} onClick={() => input.current?.click()}>
          <Icon name="plus" /> Upload
        </Button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!result && !error ? <Loading /> : null}
      {result && result.items.length === 0 ? (
        <EmptyState title={search ? 'No files match' : 'No images yet'}>
          {search ? `Nothing is called or described “${search}”.` : 'Upload photos here, or drop them on this page. JPEG, PNG, GIF, WebP and AVIF are welcome.'}
        </EmptyState>
      ) : null}
      {result?.items.length ? (
        <ul class="media-grid">
          {result.items.map((item) => (
            <li key={item.id}>
              <button type="button" class="media-tile" onClick={() => (props.onPick ? props.onPick(item) : setOpen(item))} aria-label={`${props.onPick ? 'Use' : 'Open'} ${item.filename}${item.alt ? `: ${item.alt}` : ''}`}>
                <img src={item.variants.s ?? item.url} alt="" loading="lazy" width={item.width} height={item.height} />
                <span class="media-name">{item.filename}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {open ? <MediaDetails item={open} onClose={() => setOpen(null)} onChanged={() => setReload(reload + 1)} /> : null}
    </div>
  );
}

function MediaDetails(props: { item: MediaItem; onClose: () => void; onChanged: () => void }) {
  const [alt, setAlt] = useState(props.item.alt);
  const [busy, setBusy] = useState(false);
  const [uses, setUses] = useState<Use[] | null>(null);
  const saveAlt = async () => {
    setBusy(true);
    try {
      await put(`/media/${props.item.id}`, { alt });
      toast('Alt text saved.');
      props.onChanged();
    } catch (error) {
      toast((error as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  const remove = async (force: boolean) => {
    setBusy(true);
    try {
      await del(`/media/${props.item.id}${force ? '?force=1' : ''}`);
      toast('File deleted.');
      props.onChanged();
      props.onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'GUILD_ERR_MEDIA_IN_USE') setUses((error.details.usage as Use[]) ?? []);
      else toast((error as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  const { item } = props;
  return (
    <Dialog title={item.filename} onClose={props.onClose} wide>
      <div class="media-details">
        <img src={item.variants.m ?? item.url} alt={alt} />
        <div>
          <dl class="facts">
            <dt>Size</dt>
            <dd>{item.width} × {item.height} px, {Math.round(item.size / 1024)} kB</dd>
            <dt>Address</dt>
            <dd><code>{item.url}</code></dd>
          </dl>
          <Field label="Alt text" hint="Describe the picture for people who cannot see it, and for search engines.">
            {(id, described) => <textarea id={id} rows={3} value={alt} aria-describedby={described} onInput={(e) => setAlt(e.currentTarget.value)} />}
          </Field>
          <div class="row">
            <Button variant="primary" busy={busy} onClick={saveAlt}>Save alt text</Button>
            <Button variant="danger" busy={busy} onClick={() => remove(false)}>
              <Icon name="trash" /> Delete
            </Button>
          </div>
          {uses ? (
            <div class="notice notice-warning" role="alert">
              <p>This file is still used by:</p>
              <ul>{uses.map((use) => <li key={`${use.kind}${use.id ?? use.title}`}>{use.kind === 'setting' ? use.title : <a href={`/admin/${use.kind}s/${use.id}`}>{use.title}</a>}</li>)}</ul>
              <p>Deleting it leaves a broken image there.</p>
              <Button variant="danger" busy={busy} onClick={() => remove(true)}>Delete anyway</Button>
            </div>
          ) : null}
        </div>
      </div>
    </Dialog>
  );
}

export function MediaScreen() {
  return (
    <section>
      <PageHeader title="Media" />
      <Library />
    </section>
  );
}

/** A dialog to pick (or upload) an image. */
export function MediaPicker(props: { title?: string; onPick: (item: MediaItem) => void; onClose: () => void; returnFocus?: boolean }) {
  return (
    <Dialog title={props.title ?? 'Choose an image'} onClose={props.onClose} wide returnFocus={props.returnFocus}>
      <Library onPick={props.onPick} />
    </Dialog>
  );
}
