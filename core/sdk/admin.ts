/**
 * How a plugin describes its admin pages: data, not markup. The host turns a view into JSON for
 * the admin's client and can render it as plain HTML (tables, forms, an SVG chart), so a
 * plugin's admin page looks like the rest of the admin and cannot run script there.
 */

/** One field of a form: the settings form made from a plugin's settings schema uses the same shape. */
export interface FormField {
  readonly name: string;
  readonly label: string;
  readonly type: 'text' | 'textarea' | 'email' | 'url' | 'number' | 'checkbox' | 'select' | 'html' | 'image' | 'date';
  readonly required?: boolean;
  readonly help?: string;
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

export type AdminBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'stats'; readonly items: readonly { readonly label: string; readonly value: string | number }[] }
  | {
      readonly type: 'table';
      readonly columns: readonly { readonly key: string; readonly label: string }[];
      readonly rows: readonly object[];
      /** Shown when there are no rows. */
      readonly empty?: string;
    }
  | {
      readonly type: 'form';
      readonly title?: string;
      readonly fields: readonly FormField[];
      readonly values?: Readonly<Record<string, unknown>>;
      /** Where the form is sent: one of this plugin's admin routes. */
      readonly action: { readonly method: 'POST' | 'PUT' | 'DELETE'; readonly path: string };
      readonly submit?: string;
    }
  | { readonly type: 'chart'; readonly title: string; readonly series: readonly { readonly label: string; readonly value: number }[] }
  | { readonly type: 'link'; readonly label: string; readonly path: string; readonly download?: boolean };

export interface AdminView {
  readonly blocks: readonly AdminBlock[];
}
