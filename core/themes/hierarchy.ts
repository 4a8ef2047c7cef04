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
  | { readonly kind: 'private' }
  /** The site's search results at /search/?q= (Guild's; Ghost searches in a pop-up only). */
  | { readonly kind: 'search' }
  /** A plugin content type's entry ("project"), and its list (at "projects"). */
  | { readonly kind: 'entry'; readonly type: string; readonly slug: string }
  | { readonly kind: 'entries'; readonly path: string };

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
    case 'search':
      return ['search'];
    case 'entry':
      return [`${route.type}-${route.slug}`, route.type];
    case 'entries':
      return [route.path];
  }
}

function custom(template: string | null): string[] {
  return template ? [template.startsWith('custom-') ? template : `custom-${template}`] : [];
}
