export { templateCandidates, type TemplateRoute } from './hierarchy.ts';
export { ThemeRegistry } from './registry.ts';
export { loadTheme, Theme, ThemeInvalid, type RenderExtras, type ThemeTemplate } from './theme.ts';
export type * from './types.ts';
