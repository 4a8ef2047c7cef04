/** Which of a site's theme settings survive a switch to another theme. */
import type { ThemeManifest } from '../manifest/index.ts';
import { settingsValueProblems } from '../themes/index.ts';

export interface CarriedSettings {
  /** The settings the new theme knows, with values it accepts. */
  readonly kept: Record<string, unknown>;
  /** The names of the settings left behind: unknown to the new theme, or a value it does not accept. */
  readonly dropped: string[];
}

export function carrySettings(theme: ThemeManifest, settings: Readonly<Record<string, unknown>> = {}, file: string): CarriedSettings {
  const refused = new Set(settingsValueProblems(theme, settings, file, '').map((problem) => problem.path.slice(1)));
  const kept = Object.fromEntries(Object.entries(settings).filter(([key]) => !refused.has(key)));
  return { kept, dropped: [...refused] };
}
