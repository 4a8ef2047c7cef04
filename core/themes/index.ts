export { checkTheme, checkThemeFiles, fatalProblems, formatReport, KNOWN_HELPERS, type CheckFailure, type CheckLevel, type CheckReport, type CheckResult, type CheckRule } from './check.ts';
export { templateCandidates, type TemplateRoute } from './hierarchy.ts';
export { ThemeRegistry } from './registry.ts';
export { customValues, settingsFields, settingsValueProblems, type SettingField, type SettingGroup } from './settings.ts';
export { loadTheme, Theme, ThemeInvalid, type RenderExtras, type ThemeTemplate } from './theme.ts';
export type * from './types.ts';
export { scaffoldTheme } from './scaffold.ts';
