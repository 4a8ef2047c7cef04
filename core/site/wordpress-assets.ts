/**
 * The stylesheet for WordPress's markup (wordpress.css): one file for every theme that asks for it
 * in its package.json ("config": {"wordpress_assets": true}), so first-party themes share it rather
 * than each copying it, as Ghost links its cards' CSS from {{ghost_head}}. Its URL carries a hash of
 * its content, so browsers may keep it for a year.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Request, Response } from 'express';
import type { Theme } from '../themes/index.ts';

const CSS = readFileSync(new URL('./wordpress.css', import.meta.url), 'utf8');
const ONE_YEAR = 31_536_000;

export const WORDPRESS_CSS_PATH = '/public/guild-wordpress.css';
const VERSION = createHash('sha256').update(CSS).digest('hex').slice(0, 12);

/** Whether the theme asks for WordPress's markup to be styled for it. */
export function wantsWordPressAssets(theme: Theme): boolean {
  return theme.manifest.config?.wordpress_assets === true;
}

/** The stylesheet's link for {{ghost_head}}. */
export function wordPressStylesheet(): string {
  return `<link rel="stylesheet" href="${WORDPRESS_CSS_PATH}?v=${VERSION}">`;
}

export function sendWordPressCss(req: Request, res: Response): void {
  res.type('text/css').set('Cache-Control', req.query.v === VERSION ? `public, max-age=${ONE_YEAR}, immutable` : 'public, max-age=0, must-revalidate').send(CSS);
}
