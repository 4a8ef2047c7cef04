/**
 * A theme's custom settings (package.json `config.custom`, as in Ghost) seen from both sides: the
 * fields a settings form shows, the checks a site's values must pass (site.json "theme.settings",
 * or the admin's form), and the `@custom` values templates read, defaults filled in.
 */
import { isSafeLink } from '../content/index.ts';
import { closest, type ManifestProblem, type ThemeCustomSetting, type ThemeManifest } from '../manifest/index.ts';

export type SettingGroup = 'site' | 'homepage' | 'post';

/** One field of the theme settings form. */
export interface SettingField {
  readonly key: string;
  readonly type: ThemeCustomSetting['type'];
  /** "accent_color" → "Accent color". */
  readonly label: string;
  readonly description: string;
  /** Site-wide settings have no group in package.json; Ghost's admin shows them first. */
  readonly group: SettingGroup;
  readonly options: readonly string[];
  readonly default: unknown;
  /** Ghost's condition for showing the field, e.g. "hero_layout:[Split image, Full bleed]". */
  readonly visibility: string | null;
}

const GROUP_ORDER: readonly SettingGroup[] = ['site', 'homepage', 'post'];
const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The settings form of a theme: every field with its label, kind, choices and default, site-wide first. */
export function settingsFields(manifest: ThemeManifest): SettingField[] {
  const fields: SettingField[] = Object.entries(manifest.config?.custom ?? {}).map(([key, setting]) => ({
    key,
    type: setting.type,
    label: key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, ' '),
    description: setting.description ?? '',
    group: setting.group ?? 'site',
    options: setting.options ?? [],
    default: defaultOf(setting),
    visibility: setting.visibility ?? null,
  }));
  return fields.sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
}

/** What is wrong with a site's values for a theme's settings, by JSON path under `basePath`. */
export function settingsValueProblems(manifest: ThemeManifest, values: Readonly<Record<string, unknown>>, file: string, basePath = '/theme/settings'): ManifestProblem[] {
  const declared = manifest.config?.custom ?? {};
  const keys = Object.keys(declared);
  const problems: ManifestProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = `${basePath}/${key}`;
    // Own keys only: "constructor" or "__proto__" would otherwise find Object's own and be let in.
    const setting = Object.hasOwn(declared, key) ? declared[key] : undefined;
    if (!setting) {
      const guess = closest(key, keys);
      const hint = guess ? `; did you mean "${guess}"?` : keys.length ? `; its settings are: ${keys.join(', ')}` : '; it has none';
      problems.push({ file, path, message: `is not a setting of theme "${manifest.name}"${hint}` });
      continue;
    }
    const wrong = valueProblem(setting, value);
    if (wrong) problems.push({ file, path, message: wrong });
  }
  return problems;
}

/** The `@custom` values: each declared setting's value from the site, or its default. */
export function customValues(manifest: ThemeManifest, values: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(manifest.config?.custom ?? {}).map(([key, setting]) => [key, Object.hasOwn(values, key) && !valueProblem(setting, values[key]) ? values[key] : defaultOf(setting)]),
  );
}

function valueProblem(setting: ThemeCustomSetting, value: unknown): string | null {
  switch (setting.type) {
    case 'select':
      return typeof value === 'string' && (setting.options ?? []).includes(value) ? null : `must be one of: ${(setting.options ?? []).map((option) => JSON.stringify(option)).join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'color':
      return typeof value === 'string' && COLOR.test(value) ? null : 'must be a hex colour like "#1a2b3c"';
    case 'image':
      return value === null || value === '' || (typeof value === 'string' && isSafeLink(value) && !/^(#|mailto:|tel:)/i.test(value)) ? null : 'must be an image URL or a path like "/content/images/hero.jpg", or null for none';
    case 'text':
      return value === null || typeof value === 'string' ? null : 'must be text';
  }
}

function defaultOf(setting: ThemeCustomSetting): unknown {
  if (setting.default !== undefined) return setting.default;
  return setting.type === 'boolean' ? false : setting.type === 'select' ? (setting.options?.[0] ?? null) : setting.type === 'text' ? '' : null;
}
