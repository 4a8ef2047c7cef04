/**
 * The panels plugins add to the post editor's settings, through the `admin:editor-panels` filter.
 * A panel stands only for a plugin running on this site, and names one of its admin routes with
 * ":post" in it; the editor then reads and saves the post's values through that route
 * (/admin/api/plugins/<plugin>/actions/<path>), like any of the plugin's admin actions.
 */
import express from 'express';
import type { AdminEditorPanel, FormField } from '../../hooks/index.ts';
import { locals } from './context.ts';
import { Input } from './input.ts';

const FIELD_TYPES: ReadonlySet<FormField['type']> = new Set(['text', 'textarea', 'email', 'url', 'number', 'checkbox', 'select', 'html', 'image', 'date', 'file']);

export function editorPanelRoutes(): express.Router {
  const router = express.Router();

  router.get('/plugins/editor-panels', async (req, res) => {
    const input = new Input(req.query);
    const type = input.oneOf('type', ['post', 'page'] as const) ?? 'post';
    input.check();
    const site = locals(res).site;
    const panels = await site.hooks.run('admin:editor-panels', [], { site: site.info(), type });
    const running = new Set(site.plugins().filter((status) => status.state === 'active').map((status) => status.id));
    const items = (Array.isArray(panels) ? panels : []).filter((panel) => usable(panel, running));
    res.json({ items: items.map((panel) => ({ ...panel, fields: panel.fields.filter((field) => typeof field?.name === 'string' && FIELD_TYPES.has(field.type)) })) });
  });

  return router;
}

/** A panel of a running plugin, with a route for one post and a title; anything else is left out. */
function usable(panel: AdminEditorPanel, running: ReadonlySet<string>): boolean {
  return (
    typeof panel === 'object' &&
    panel !== null &&
    running.has(panel.plugin) &&
    typeof panel.title === 'string' &&
    typeof panel.path === 'string' &&
    /^\/[A-Za-z0-9_\-./:]*:post\b/.test(panel.path) &&
    Array.isArray(panel.fields)
  );
}
