/**
 * WordPress menus become navigation menus of the same slug, and one of them the site's primary
 * navigation: the one asked for, else one named like a main menu, else the first with items.
 * (The export does not say which menu the WordPress theme showed where.) Guild's navigation is
 * one level deep: every menu keeps all its items in order, the primary one its top level only.
 */
import type { NavigationItem } from '../../content/index.ts';
import { htmlToText } from '../../content/index.ts';
import { count, skip } from '../report.ts';
import { digest, type ImportRun } from '../run.ts';
import type { WxrItem } from '../types.ts';
import { tagKey } from './tags.ts';

interface MenuEntry {
  readonly id: string;
  readonly parent: string;
  readonly order: number;
  readonly item: NavigationItem;
}

const MAIN_MENU = /^(primary|main|header|top|menu-1|main-menu|primary-menu|hauptmenu)$/i;

export async function importMenus(run: ImportRun): Promise<void> {
  const menus = new Map<string, { name: string; entries: MenuEntry[] }>();
  for (const term of run.doc.terms) if (term.taxonomy === 'nav_menu') menus.set(term.slug, { name: term.name, entries: [] });
  for (const item of run.doc.items) {
    if (item.type !== 'nav_menu_item') continue;
    const menu = item.terms.find((term) => term.taxonomy === 'nav_menu');
    const entry = menu && menuEntry(run, item);
    if (menu && entry) {
      if (!menus.has(menu.slug)) menus.set(menu.slug, { name: menu.name, entries: [] });
      menus.get(menu.slug)!.entries.push(entry);
    }
    run.step();
  }
  const primary = pickPrimary(run, menus);
  for (const [slug, menu] of menus) {
    const ordered = depthFirst(menu.entries);
    await saveMenu(run, slug, ordered.map((entry) => entry.item));
    if (slug === primary) {
      const topLevel = ordered.filter((entry) => !menu.entries.some((other) => other.id === entry.parent)).map((entry) => entry.item);
      await saveMenu(run, 'primary', topLevel, `WordPress menu "${menu.name}" is the site's navigation (choose another with --menu <slug>).`);
    }
  }
}

function menuEntry(run: ImportRun, item: WxrItem): MenuEntry | undefined {
  const meta = Object.fromEntries(item.meta.map((entry) => [entry.key, entry.value]));
  const type = meta._menu_item_type ?? 'custom';
  const object = meta._menu_item_object ?? '';
  const objectId = meta._menu_item_object_id ?? '';
  let url: string | undefined;
  let label = htmlToText(item.title);
  if (type === 'custom') {
    const raw = meta._menu_item_url ?? '';
    url = run.links.resolve(raw) ?? raw;
  } else if (type === 'post_type') {
    const target = run.doc.items.find((candidate) => candidate.id === objectId);
    url = run.pathOf(objectId);
    label ||= htmlToText(target?.title ?? '');
  } else if (type === 'taxonomy') {
    const term = run.doc.terms.find((candidate) => candidate.id === objectId && candidate.taxonomy === object);
    const slug = term && run.tagSlugs.get(tagKey(term.taxonomy, term.slug));
    url = slug && `/tag/${slug}/`;
    label ||= term?.name ?? '';
  } else if (type === 'post_type_archive' && object === 'post') {
    url = '/';
  }
  if (!url) {
    skip(run.report, 'menu items', 'they link to something that was not imported (a draft left out, a custom post type or taxonomy)', label || `#${item.id}`);
    return undefined;
  }
  return { id: item.id, parent: meta._menu_item_menu_item_parent ?? '0', order: item.menuOrder, item: { label: label || url, url } };
}

function depthFirst(entries: readonly MenuEntry[]): MenuEntry[] {
  const ids = new Set(entries.map((entry) => entry.id));
  const children = (parent: string): MenuEntry[] =>
    entries.filter((entry) => (parent === '' ? !ids.has(entry.parent) : entry.parent === parent)).sort((a, b) => a.order - b.order);
  const out: MenuEntry[] = [];
  const visit = (entry: MenuEntry) => {
    out.push(entry);
    children(entry.id).forEach(visit);
  };
  children('').forEach(visit);
  return out;
}

function pickPrimary(run: ImportRun, menus: Map<string, { name: string; entries: MenuEntry[] }>): string | undefined {
  const asked = run.options.primaryMenu;
  if (asked) {
    if (!menus.has(asked)) throw new Error(`There is no WordPress menu "${asked}" in this export; its menus are: ${[...menus.keys()].join(', ') || 'none'}.`);
    return asked;
  }
  const withItems = [...menus].filter(([, menu]) => menu.entries.length > 0);
  return (withItems.find(([slug, menu]) => MAIN_MENU.test(slug) || MAIN_MENU.test(menu.name)) ?? withItems[0])?.[0];
}

async function saveMenu(run: ImportRun, menu: string, items: NavigationItem[], note?: string): Promise<void> {
  const hash = digest(items);
  const origin = await run.origin('menu', menu);
  const current = await run.store.getNavigation(menu);
  if (origin?.data.hash === hash || digest(current) === hash) {
    if (origin?.data.hash !== hash) await run.remember('menu', menu, null, { hash });
    return count(run.report, 'menus', 'unchanged');
  }
  await run.store.setNavigation(items, menu);
  await run.remember('menu', menu, null, { hash });
  if (note) run.report.notes.push(note);
  count(run.report, 'menus', origin ? 'updated' : 'created');
}
