/**
 * Roles on a site and what each may do. An owner (the freelancer who built the site) may do
 * everything; an editor (the client) runs the content, media, navigation and settings; an author
 * writes and publishes their own posts. Routes ask for a capability, never for a role by name.
 */

export const ROLES = ['owner', 'editor', 'author'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = {
  /** Write, publish and delete posts they are an author of. */
  'posts:own': 'writing your own posts',
  /** Write, publish and delete every post and page, and pick any author. */
  'posts:all': "editing other people's posts and pages",
  /** Change the HTML of a post's HTML cards (markup the editor has no control for) in the editor. */
  'content:html': "editing a post's HTML",
  'media:upload': 'uploading files',
  /** Change alt text of and delete any file in the media library. */
  'media:manage': "changing and deleting the media library's files",
  'tags:manage': 'managing tags',
  'navigation:edit': 'changing the navigation',
  'settings:edit': "changing the site's settings",
  /** Owners only: HTML added to every page (code injection), and the Content API key. */
  'site:code': "adding code to every page and managing the Content API key",
  'theme:settings': "changing the theme's settings",
  'plugins:settings': "changing plugins' settings",
  /** Plugins' admin pages and their actions (messages, redirects, analytics), and their panels in the editor. */
  'plugins:pages': "using plugins' admin pages",
  /** Why a plugin failed, and switching a switched-off plugin back on. */
  'plugins:manage': 'managing plugins',
  'users:manage': 'managing who can log in to this site',
  /** Bring content in from a WordPress export. */
  'content:import': 'importing content',
  /** Download the whole site (archive) or its content (WordPress export). */
  'site:export': 'exporting the site',
  /** Install, buy and remove themes and plugins from the directory; switch the theme. */
  'packages:manage': 'installing and removing themes and plugins',
  /** Disable, rename and remove the site, and change its domains. */
  'site:manage': 'disabling, renaming and removing the site and changing its domains',
} as const;
export type Capability = keyof typeof CAPABILITIES;

const EDITOR: readonly Capability[] = [
  'posts:own',
  'posts:all',
  'content:html',
  'media:upload',
  'media:manage',
  'tags:manage',
  'navigation:edit',
  'settings:edit',
  'theme:settings',
  'plugins:pages',
  'content:import',
];

const GRANTS: Readonly<Record<Role, ReadonlySet<Capability>>> = {
  owner: new Set(Object.keys(CAPABILITIES) as Capability[]),
  editor: new Set(EDITOR),
  author: new Set<Capability>(['posts:own', 'media:upload']),
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, capability: Capability): boolean {
  return GRANTS[role].has(capability);
}

/** Every capability of a role, for the admin to show or hide what a user cannot use. */
export function capabilitiesOf(role: Role): Capability[] {
  return [...GRANTS[role]];
}

/** Whether `role` is at least as strong as `minimum` (owner > editor > author). */
export function atLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(minimum);
}
