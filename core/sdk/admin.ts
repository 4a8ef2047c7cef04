/**
 * How a plugin describes its admin pages: data, not markup. The admin draws a view with its own
 * parts (tables that turn into cards on a phone, forms with the admin's fields, a bar chart that
 * also lists its numbers), so a plugin's page looks like the rest of the admin and runs no script
 * there. Paths are the plugin's own admin routes (`admin.route`), e.g. "/redirects/:id".
 */
import type { FormField } from '../hooks/payloads.ts';

/**
 * A form the admin sends as JSON to one of the plugin's admin routes. The route answers 422 with
 * `{problems: [{field, message}]}` to mark fields, or any JSON; a `message` in it is shown.
 */
export interface AdminForm {
  readonly title?: string;
  readonly fields: readonly FormField[];
  readonly values?: Readonly<Record<string, unknown>>;
  /** Where the form is sent. In a row action, ":<key>" in the path is that row's value. */
  readonly action: { readonly method: 'POST' | 'PUT' | 'DELETE'; readonly path: string };
  readonly submit?: string;
}

/** What a table offers on each row: a request (delete it), or a form filled with the row's values (change it). */
export type AdminRowAction =
  | {
      readonly label: string;
      readonly method: 'POST' | 'PUT' | 'DELETE';
      /** ":<key>" is the row's value, e.g. "/messages/:id". */
      readonly path: string;
      /** Asked before sending, e.g. "Delete this message for good?"; ":<key>" works here too. */
      readonly confirm?: string;
    }
  | { readonly label: string; readonly form: AdminForm };

export type AdminBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'stats'; readonly items: readonly { readonly label: string; readonly value: string | number }[] }
  | {
      readonly type: 'table';
      readonly columns: readonly { readonly key: string; readonly label: string }[];
      readonly rows: readonly object[];
      /** Shown when there are no rows. */
      readonly empty?: string;
      readonly actions?: readonly AdminRowAction[];
    }
  | ({ readonly type: 'form' } & AdminForm)
  | { readonly type: 'chart'; readonly title: string; readonly series: readonly { readonly label: string; readonly value: number }[] }
  | { readonly type: 'link'; readonly label: string; readonly path: string; readonly download?: boolean };

export interface AdminView {
  readonly blocks: readonly AdminBlock[];
}
