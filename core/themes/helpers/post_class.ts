/**
 * Usage: <article class="{{post_class}}">
 * "post", plus "featured", "page", "no-image" and "tag-<slug>" for each tag, as in Ghost.
 */
export function post_class(this: { featured?: unknown; page?: unknown; feature_image?: unknown; tags?: unknown }): string {
  const classes = ['post'];
  if (this.featured) classes.push('featured');
  if (this.page) classes.push('page');
  if (!this.feature_image) classes.push('no-image');
  for (const tag of Array.isArray(this.tags) ? this.tags : []) classes.push(`tag-${(tag as { slug: string }).slug}`);
  return classes.join(' ');
}
