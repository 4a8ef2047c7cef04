/**
 * The admin's one way to the server: JSON to and from /admin/api/, the CSRF token on every call
 * that changes something, and errors as ApiError with the server's code, message and field problems.
 */

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The message for one form field, if the server named it. */
  field(name: string): string | undefined {
    return this.problems.find((problem) => problem.field === name)?.message;
  }
}

let csrfToken = '';
let onLoggedOut: () => void = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the server says the session has ended, so the app can show the login again. */
export function whenLoggedOut(handler: () => void): void {
  onLoggedOut = handler;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`/admin/api${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached. Check your connection; nothing was saved.');
  }
  if (response.status === 204) return undefined as T;
  return answered<T>(response.status, await response.json().catch(() => ({})));
}

/** The body of an answer, or its error as an ApiError (a lost session shows the login again). */
function answered<T>(status: number, body: unknown): T {
  const data = body as { error?: ({ code: string; message: string; problems?: FieldProblem[] } & Record<string, unknown>) | string; problems?: FieldProblem[] };
  if (status < 200 || status > 299) {
    const error = typeof data.error === 'object' ? data.error : pluginError(status, data.error, data.problems);
    if (status === 401 && error.code === 'GUILD_ERR_AUTH_REQUIRED') onLoggedOut();
    throw new ApiError(status, error.code, error.message, error.problems ?? [], error);
  }
  return data as T;
}

/** A plugin's admin action answers in its own words: `{problems}` for a form, `{error: "..."}` otherwise. */
function pluginError(status: number, text: string | undefined, problems: FieldProblem[] | undefined): { code: string; message: string; problems?: FieldProblem[] } {
  if (problems?.length) return { code: 'GUILD_ERR_INVALID_INPUT', message: 'Some fields need a fix; see the marked fields.', problems };
  const message = text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : `The server answered ${status}.`;
  return { code: 'UNKNOWN', message };
}

/** POSTs a form with a file, telling how much of it has gone up (which fetch cannot). */
export function upload<T>(path: string, form: FormData, onProgress: (sent: number, total: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/admin/api${path}`);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('X-CSRF-Token', csrfToken);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded, event.total);
    request.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server cannot be reached. Check your connection; nothing was saved.'));
    request.onload = () => {
      let body: unknown = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // answered below by its status
      }
      try {
        resolve(answered<T>(request.status, body));
      } catch (error) {
        reject(error);
      }
    };
    request.send(form);
  });
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {});
export const del = <T = void>(path: string) => api<T>('DELETE', path);

// The shapes the API answers with (see docs/admin-api.md).

export type Role = 'owner' | 'editor' | 'author';
export type PostStatus = 'draft' | 'published' | 'scheduled';

export interface Session {
  csrfToken: string;
  user: { id: number; email: string; name: string; role: Role; author: string };
  site: { id: string; title: string; url: string; locale: string; timezone: string; logo: string | null; icon: string | null };
  capabilities: string[];
}

export interface PostSummary {
  id: number;
  type: 'post' | 'page';
  title: string;
  slug: string;
  status: PostStatus;
  url: string;
  previewUrl: string;
  excerpt: string | null;
  summary?: string;
  html?: string;
  featureImage: string | null;
  featured: boolean;
  /** Visitors must give it to read the post; null when open to all. */
  password: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  tags: Array<{ name: string; slug: string }>;
  authors: Array<{ name: string; slug: string }>;
}

export interface RejectedPart {
  kind: 'element' | 'attribute' | 'style' | 'class';
  element: string;
  attribute?: string;
  value?: string;
  source: string;
  reason: string;
}

/** A post as saved: `rejected` lists what the sanitizer removed, `rejectedSummary` says it in one sentence. */
export type SavedPost = PostSummary & { html: string; rejected?: RejectedPart[]; rejectedSummary?: string };

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
  limit: number;
}

export interface MediaItem {
  id: number;
  url: string;
  filename: string;
  mime: string;
  size: number;
  width: number;
  height: number;
  alt: string;
  variants: Record<string, string>;
  createdAt: string;
}
