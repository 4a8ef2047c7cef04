/**
 * What the content type screens share: an entry as the API answers it, where a type's entries
 * are, the type itself from the plugins' list, and what to show when a type is not on the site.
 */
import { useEffect, useState } from 'preact/hooks';
import { contentTypes, loadPlugins, type ContentTypeInfo } from '../plugins/list.ts';
import { EmptyState } from '../ui.tsx';

export interface EntryInfo {
  id: number;
  title: string;
  slug: string;
  /** Its public address, e.g. /projects/harbour-bakery/; drafts are not shown there. */
  url: string;
  status: 'draft' | 'published';
  /** The type's own fields, by name. */
  fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** The API path of a type's entries, or of one of them. */
export function entriesPath(type: string, id?: number): string {
  return `/plugins/types/${encodeURIComponent(type)}/entries${id === undefined ? '' : `/${id}`}`;
}

/** The type's label inside a sentence: "New project", but "New FAQ". */
export function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/**
 * The content type named `name`: `type` is undefined while the list loads and null when no running
 * plugin declares it; `error` says why the list could not be loaded.
 */
export function useContentType(name: string): { type: ContentTypeInfo | null | undefined; error: unknown } {
  const types = contentTypes.use();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (types === undefined) loadPlugins().catch(setError);
  }, []);
  return { type: types === undefined ? undefined : (types.find((type) => type.name === name) ?? null), error };
}

export function TypeMissing(props: { name: string }) {
  return (
    <EmptyState title="This content type is not here" action={<a class="button button-primary" href="/admin/posts">Go to posts</a>}>
      No plugin running on this site declares “{props.name}”. The plugin may be switched off or gone from the site.
    </EmptyState>
  );
}
