/**
 * A small, theme-free HTML page for when there is no theme to ask: an unknown host, a refused
 * site, or a theme that cannot render its own error page. It never shows a stack trace.
 */
import { escapeHtml } from '../content/index.ts';

export function plainPage(title: string, heading: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; font: 16px/1.6 system-ui, sans-serif; color: #1f2937; background: #f8fafc; }
  main { max-width: 34rem; padding: 2rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
  a { color: #2563eb; }
  code { background: #e2e8f0; padding: .1em .35em; border-radius: 4px; }
</style>
</head>
<body><main><h1>${escapeHtml(heading)}</h1>${body}</main></body>
</html>
`;
}

/** The core password form (a private site's, a protected post's), posting back to the page it is on. */
export function passwordForm(error: string | null): string {
  return `<form method="post"><label>Password <input type="password" name="password" autocomplete="current-password" autofocus required></label> <button>Enter</button></form>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}`;
}
