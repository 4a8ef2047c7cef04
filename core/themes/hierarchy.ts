/**
 * Ghost's template hierarchy: which template files may render a page, most specific first.
 * The first one the theme has is used.
 */
export type TemplateRoute =
  | { readonly kind: 'home'; readonly page: number }
  | { readonly kind: 'index'; readonly page: number }
  | { readonly kind: 'post' | 'page'; readonly slug: string; readonly custom: string | null }
  | { readonly kind: 'tag' | 'author'; readonly slug: string }
  | { readonly kind: 'error'; readonly status: number }
  | { readonly kind: 'private' };

export function templateCandidates(route: TemplateRoute): string[] {
  switch (route.kind) {
    case 'home':
      return route.page === 1 ? ['home', 'index'] : ['index'];
    case 'index':
      return ['index'];
    case 'post':
      return [`post-${route.slug}`, ...custom(route.custom), 'post'];
    case 'page':
      return [`page-${route.slug}`, ...custom(route.custom), 'page', 'post'];
    case 'tag':
    case 'author':
      return [`${route.kind}-${route.slug}`, route.kind, 'index'];
    case 'error':
      return [`error-${route.status}`, `error-${String(route.status)[0]}xx`, 'error'];
    case 'private':
      return ['private'];
  }
}

function custom(template: string | null): string[] {
  return template ? [template.startsWith('custom-') ? template : `custom-${template}`] : [];
}
