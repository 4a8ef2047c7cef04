export { templateCandidates, type TemplateRoute } from './hierarchy.ts';
export { ThemeRegistry } from './registry.ts';
export { compilePartial, htmlHelper, isEngineHelper, type ExtraHelper } from './extras.ts';
export { loadTheme, Theme, ThemeInvalid, type RenderExtras, type ThemeTemplate } from './theme.ts';
export type * from './types.ts';
