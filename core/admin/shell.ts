/**
 * The one HTML page of the browser admin. Every screen is drawn by the client script; the page
 * itself is static text, so it answers at once.
 */
import { escapeHtml as escape } from '../content/index.ts';

export function adminShell(input: { siteTitle: string; version: string; locale: string }): string {
  return `<!doctype html>
<html lang="${escape(input.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Admin · ${escape(input.siteTitle)}</title>
<link rel="stylesheet" href="/admin/assets/admin.css?v=${input.version}">
<script defer src="/admin/assets/admin.js?v=${input.version}"></script>
</head>
<body>
<div id="admin"><noscript><p style="padding:2rem;font-family:system-ui">The admin needs JavaScript. Turn it on and reload.</p></noscript></div>
</body>
</html>
`;
}
